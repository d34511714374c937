// The system endpoints: ping, version, info, disk usage and events.
import type { Readable } from 'node:stream';
import { endpoint, type EngineCall, type EngineTransport } from './request.js';
import { ndjsonStream } from './ndjson-stream.js';
import type { StreamIterator } from './stream-iterator.js';
import type { EventWire, InfoWire, SystemDfWire, VersionWire } from './types.js';

const VERSION = endpoint('/version');
const EVENTS = endpoint('/events');
const INFO = endpoint('/info');
const DISK_USAGE = endpoint('/system/df');

export function systemApi(engine: EngineTransport) {
  return {
    /** Resolves to the engine's API version when it answers /_ping with OK. */
    ping(call: EngineCall = {}): Promise<string> {
      return engine.ping(call.signal);
    },

    version(call: EngineCall = {}): Promise<VersionWire> {
      return engine.json({ method: 'GET', endpoint: VERSION, ...call });
    },

    /** GET /info: the engine's counts and settings, and its place in a swarm (Swarm.ControlAvailable: a manager). */
    info(call: EngineCall = {}): Promise<InfoWire> {
      return engine.json({ method: 'GET', endpoint: INFO, ...call });
    },

    /** GET /system/df: images, containers, volumes and build cache with their sizes; the engine may take a while to count. */
    diskUsage(call: EngineCall = {}): Promise<SystemDfWire> {
      // Counting layer and volume sizes is slow on a full disk: the longer timeout of a change, not a read's.
      return engine.json({ method: 'GET', endpoint: DISK_USAGE, headersTimeoutMs: engine.settings.headersTimeoutMs, ...call });
    },

    /** The engine's event stream; `since` is unix time `seconds.nanoseconds`. return() aborts the request. */
    events(options: { filters?: Record<string, string[]>; since?: string }, call: EngineCall = {}): Promise<StreamIterator<EventWire>> {
      const filters = options.filters && Object.keys(options.filters).length ? JSON.stringify(options.filters) : undefined;
      const open = async (own: AbortSignal): Promise<Readable> =>
        (
          await engine.stream({
            method: 'GET',
            endpoint: EVENTS,
            query: { filters, since: options.since },
            signal: own,
            observe: call.observe,
          })
        ).body;
      return ndjsonStream<EventWire>(open, call.signal, parseEvent);
    },
  };
}

export type SystemApi = ReturnType<typeof systemApi>;

function parseEvent(line: string): EventWire {
  const event = JSON.parse(line) as EventWire;
  const nano = /"timeNano":(\d+)/.exec(line)?.[1];
  return nano ? { ...event, timeNanoText: nano } : event;
}
