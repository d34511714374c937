// The /containers endpoints: one function per verb, each with the statuses it expects.
import type { Readable } from 'node:stream';
import { NotFoundError } from './errors.js';
import type { EngineTransport } from './request.js';
import type {
  ContainerCreateResponse,
  ContainerCreateWire,
  ContainerInspectWire,
  ContainerSummary,
  ContainerTopWire,
  StatsWire,
} from './types.js';

export interface ListOptions {
  all?: boolean;
  limit?: number;
  /** The engine's filter map, e.g. `{ status: ['running'], label: ['a=b'] }`. */
  filters?: Record<string, string[]>;
}

export interface LogsOptions {
  stdout: boolean;
  stderr: boolean;
  /** Unix time as the engine takes it: `seconds.nanoseconds`. */
  since?: string;
  until?: string;
  tail?: number;
  follow?: boolean;
}

/** How long past its own `t` a stop or restart may take before we call the engine unresponsive. */
const STOP_GRACE_MS = 15_000;
/** The engine's own default when neither the call nor the container sets a stop timeout. */
const DEFAULT_STOP_SECONDS = 10;

type Opts = {
  signal?: AbortSignal | undefined;
  /** Whose call this is, when `signal` is an internal one: passed to the request observer. */
  callerSignal?: AbortSignal | undefined;
};

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function containersApi(engine: EngineTransport) {
  const path = (id: string, verb = '') => {
    // No container has a name or id that is not well-formed UTF-16, and it could not be sent anyway.
    if (LONE_SURROGATE.test(id)) throw new NotFoundError(`No such container: ${id.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD')}`);
    return `/containers/${encodeURIComponent(id)}${verb}`;
  };
  const stopTimeout = (t: number | undefined) =>
    Math.max(engine.settings.headersTimeoutMs, ((t ?? DEFAULT_STOP_SECONDS) * 1000) + STOP_GRACE_MS);

  return {
    list(options: ListOptions, { signal }: Opts = {}): Promise<ContainerSummary[]> {
      const filters = options.filters && Object.keys(options.filters).length ? JSON.stringify(options.filters) : undefined;
      return engine.json({
        method: 'GET',
        path: '/containers/json',
        query: { all: options.all ? true : undefined, limit: options.limit, filters },
        signal,
      });
    },

    /** `id` may be a full id, a unique prefix or a name. */
    inspect(id: string, { signal }: Opts = {}): Promise<ContainerInspectWire> {
      return engine.json({ method: 'GET', path: path(id, '/json'), signal });
    },

    top(id: string, psArgs: string | undefined, { signal }: Opts = {}): Promise<ContainerTopWire> {
      return engine.json({ method: 'GET', path: path(id, '/top'), query: { ps_args: psArgs }, signal });
    },

    /** The raw log stream; always with timestamps. The caller consumes or destroys the body. */
    async logs(id: string, options: LogsOptions, { signal, callerSignal }: Opts = {}): Promise<Readable> {
      const res = await engine.stream({
        method: 'GET',
        path: path(id, '/logs'),
        query: {
          stdout: options.stdout,
          stderr: options.stderr,
          timestamps: true,
          follow: options.follow ? true : undefined,
          since: options.since,
          until: options.until,
          tail: options.tail === undefined ? undefined : String(options.tail),
        },
        signal,
        callerSignal,
      });
      return res.body;
    },

    /** Resource usage as a stream of samples (NDJSON). The caller consumes or destroys the body. */
    async stats(id: string, { signal, callerSignal }: Opts = {}): Promise<Readable> {
      const res = await engine.stream({ method: 'GET', path: path(id, '/stats'), query: { stream: true }, signal, callerSignal });
      return res.body;
    },

    /** One sample of resource usage; the engine waits for a second reading so the CPU delta is real. */
    statsOnce(id: string, { signal }: Opts = {}): Promise<StatsWire> {
      return engine.json({ method: 'GET', path: path(id, '/stats'), query: { stream: false }, signal });
    },

    /** The filesystem as a tar stream. The caller consumes or destroys the body. */
    async export(id: string, { signal }: Opts = {}): Promise<Readable> {
      const res = await engine.stream({ method: 'GET', path: path(id, '/export'), signal });
      return res.body;
    },

    create(body: ContainerCreateWire, name: string | undefined, { signal }: Opts = {}): Promise<ContainerCreateResponse> {
      return engine.json({ method: 'POST', path: '/containers/create', query: { name }, json: body, signal });
    },

    /** Already running (304) is success. */
    async start(id: string, { signal }: Opts = {}): Promise<void> {
      await engine.empty({ method: 'POST', path: path(id, '/start'), alsoOk: [304], signal });
    },

    /** Already stopped (304) is success. Waits up to `t` seconds, then the engine kills. */
    async stop(id: string, t: number | undefined, { signal }: Opts = {}): Promise<void> {
      await engine.empty({
        method: 'POST',
        path: path(id, '/stop'),
        query: { t },
        alsoOk: [304],
        headersTimeoutMs: stopTimeout(t),
        signal,
      });
    },

    async restart(id: string, t: number | undefined, { signal }: Opts = {}): Promise<void> {
      await engine.empty({
        method: 'POST',
        path: path(id, '/restart'),
        query: { t },
        headersTimeoutMs: stopTimeout(t),
        signal,
      });
    },

    async kill(id: string, signalName: string | undefined, { signal }: Opts = {}): Promise<void> {
      await engine.empty({ method: 'POST', path: path(id, '/kill'), query: { signal: signalName }, signal });
    },

    async pause(id: string, { signal }: Opts = {}): Promise<void> {
      await engine.empty({ method: 'POST', path: path(id, '/pause'), signal });
    },

    async unpause(id: string, { signal }: Opts = {}): Promise<void> {
      await engine.empty({ method: 'POST', path: path(id, '/unpause'), signal });
    },

    async rename(id: string, name: string, { signal }: Opts = {}): Promise<void> {
      await engine.empty({ method: 'POST', path: path(id, '/rename'), query: { name }, signal });
    },

    async remove(id: string, options: { force?: boolean; volumes?: boolean }, { signal }: Opts = {}): Promise<void> {
      await engine.empty({
        method: 'DELETE',
        path: path(id),
        query: { force: options.force || undefined, v: options.volumes || undefined },
        signal,
      });
    },
  };
}

export type ContainersApi = ReturnType<typeof containersApi>;
