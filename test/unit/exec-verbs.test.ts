// The exec verbs on a mock engine: what each sends, how failures map, and how run() reads a hijacked stream (frames, bound, stdin, abort).
import { Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../src/docker/errors.js';
import type { ExecInspectWire } from '../../src/docker/types.js';
import { API, mockEngine, type MockEngine } from './helpers/mock-engine.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

const V = `/v${API}`;
const EXEC_ID = 'e1';

function frame(stream: 1 | 2, text: string): Buffer {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function inspectAnswer(state: Partial<ExecInspectWire>): string {
  return JSON.stringify({ ID: EXEC_ID, Running: false, ExitCode: 0, ContainerID: 'c1', Pid: 42, ...state });
}

/** A hijacked connection that the test plays the engine's side of: what the client wrote, and whether it closed its stdin. */
interface FakeConnection {
  socket: Duplex;
  written: Buffer[];
  stdinClosed: boolean;
  /** The start request's options as the client gave them. */
  started?: Record<string, unknown>;
}

/** Makes the mock agent answer upgrades with a fake connection (MockAgent itself has no hijacking). */
function hijackWith(chunks: Buffer[], options: { hold?: boolean } = {}): FakeConnection {
  const connection: FakeConnection = { written: [], stdinClosed: false } as unknown as FakeConnection;
  connection.socket = new Duplex({
    // As a net.Socket without half-open: the write side ends when the engine ends its side.
    allowHalfOpen: false,
    read() {},
    write(chunk: Buffer, _encoding, callback) {
      connection.written.push(chunk);
      callback();
    },
    final(callback) {
      connection.stdinClosed = true;
      callback();
    },
  });
  mock.agent.upgrade = (async (opts: Record<string, unknown>) => {
    connection.started = opts;
    queueMicrotask(() => {
      for (const chunk of chunks) connection.socket.push(chunk);
      if (!options.hold) connection.socket.push(null);
    });
    return { headers: {}, socket: connection.socket, opaque: null };
  }) as unknown as typeof mock.agent.upgrade;
  return connection;
}

describe('exec verbs', () => {
  it('create posts the body to /containers/{id}/exec', async () => {
    mock.answer(201, '{"Id":"e1"}');
    const created = await mock.client.exec.create('web 1', { Cmd: ['ls', '-l'], AttachStdout: true, Env: ['A=1'] });
    expect(created).toEqual({ Id: 'e1' });
    expect(mock.sent[0]).toMatchObject({ method: 'POST', pathname: `${V}/containers/web%201/exec` });
    expect(JSON.parse(mock.sent[0]?.body ?? '')).toEqual({ Cmd: ['ls', '-l'], AttachStdout: true, Env: ['A=1'] });
  });

  it.each([
    [409, 'CONFLICT'],
    [404, 'NOT_FOUND'],
    [400, 'BAD_USER_INPUT'],
    [500, 'DOCKER_ERROR'],
  ])('create answered %i is %s', async (status, code) => {
    mock.answer(status, { message: 'no' });
    await expect(mock.client.exec.create('web', { Cmd: ['ls'] })).rejects.toMatchObject({ code, message: 'no' });
  });

  it('inspect reads /exec/{id}/json; a missing exec is NOT_FOUND', async () => {
    mock.answer(200, inspectAnswer({ ExitCode: 3 }));
    expect(await mock.client.exec.inspect(EXEC_ID)).toMatchObject({ ExitCode: 3, Running: false });
    expect(mock.sent[0]).toMatchObject({ method: 'GET', pathname: `${V}/exec/e1/json` });
    mock.answer(404, { message: 'No such exec instance: e2' });
    await expect(mock.client.exec.inspect('e2')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('resize posts h and w', async () => {
    mock.answer(200, '');
    await mock.client.exec.resize(EXEC_ID, { cols: 120, rows: 40 });
    expect(mock.sent[0]).toMatchObject({ method: 'POST', pathname: `${V}/exec/e1/resize`, query: { h: '40', w: '120' } });
  });

  it('start on an engine that answers without upgrading is CONFLICT, not a transport failure', async () => {
    mock.answer(409, { message: 'Container c1 is not running' });
    const error = await mock.client.exec.start(EXEC_ID, true).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('exec run', () => {
  it('starts with Tty false on /exec/{id}/start, demultiplexes frames cut anywhere, and reads the exit code', async () => {
    const bytes = Buffer.concat([frame(1, 'out\n'), frame(2, 'err\n'), frame(1, 'more')]);
    const connection = hijackWith([bytes.subarray(0, 5), bytes.subarray(5, 13), bytes.subarray(13)]);
    mock.answer(201, '{"Id":"e1"}');
    mock.answer(200, inspectAnswer({ ExitCode: 3 }));
    const output = await mock.client.exec.run('c1', { cmd: ['sh'], maxBytes: 1024 });
    expect(output).toEqual({ exitCode: 3, stdout: 'out\nmore', stderr: 'err\n', truncated: false });
    expect(connection.started).toMatchObject({ method: 'POST', path: `${V}/exec/e1/start`, protocol: 'tcp' });
    expect(JSON.parse(String(connection.started?.body))).toEqual({ Detach: false, Tty: false });
    expect(JSON.parse(mock.sent[0]?.body ?? '')).toMatchObject({ AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false });
  });

  it('writes stdin and closes it', async () => {
    const connection = hijackWith([frame(1, 'echo')]);
    mock.answer(201, '{"Id":"e1"}');
    mock.answer(200, inspectAnswer({}));
    await mock.client.exec.run('c1', { cmd: ['cat'], stdin: 'echo', maxBytes: 1024 });
    expect(Buffer.concat(connection.written).toString()).toBe('echo');
    expect(connection.stdinClosed).toBe(true);
    expect(JSON.parse(mock.sent[0]?.body ?? '')).toMatchObject({ AttachStdin: true });
  });

  it('keeps maxBytes over both streams, then only drains', async () => {
    hijackWith([frame(1, '12345'), frame(2, 'abcdefgh'), frame(1, 'dropped')]);
    mock.answer(201, '{"Id":"e1"}');
    mock.answer(200, inspectAnswer({}));
    const output = await mock.client.exec.run('c1', { cmd: ['sh'], maxBytes: 8 });
    expect(output).toEqual({ exitCode: 0, stdout: '12345', stderr: 'abc', truncated: true });
  });

  it('asks again for the exit code while the engine still says running', async () => {
    hijackWith([]);
    mock.answer(201, '{"Id":"e1"}');
    mock.answer(200, inspectAnswer({ Running: true, ExitCode: null }));
    mock.answer(200, inspectAnswer({ ExitCode: 7 }));
    expect((await mock.client.exec.run('c1', { cmd: ['sh'], maxBytes: 8 })).exitCode).toBe(7);
  });

  it('a program the engine could not start (no pid) is BAD_USER_INPUT with the message it wrote on the stream', async () => {
    hijackWith([frame(1, 'OCI runtime exec failed: exec: "nope": executable file not found in $PATH: unknown\r\n')]);
    mock.answer(201, '{"Id":"e1"}');
    mock.answer(200, inspectAnswer({ ExitCode: 126, Pid: 0 }));
    await expect(mock.client.exec.run('c1', { cmd: ['nope'], maxBytes: 1024 })).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'OCI runtime exec failed: exec: "nope": executable file not found in $PATH: unknown',
    });
  });

  it('an abort ends the engine connection and the run', async () => {
    const connection = hijackWith([frame(1, 'partial')], { hold: true });
    mock.answer(201, '{"Id":"e1"}');
    const controller = new AbortController();
    const running = mock.client.exec.run('c1', { cmd: ['sleep', '9'], maxBytes: 1024 }, { signal: controller.signal });
    await new Promise((resolve) => connection.socket.once('data', resolve));
    controller.abort(new Error('client gone'));
    await expect(running).rejects.toThrow('client gone');
    expect(connection.socket.destroyed).toBe(true);
  });
});
