// The /exec endpoints: create a process in a running container, start it on a hijacked connection, resize its TTY, read its exit code.
import type { Duplex } from 'node:stream';
import { BadRequestError, fromTransportError } from './errors.js';
import { FrameDemuxer } from './log-stream.js';
import { endpoint, type EngineCall, type EngineTransport } from './request.js';
import type { ExecCreateResponse, ExecCreateWire, ExecInspectWire } from './types.js';

/** What one command run to completion gave back. */
export interface ExecOutput {
  exitCode: number;
  stdout: string;
  stderr: string;
  /** More than `maxBytes` came: the rest was read and dropped. */
  truncated: boolean;
}

export interface RunOptions {
  cmd: string[];
  env?: string[] | undefined;
  workingDir?: string | undefined;
  user?: string | undefined;
  /** Written to the process's stdin, which is then closed; without it no stdin is attached. */
  stdin?: string | undefined;
  /** The most output kept, stdout and stderr together. */
  maxBytes: number;
}

/** How often, and how many times, the exit code is asked for when the engine still says running after the stream ended. */
const EXIT_POLL_MS = 20;
const EXIT_POLLS = 50;

export function execApi(engine: EngineTransport) {
  const api = {
    /** `containerId` must be the full id or a name; the engine answers 409 for a stopped or paused container. */
    create(containerId: string, body: ExecCreateWire, call: EngineCall = {}): Promise<ExecCreateResponse> {
      return engine.json({ method: 'POST', endpoint: endpoint('/containers/{id}/exec', { id: containerId }), json: body, ...call });
    },

    /**
     * Starts the process on a hijacked connection: the socket carries its stdin one way and its output
     * the other (raw bytes with a TTY, multiplexed frames without). The caller destroys the socket.
     */
    start(execId: string, tty: boolean, call: EngineCall = {}): Promise<Duplex> {
      return engine.upgrade({
        method: 'POST',
        endpoint: endpoint('/exec/{id}/start', { id: execId }),
        json: { Detach: false, Tty: tty },
        ...call,
      });
    },

    inspect(execId: string, call: EngineCall = {}): Promise<ExecInspectWire> {
      return engine.json({ method: 'GET', endpoint: endpoint('/exec/{id}/json', { id: execId }), ...call });
    },

    async resize(execId: string, size: { cols: number; rows: number }, call: EngineCall = {}): Promise<void> {
      await engine.empty({
        method: 'POST',
        endpoint: endpoint('/exec/{id}/resize', { id: execId }),
        query: { h: size.rows, w: size.cols },
        ...call,
      });
    },

    /**
     * The exit state once the stream has ended: the engine records the exit code as the stream
     * closes, so a read made in the same instant may still say running.
     */
    async finished(execId: string, call: EngineCall = {}): Promise<ExecInspectWire> {
      let state = await api.inspect(execId, call);
      for (let i = 0; state.Running && i < EXIT_POLLS; i++) {
        await new Promise((resolve) => setTimeout(resolve, EXIT_POLL_MS));
        state = await api.inspect(execId, call);
      }
      return state;
    },

    /** docker exec without a TTY: runs the command to completion; stdin, when given, is written and closed. */
    async run(containerId: string, options: RunOptions, call: EngineCall = {}): Promise<ExecOutput> {
      const withStdin = options.stdin !== undefined;
      const created = await api.create(
        containerId,
        omitUndefined({
          Cmd: options.cmd,
          Env: options.env,
          WorkingDir: options.workingDir,
          User: options.user,
          Tty: false,
          AttachStdin: withStdin,
          AttachStdout: true,
          AttachStderr: true,
        }),
        call,
      );
      const socket = await api.start(created.Id, false, call);
      const output = await collect(socket, options.stdin, options.maxBytes, call.signal);
      const state = await api.finished(created.Id, call);
      // The engine reports a program it could not run on the stream (as stdout), after the upgrade; no process ever had a pid.
      if (!state.Running && state.Pid === 0) {
        throw new BadRequestError(output.stdout.trim() || `The command could not be started (exit code ${state.ExitCode})`);
      }
      return { ...output, exitCode: state.ExitCode ?? -1 };
    },
  };
  return api;
}

export type ExecApi = ReturnType<typeof execApi>;

/**
 * Reads a non-TTY exec's multiplexed output to its end, keeping at most `maxBytes` and draining the
 * rest (so the process is not blocked on a full pipe and its exit code comes). Rejects with the
 * signal's reason when it aborts (the transport has destroyed the socket by then).
 */
function collect(
  socket: Duplex,
  stdin: string | undefined,
  maxBytes: number,
  signal: AbortSignal | undefined,
): Promise<Omit<ExecOutput, 'exitCode'>> {
  return new Promise((resolve, reject) => {
    const demuxer = new FrameDemuxer();
    const kept = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let size = 0;
    let truncated = false;
    socket.on('data', (chunk: Buffer) => {
      // Past the bound nothing more is parsed: the bytes are only read, so the engine can finish.
      if (truncated) return;
      demuxer.push(chunk, (frame) => {
        if (truncated) return;
        const room = maxBytes - size;
        const payload = frame.payload.length > room ? frame.payload.subarray(0, room) : frame.payload;
        if (payload.length < frame.payload.length) truncated = true;
        // The frame's bytes are a view of a chunk that the demuxer may reuse: copy what is kept.
        kept[frame.stream].push(Buffer.from(payload));
        size += payload.length;
      });
    });
    const done = () => {
      if (signal?.aborted) {
        reject(signal.reason);
        return;
      }
      resolve({ stdout: Buffer.concat(kept.stdout).toString('utf8'), stderr: Buffer.concat(kept.stderr).toString('utf8'), truncated });
    };
    socket.once('close', done);
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A process that exits before reading all its stdin closes the pipe under the write: its output still counts.
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') return;
      socket.off('close', done);
      socket.destroy();
      reject(signal?.aborted ? signal.reason : fromTransportError(error));
    });
    if (stdin !== undefined) socket.end(stdin);
  });
}

function omitUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
