// The swarm endpoints of a manager engine: the swarm, its nodes, services and tasks, and a service's log.
import type { Readable } from 'node:stream';
import { ConflictError, EngineFailure, fromTransportError, isAbortError, NotFoundError } from './errors.js';
import { FrameDemuxer, LogStreamParser, type LogRecord, type LogStreamName } from './log-stream.js';
import { endpoint, type EngineCall, type EngineTransport } from './request.js';
import { StreamIterator } from './stream-iterator.js';
import type { NodeWire, ServiceCreateResponse, ServiceSpecWire, ServiceUpdateResponse, ServiceWire, SwarmWire, TaskWire } from './types.js';

/** The engine's filter map, e.g. `{ service: ['web'], 'desired-state': ['running'] }`. */
export type SwarmFilters = Record<string, string[]>;

export interface ServiceLogsOptions {
  /** Keep the stream open for new lines. */
  follow?: boolean;
  /** The last this many lines of each task. */
  tail?: number;
  /** Unix time as the engine takes it: `seconds[.nanoseconds]`. */
  since?: string;
  stdout?: boolean;
  stderr?: boolean;
  /**
   * Whether the service's containers have a TTY (its TaskTemplate.ContainerSpec.TTY): then the log
   * is raw bytes, else multiplexed frames. When left out, the service is inspected first, as
   * `docker service logs` does.
   */
  tty?: boolean;
}

/** One line of a service's log, with the task that wrote it. Every line carries its timestamp. */
export interface ServiceLogRecord extends LogRecord {
  taskId: string;
  nodeId: string;
  serviceId: string;
  /** Every detail the engine put before the message, decoded: swarm's ids, and any labels or env a log-opt adds. */
  details: Record<string, string>;
}

/** Read from the engine no further ahead of the consumer than this many lines; the body is paused past it. */
const HIGH_WATER_LINES = 16384;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const SWARM = endpoint('/swarm');
const NODES = endpoint('/nodes');
const SERVICES = endpoint('/services');
const SERVICE_CREATE = endpoint('/services/create');
const TASKS = endpoint('/tasks');

/**
 * An engine that is not a swarm manager (a worker, or not in a swarm at all) answers every swarm
 * endpoint with 503 "This node is not a swarm manager...": a conflict with the engine's state,
 * not an outage, so it is CONFLICT with the engine's own words.
 */
function notAManager(error: unknown): never {
  if (error instanceof EngineFailure && error.status === 503) throw new ConflictError(error.message);
  throw error;
}

/** An update made over a version that has moved on: the engine says 500 "update out of sequence"; it is a conflict. */
function outOfSequence(error: unknown): never {
  if (error instanceof EngineFailure && error.status === 500 && /update out of sequence/.test(error.message)) {
    throw new ConflictError(error.message);
  }
  throw error;
}

function filterQuery(filters: SwarmFilters | undefined): string | undefined {
  return filters && Object.keys(filters).length ? JSON.stringify(filters) : undefined;
}

