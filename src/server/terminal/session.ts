// One terminal session: an exec on the engine's hijacked connection, bridged to one WebSocket with backpressure both ways, hung up when the client leaves.
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import type { DockerClient } from '../../docker/client.js';
import { BadRequestError } from '../../docker/errors.js';
import { FrameDemuxer } from '../../docker/log-stream.js';
import { errorCodeOf } from '../../schema/errors.js';
import {
  CLOSE_INTERNAL,
  CLOSE_NORMAL,
  closeCodeFor,
  closeReason,
  errorMessage,
  exitMessage,
  parseControl,
  type TerminalRequest,
} from './protocol.js';

/** A message the client sent before the session could take it (while it authenticated, or the exec started). */
export interface PendingMessage {
  data: Buffer;
  isBinary: boolean;
}

/** Above this many bytes waiting for the client, the engine's stream is paused until they have gone out. */
export const CLIENT_HIGH_WATER = 256 * 1024;
/** Between the interrupt and the end-of-input of a hang-up: sent together, the terminal drops the second. */
export const HANGUP_PAUSE_MS = 150;
/** How much of the output's start is kept for that message. */
const HEAD_CHARS = 1024;
/** How long a hung-up process has to end before it is reported as left running. */
const HANGUP_CHECK_MS = 2_000;
/** How long the engine has to close its side once ours is closed, before the connection is cut. */
const ENGINE_CLOSE_GRACE_MS = 1_000;

export interface SessionTarget {
  engine: DockerClient;
  /** The container's full id. */
  containerId: string;
  request: TerminalRequest;
}

export class TerminalSession {
  private engineSocket: Duplex | undefined;
  private execId: string | undefined;
  /** The process ended and the client was told (or the client went away first). */
  private finished = false;
  private clientGone = false;
  private readonly abort = new AbortController();
  /** Client messages that came before the engine connection was there. */
  private readonly queued: PendingMessage[];
  /** The start of the output, for the engine's message when the program could not be run. */
  private head = '';
  /** Settles when the session is over on both sides (the hang-up checked, when there was one). */
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(
    private readonly ws: WebSocket,
    private readonly target: SessionTarget,
    private readonly logger: Logger,
    pending: PendingMessage[],
  ) {
    this.queued = pending;
    this.done = new Promise((resolve) => {
      this.resolveDone = resolve;
    });
    ws.on('message', (data: Buffer, isBinary: boolean) => this.fromClient({ data, isBinary }));
    ws.once('close', () => this.onClientClose());
  }

  /** Creates and starts the exec; rejects (after closing the socket with the error) when the engine refuses. */
  async start(): Promise<void> {
    const { engine, containerId, request } = this.target;
    const call = { signal: this.abort.signal };
    try {
      const created = await engine.exec.create(
        containerId,
        { Cmd: request.cmd, Tty: request.tty, AttachStdin: true, AttachStdout: true, AttachStderr: true },
        call,
      );
      this.execId = created.Id;
      this.engineSocket = await engine.exec.start(created.Id, request.tty, call);
    } catch (error) {
      if (this.clientGone) {
        this.resolveDone();
        return;
      }
      this.fail(error);
      throw error;
    }
    if (this.clientGone) {
      // The client left while the exec started: nobody will type into it.
      void this.hangUp();
      return;
    }
    this.bridge(this.engineSocket);
    for (const message of this.queued.splice(0)) this.fromClient(message);
  }

  /** Ends the session from the gateway's side (a stop): the client is told 1001 and the process hung up. */
  close(code: number, reason: string): void {
    if (this.ws.readyState === this.ws.OPEN || this.ws.readyState === this.ws.CONNECTING) this.ws.close(code, reason);
  }

  private bridge(socket: Duplex): void {
    const { ws } = this;
    const toClient = (payload: Buffer) => {
      if (this.head.length < HEAD_CHARS) this.head += payload.toString('utf8', 0, HEAD_CHARS);
      if (ws.readyState !== ws.OPEN) return;
      if (ws.bufferedAmount + payload.length > CLIENT_HIGH_WATER) {
        // The client reads slower than the process writes: stop reading the engine until this frame is out.
        socket.pause();
        ws.send(payload, { binary: true }, () => socket.resume());
      } else {
        ws.send(payload, { binary: true });
      }
    };
    if (this.target.request.tty) {
      socket.on('data', toClient);
    } else {
      // Without a TTY the engine multiplexes stdout and stderr; the terminal shows them interleaved.
      const demuxer = new FrameDemuxer();
      socket.on('data', (chunk: Buffer) => demuxer.push(chunk, (frame) => toClient(Buffer.from(frame.payload))));
    }
    socket.on('error', (error: Error) => this.logger.debug({ err: error, execId: this.execId }, 'terminal engine connection failed'));
    socket.once('close', () => void this.onEngineClose());
  }

