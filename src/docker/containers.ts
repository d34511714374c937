// The /containers endpoints: one function per verb, each with the statuses it expects.
import type { Readable } from 'node:stream';
import { NotFoundError } from './errors.js';
import { endpoint, type EngineCall, type EngineTransport } from './request.js';
import type {
  ContainerCreateResponse,
  ContainerCreateWire,
  ContainerInspectWire,
  ContainerPruneWire,
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

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LIST = endpoint('/containers/json');
const CREATE = endpoint('/containers/create');
const PRUNE = endpoint('/containers/prune');

export function containersApi(engine: EngineTransport) {
  /** `/containers/{id}` and its verbs; no container has an id that is not well-formed UTF-16, and it could not be sent anyway. */
  const container = (template: `/containers/{id}${string}`, id: string) => {
    if (LONE_SURROGATE.test(id)) throw new NotFoundError(`No such container: ${id.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD')}`);
    return endpoint(template, { id });
  };
  const stopTimeout = (t: number | undefined) =>
    Math.max(engine.settings.headersTimeoutMs, (t ?? DEFAULT_STOP_SECONDS) * 1000 + STOP_GRACE_MS);

  return {
    list(options: ListOptions, call: EngineCall = {}): Promise<ContainerSummary[]> {
      const filters = options.filters && Object.keys(options.filters).length ? JSON.stringify(options.filters) : undefined;
      return engine.json({
        method: 'GET',
        endpoint: LIST,
        ifTooLarge: 'ask for fewer with limit or filters',
        query: { all: options.all ? true : undefined, limit: options.limit, filters },
        ...call,
      });
    },

    /** `id` may be a full id, a unique prefix or a name. */
    inspect(id: string, call: EngineCall = {}): Promise<ContainerInspectWire> {
      return engine.json({ method: 'GET', endpoint: container('/containers/{id}/json', id), ...call });
    },

    top(id: string, psArgs: string | undefined, call: EngineCall = {}): Promise<ContainerTopWire> {
      return engine.json({ method: 'GET', endpoint: container('/containers/{id}/top', id), query: { ps_args: psArgs }, ...call });
    },

    /** The raw log stream; always with timestamps. The caller consumes or destroys the body. */
    async logs(id: string, options: LogsOptions, call: EngineCall = {}): Promise<Readable> {
      const res = await engine.stream({
        method: 'GET',
        endpoint: container('/containers/{id}/logs', id),
        query: {
          stdout: options.stdout,
          stderr: options.stderr,
          timestamps: true,
          follow: options.follow ? true : undefined,
          since: options.since,
          until: options.until,
          tail: options.tail === undefined ? undefined : String(options.tail),
        },
        ...call,
      });
      return res.body;
    },

    /** Resource usage as a stream of samples (NDJSON). The caller consumes or destroys the body. */
    async stats(id: string, call: EngineCall = {}): Promise<Readable> {
      const res = await engine.stream({
        method: 'GET',
        endpoint: container('/containers/{id}/stats', id),
        query: { stream: true },
        ...call,
      });
      return res.body;
    },

    /** One sample of resource usage; the engine waits for a second reading so the CPU delta is real. */
    statsOnce(id: string, call: EngineCall = {}): Promise<StatsWire> {
      return engine.json({ method: 'GET', endpoint: container('/containers/{id}/stats', id), query: { stream: false }, ...call });
    },

    /** The filesystem as a tar stream. The caller consumes or destroys the body. */
    async export(id: string, call: EngineCall = {}): Promise<Readable> {
      const res = await engine.stream({ method: 'GET', endpoint: container('/containers/{id}/export', id), ...call });
      return res.body;
    },

    create(body: ContainerCreateWire, name: string | undefined, call: EngineCall = {}): Promise<ContainerCreateResponse> {
      return engine.json({ method: 'POST', endpoint: CREATE, query: { name }, json: body, ...call });
    },

    /** Already running (304) is success. */
    async start(id: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: container('/containers/{id}/start', id), alsoOk: [304], ...call });
    },

    /** Already stopped (304) is success. Waits up to `t` seconds, then the engine kills. */
    async stop(id: string, t: number | undefined, call: EngineCall = {}): Promise<void> {
      await engine.empty({
        method: 'POST',
        endpoint: container('/containers/{id}/stop', id),
        query: { t },
        alsoOk: [304],
        headersTimeoutMs: stopTimeout(t),
        ...call,
      });
    },

    async restart(id: string, t: number | undefined, call: EngineCall = {}): Promise<void> {
      await engine.empty({
        method: 'POST',
        endpoint: container('/containers/{id}/restart', id),
        query: { t },
        headersTimeoutMs: stopTimeout(t),
        ...call,
      });
    },

    async kill(id: string, signalName: string | undefined, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: container('/containers/{id}/kill', id), query: { signal: signalName }, ...call });
    },

    async pause(id: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: container('/containers/{id}/pause', id), ...call });
    },

    async unpause(id: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: container('/containers/{id}/unpause', id), ...call });
    },

    async rename(id: string, name: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: container('/containers/{id}/rename', id), query: { name }, ...call });
    },

    async remove(id: string, options: { force?: boolean; volumes?: boolean }, call: EngineCall = {}): Promise<void> {
      await engine.empty({
        method: 'DELETE',
        endpoint: container('/containers/{id}', id),
        query: { force: options.force || undefined, v: options.volumes || undefined },
        ...call,
      });
    },

    /** Removes every stopped container the filters match (`until`, `label`, `label!`). */
    prune(filters?: Record<string, string[]>, call: EngineCall = {}): Promise<ContainerPruneWire> {
      const encoded = filters && Object.keys(filters).length ? JSON.stringify(filters) : undefined;
      return engine.json({ method: 'POST', endpoint: PRUNE, query: { filters: encoded }, ...call });
    },
  };
}

export type ContainersApi = ReturnType<typeof containersApi>;