export function swarmApi(engine: EngineTransport) {
  /**
   * `/nodes/{id}`, `/services/{id}...`: no swarm object has an id that is not well-formed UTF-16, and it could not be sent
   * anyway. The verbs that use it are async, so this is a rejection, not a throw.
   */
  const object = (kind: string, template: string, id: string) => {
    if (LONE_SURROGATE.test(id)) throw new NotFoundError(`No such ${kind}: ${id.replace(new RegExp(LONE_SURROGATE, 'g'), '\uFFFD')}`);
    return endpoint(template, { id });
  };

  const service = async (idOrName: string, call: EngineCall = {}): Promise<ServiceWire> =>
    engine.json<ServiceWire>({ method: 'GET', endpoint: object('service', '/services/{id}', idOrName), ...call }).catch(notAManager);

  return {
    /** GET /swarm: the cluster's id, spec, version and join tokens. */
    inspect(call: EngineCall = {}): Promise<SwarmWire> {
      return engine.json<SwarmWire>({ method: 'GET', endpoint: SWARM, ...call }).catch(notAManager);
    },

    nodes(filters?: SwarmFilters, call: EngineCall = {}): Promise<NodeWire[]> {
      return engine
        .json<NodeWire[]>({ method: 'GET', endpoint: NODES, query: { filters: filterQuery(filters) }, ...call })
        .catch(notAManager);
    },

    /** `id` may be a node's id, a unique prefix of it, or its hostname. */
    async node(id: string, call: EngineCall = {}): Promise<NodeWire> {
      return engine.json<NodeWire>({ method: 'GET', endpoint: object('node', '/nodes/{id}', id), ...call }).catch(notAManager);
    },

    /** With each service's ServiceStatus: its running and desired task counts. */
    services(filters?: SwarmFilters, call: EngineCall = {}): Promise<ServiceWire[]> {
      return engine
        .json<ServiceWire[]>({
          method: 'GET',
          endpoint: SERVICES,
          ifTooLarge: 'ask for fewer with filters',
          query: { filters: filterQuery(filters), status: true },
          ...call,
        })
        .catch(notAManager);
    },

    /** `idOrName` may be a service's id, a unique prefix of it, or its name. No ServiceStatus here: the engine gives it only in the list. */
    service,

    tasks(filters?: SwarmFilters, call: EngineCall = {}): Promise<TaskWire[]> {
      return engine
        .json<TaskWire[]>({
          method: 'GET',
          endpoint: TASKS,
          ifTooLarge: 'ask for fewer with filters',
          query: { filters: filterQuery(filters) },
          ...call,
        })
        .catch(notAManager);
    },

    createService(spec: ServiceSpecWire, call: EngineCall = {}): Promise<ServiceCreateResponse> {
      return engine.json<ServiceCreateResponse>({ method: 'POST', endpoint: SERVICE_CREATE, json: spec, ...call }).catch(notAManager);
    },

    /**
     * Replaces the service's spec as a whole. `version` is the Version.Index the spec was read at:
     * the engine refuses an update made over a version that has moved on since.
     */
    async updateService(id: string, version: number, spec: ServiceSpecWire, call: EngineCall = {}): Promise<ServiceUpdateResponse> {
      return engine
        .json<ServiceUpdateResponse>({
          method: 'POST',
          endpoint: object('service', '/services/{id}/update', id),
          query: { version },
          json: spec,
          ...call,
        })
        .catch(outOfSequence)
        .catch(notAManager);
    },

    async removeService(id: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'DELETE', endpoint: object('service', '/services/{id}', id), ...call }).catch(notAManager);
    },

    /**
     * The log of every task of the service, in batches of lines as they arrive (tasks interleave:
     * lines are in order within a task, not across tasks). Ends when the engine ends the stream
     * (at once without `follow`); return() or the call's signal aborts the request.
     */
    async serviceLogs(
      idOrName: string,
      options: ServiceLogsOptions = {},
      call: EngineCall = {},
    ): Promise<StreamIterator<ServiceLogRecord[]>> {
      const tty = options.tty ?? (await service(idOrName, call)).Spec.TaskTemplate.ContainerSpec?.TTY === true;
      const { signal } = call;
      const controller = new AbortController();
      let body: Readable | undefined;
      const abortFromSignal = () => void output.return();
      const output = new StreamIterator<ServiceLogRecord[]>({
        weigh: (batch) => ({ lines: batch.length, bytes: batch.reduce((n, r) => n + r.message.length, 0) }),
        onClose: () => {
          controller.abort();
          body?.destroy();
          signal?.removeEventListener('abort', abortFromSignal);
        },
      });
      if (signal?.aborted) controller.abort();
      signal?.addEventListener('abort', abortFromSignal, { once: true });
      try {
        const res = await engine
          .stream({
            method: 'GET',
            endpoint: object('service', '/services/{id}/logs', idOrName),
            query: {
              details: true,
              timestamps: true,
              stdout: options.stdout ?? true,
              stderr: options.stderr ?? true,
              follow: options.follow ? true : undefined,
              since: options.since,
              tail: options.tail === undefined ? undefined : String(options.tail),
            },
            signal: controller.signal,
            observe: call.observe,
          })
          .catch(notAManager);
        body = res.body;
      } catch (error) {
        await output.return();
        throw error;
      }
      const source = body;
      const parser = serviceLogParser(tty);
      const push = (records: ServiceLogRecord[]) => {
        if (records.length > 0) output.push(records);
      };
      output.onTake = () => {
        if (source.isPaused() && output.queuedLines < HIGH_WATER_LINES / 2) source.resume();
      };
      source.on('data', (chunk: Buffer) => {
        push(parser.push(chunk));
        // Backpressure: the engine's stream waits while the consumer is far behind.
        if (output.queuedLines >= HIGH_WATER_LINES) source.pause();
      });
      source.on('end', () => {
        push(parser.end());
        output.end();
      });
      source.on('error', (error) => {
        if (!isAbortError(error) && !controller.signal.aborted) output.fail(fromTransportError(error));
      });
      return output;
    },
  };
}