  private fromClient(message: PendingMessage): void {
    const socket = this.engineSocket;
    if (!socket) {
      this.queued.push(message);
      return;
    }
    if (message.isBinary) {
      if (socket.destroyed || socket.writableEnded) return;
      // The engine reads slower than the client types: stop reading the client until the engine has taken it.
      if (!socket.write(message.data)) {
        this.ws.pause();
        socket.once('drain', () => this.ws.resume());
      }
      return;
    }
    const control = parseControl(message.data.toString('utf8'));
    if (control.type === 'resize') {
      if (!this.target.request.tty || !this.execId) return;
      this.target.engine.exec
        .resize(this.execId, { cols: control.cols, rows: control.rows }, { signal: this.abort.signal })
        .catch((error: unknown) => this.logger.debug({ err: error, execId: this.execId }, 'terminal resize failed'));
      return;
    }
    this.logger.debug(
      { message: control.type === 'unknown' ? control.text.slice(0, 200) : control.type },
      'terminal control message ignored',
    );
  }

  /** The engine closed the stream: the process ended (or the engine went away). Tells the client the exit code, then closes. */
  private async onEngineClose(): Promise<void> {
    if (this.clientGone) return;
    this.finished = true;
    const { engine, containerId } = this.target;
    try {
      const state = await engine.exec.finished(this.execId as string, { signal: this.abort.signal });
      if (state.Running) {
        this.logger.warn({ execId: this.execId, container: containerId }, 'the engine ended a terminal connection while its process runs');
        this.close(CLOSE_INTERNAL, 'The engine ended the connection while the process runs');
      } else if (state.Pid === 0) {
        // The engine reports a program it could not run on the stream, after the upgrade; no process ever had a pid.
        this.fail(new BadRequestError(this.head.trim() || `The command could not be started (exit code ${state.ExitCode})`));
      } else if (this.ws.readyState === this.ws.OPEN) {
        this.ws.send(exitMessage(state.ExitCode ?? -1));
        this.ws.close(CLOSE_NORMAL);
      }
    } catch (error) {
      if (!this.clientGone) this.fail(error);
    } finally {
      this.resolveDone();
    }
  }

  private onClientClose(): void {
    this.clientGone = true;
    if (this.finished) return;
    if (this.engineSocket) void this.hangUp();
    // Before the exec started, the abort below ends its requests; start() then settles the session.
    else this.abort.abort();
  }

  /**
   * The client left while the process runs. The engine keeps an exec's process after its connection
   * closes and has no call to stop one, so the session ends as a terminal hang-up would: with a TTY an
   * interrupt, a pause, then end-of-input; without one, stdin closed. Then the process is checked.
   */
  private async hangUp(): Promise<void> {
    const socket = this.engineSocket as Duplex;
    socket.removeAllListeners('data');
    // Nothing will read what the process still writes: let it flow away rather than fill the pipe.
    socket.resume();
    try {
      if (this.target.request.tty && !socket.destroyed) {
        socket.write('\x03');
        await new Promise((resolve) => setTimeout(resolve, HANGUP_PAUSE_MS));
        if (!socket.destroyed) socket.write('\x04');
      }
      if (!socket.destroyed) socket.end();
      const cut = setTimeout(() => socket.destroy(), ENGINE_CLOSE_GRACE_MS);
      socket.once('close', () => clearTimeout(cut));
      await this.checkEnded();
    } finally {
      socket.destroy();
      this.abort.abort();
      this.resolveDone();
    }
  }

  /** Waits a little for the hung-up process to end; one still running is logged with its exec id and container. */
  private async checkEnded(): Promise<void> {
    const { engine, containerId } = this.target;
    const execId = this.execId as string;
    const deadline = Date.now() + HANGUP_CHECK_MS;
    try {
      for (;;) {
        const state = await engine.exec.inspect(execId);
        if (!state.Running) return;
        if (Date.now() > deadline) {
          this.logger.warn({ execId, container: containerId }, 'a terminal process is still running after its hang-up');
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } catch (error) {
      this.logger.debug({ err: error, execId }, 'the hung-up exec could not be checked');
    }
  }

  private fail(error: unknown): void {
    const code = errorCodeOf(error);
    const known = code !== 'CANCELLED' && code !== 'INTERNAL_SERVER_ERROR';
    if (!known) this.logger.error({ err: error, execId: this.execId }, 'terminal session failed');
    const clientCode = known ? code : 'INTERNAL_SERVER_ERROR';
    const message = known && error instanceof Error ? error.message : 'Unexpected error.';
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(errorMessage(clientCode, message));
    this.close(closeCodeFor(clientCode), closeReason(message));
  }
}
