// One terminal session on fakes: backpressure both ways, resize and unknown control messages, the hang-up, the exit message.
import { EventEmitter } from 'node:events';
import { Duplex } from 'node:stream';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import type { DockerClient } from '../../src/docker/client.js';
import { parseControl, parseTerminalUrl } from '../../src/server/terminal/protocol.js';
import { CLIENT_HIGH_WATER, HANGUP_PAUSE_MS, TerminalSession } from '../../src/server/terminal/session.js';

/** The WebSocket as the session uses it: sends recorded, bufferedAmount settable, pause and resume counted. */
class FakeSocket extends EventEmitter {
  readonly OPEN = 1;
  readonly CONNECTING = 0;
  readyState = 1;
  bufferedAmount = 0;
  paused = false;
  readonly sent: Array<{ data: unknown; done?: (() => void) | undefined }> = [];
  closedWith: number | undefined;
  send(data: unknown, _options?: unknown, done?: () => void): void {
    this.sent.push({ data, done });
  }
  close(code: number): void {
    this.closedWith = code;
    this.readyState = 3;
    this.emit('close', code);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  /** A message from the client. */
  message(data: Buffer | string): void {
    this.emit('message', Buffer.from(data), typeof data !== 'string');
  }
}

/** The engine's side of a hijacked connection: what the session wrote, with writes held until released. */
function engineConnection() {
  const written: string[] = [];
  const held: Array<() => void> = [];
  const socket = new Duplex({
    writableHighWaterMark: 4,
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      written.push(chunk.toString('latin1'));
      held.push(callback);
    },
  });
  return {
    socket,
    written,
    /** The engine takes everything written so far. */
    release: () => {
      for (const callback of held.splice(0)) callback();
    },
  };
}

function session(tty: boolean) {
  const ws = new FakeSocket();
  const connection = engineConnection();
  const exec = {
    create: vi.fn(async () => ({ Id: 'e1' })),
    start: vi.fn(async () => connection.socket),
    resize: vi.fn(async () => undefined),
    finished: vi.fn(async () => ({ ID: 'e1', Running: false, ExitCode: 5, ContainerID: 'c1', Pid: 7 })),
    inspect: vi.fn(async () => ({ ID: 'e1', Running: false, ExitCode: 0, ContainerID: 'c1', Pid: 7 })),
  };
  const logger = pino({ level: 'silent' });
  const debug = vi.spyOn(logger, 'debug');
  const engine = { exec } as unknown as DockerClient;
  const terminal = new TerminalSession(
    ws as unknown as WebSocket,
    { engine, containerId: 'c1', request: { container: 'web', cmd: ['sh'], tty } },
    logger,
    [],
  );
  return { ws, connection, exec, debug, terminal };
}

describe('a terminal session', () => {
  it('pauses the engine while the client has too much waiting, and resumes once it went out', async () => {
    const { ws, connection, terminal } = session(true);
    await terminal.start();
    ws.bufferedAmount = CLIENT_HIGH_WATER;
    connection.socket.push(Buffer.from('lots'));
    await vi.waitFor(() => expect(ws.sent).toHaveLength(1));
    expect(connection.socket.isPaused()).toBe(true);
    ws.sent[0]?.done?.();
    expect(connection.socket.isPaused()).toBe(false);
  });

  it('pauses the client while the engine has not taken what was typed', async () => {
    const { ws, connection, terminal } = session(true);
    await terminal.start();
    ws.message(Buffer.from('typed fast'));
    expect(ws.paused).toBe(true);
    connection.release();
    await vi.waitFor(() => expect(ws.paused).toBe(false));
    expect(connection.written.join('')).toBe('typed fast');
  });

  it('passes a resize to the engine and ignores an unknown control message (logged at debug)', async () => {
    const { ws, exec, debug, terminal } = session(true);
    await terminal.start();
    ws.message(JSON.stringify({ type: 'resize', cols: 90, rows: 30 }));
    ws.message(JSON.stringify({ type: 'paste', text: 'x' }));
    expect(exec.resize).toHaveBeenCalledWith('e1', { cols: 90, rows: 30 }, expect.anything());
    expect(debug).toHaveBeenCalledWith(expect.anything(), 'terminal control message ignored');
    expect(ws.closedWith).toBeUndefined();
  });

  it('hangs a TTY up when the client leaves: an interrupt, a pause, then end-of-input', async () => {
    const { ws, connection, exec, terminal } = session(true);
    await terminal.start();
    connection.release();
    const closedAt = performance.now();
    ws.close(1000);
    const wrote = () => connection.written.join('');
    await vi.waitFor(() => {
      // The engine takes each byte as it comes.
      connection.release();
      expect(wrote()).toContain('\x04');
    });
    connection.release();
    await terminal.done;
    expect(wrote()).toBe('\x03\x04');
    expect(performance.now() - closedAt).toBeGreaterThanOrEqual(HANGUP_PAUSE_MS - 5);
    expect(exec.inspect).toHaveBeenCalledWith('e1');
    expect(connection.socket.destroyed).toBe(true);
  });

  it('tells the exit code when the process ends, then closes 1000', async () => {
    const { ws, connection, terminal } = session(true);
    await terminal.start();
    connection.socket.push(null);
    connection.socket.destroy();
    await terminal.done;
    expect(ws.sent.map((s) => s.data)).toContain('{"type":"exit","exitCode":5}');
    expect(ws.closedWith).toBe(1000);
  });
});

describe('the terminal protocol', () => {
  it('reads the path, the command and tty', () => {
    expect(parseTerminalUrl('/containers/local%2Fweb/exec?cmd=sh&cmd=-c&cmd=echo%20hi&tty=1')).toEqual({
      container: 'local/web',
      cmd: ['sh', '-c', 'echo hi'],
      tty: true,
    });
    expect(parseTerminalUrl('/containers/local/web/exec?cmd=sh')).toEqual({ container: 'local/web', cmd: ['sh'], tty: false });
    expect(parseTerminalUrl('/containers/web/exec')).toEqual({ error: expect.stringContaining('cmd') });
    expect(parseTerminalUrl('/graphql')).toBeNull();
  });

  it('reads resize and auth messages; anything else is unknown', () => {
    expect(parseControl('{"type":"resize","cols":80,"rows":24}')).toEqual({ type: 'resize', cols: 80, rows: 24 });
    expect(parseControl('{"type":"auth","authorization":"Bearer x"}')).toEqual({ type: 'auth', authorization: 'Bearer x' });
    expect(parseControl('{"type":"resize","cols":-1,"rows":24}').type).toBe('unknown');
    expect(parseControl('not json').type).toBe('unknown');
  });
});