export type SwarmApi = ReturnType<typeof swarmApi>;

const NEWLINE = 0x0a;
const SPACE = 0x20;

/**
 * Turns the bytes of GET /services/{id}/logs?details=1&timestamps=1 into lines with their task,
 * on the containers' log parser. A line longer than the engine's buffer comes as partial entries,
 * each with its own timestamp and details: the parser drops a continuation's timestamp, and this
 * drops its details, so the joined line has only the first entry's. (A TTY's raw bytes have no
 * entries to tell apart: they are parsed as they come.)
 */
export function serviceLogParser(tty: boolean): { push(chunk: Buffer): ServiceLogRecord[]; end(): ServiceLogRecord[] } {
  const parser = new LogStreamParser(tty);
  if (tty) return { push: (chunk) => parser.push(chunk).map(withTask), end: () => parser.end().map(withTask) };
  const demuxer = new FrameDemuxer();
  const continuing: Record<LogStreamName, boolean> = { stdout: false, stderr: false };
  return {
    push(chunk) {
      const records: ServiceLogRecord[] = [];
      demuxer.push(chunk, (frame) => {
        let payload = frame.payload;
        if (continuing[frame.stream]) payload = withoutDetails(payload);
        continuing[frame.stream] = payload.length > 0 && payload[payload.length - 1] !== NEWLINE;
        for (const record of parser.push(reframe(frame.stream, payload))) records.push(withTask(record));
      });
      return records;
    },
    end: () => parser.end().map(withTask),
  };
}

/** `<timestamp> <details> <rest>` as `<timestamp> <rest>`. */
function withoutDetails(payload: Buffer): Buffer {
  const afterTimestamp = payload.indexOf(SPACE);
  const afterDetails = afterTimestamp === -1 ? -1 : payload.indexOf(SPACE, afterTimestamp + 1);
  if (afterDetails === -1) return payload;
  return Buffer.concat([payload.subarray(0, afterTimestamp + 1), payload.subarray(afterDetails + 1)]);
}

/** One entry as the engine frames it: stream byte, three zero bytes, the payload's length big-endian, the payload. */
function reframe(stream: LogStreamName, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header[0] = stream === 'stdout' ? 1 : 2;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

/**
 * With `details=1` each line is `<details> <message>`; details are `key=value` pairs joined by
 * commas, sorted by key, each key and value query-escaped: for a service,
 * `com.docker.swarm.node.id=...,com.docker.swarm.service.id=...,com.docker.swarm.task.id=... hello`.
 */
function withTask(record: LogRecord): ServiceLogRecord {
  const space = record.message.indexOf(' ');
  const head = space === -1 ? record.message : record.message.slice(0, space);
  const details: Record<string, string> = {};
  for (const pair of head ? head.split(',') : []) {
    const eq = pair.indexOf('=');
    if (eq === -1) continue;
    details[unescapeQuery(pair.slice(0, eq))] = unescapeQuery(pair.slice(eq + 1));
  }
  return {
    ...record,
    message: space === -1 ? '' : record.message.slice(space + 1),
    taskId: details['com.docker.swarm.task.id'] ?? '',
    nodeId: details['com.docker.swarm.node.id'] ?? '',
    serviceId: details['com.docker.swarm.service.id'] ?? '',
    details,
  };
}

/** Go's url.QueryEscape undone: `+` is a space, `%XX` a byte. */
function unescapeQuery(text: string): string {
  const spaced = text.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced;
  }
}
