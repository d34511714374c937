// The system endpoints: ping and version.
import type { Readable } from 'node:stream';
import type { EngineTransport } from './request.js';
import { ndjsonStream } from './ndjson-stream.js';
import type { StreamIterator } from './stream-iterator.js';
import type { EventWire, VersionWire } from './types.js';

type Opts = { signal?: AbortSignal | undefined };

export function systemApi(engine: EngineTransport) {
  return {
    /** Resolves to the engine's API version when it answers /_ping with OK. */
    ping({ signal }: Opts = {}): Promise<string> {
      return engine.ping(signal);
    },

    version({ signal }: Opts = {}): Promise<VersionWire> {
      return engine.json({ method: 'GET', path: '/version', signal });
    },

    /** The engine's event stream; `since` is unix time `seconds.nanoseconds`. return() aborts the request. */
    events(options: { filters?: Record<string, string[]>; since?: string }, { signal }: Opts = {}): Promise<StreamIterator<EventWire>> {
      const filters = options.filters && Object.keys(options.filters).length ? JSON.stringify(options.filters) : undefined;
      const open = async (own: AbortSignal, caller: AbortSignal | undefined): Promise<Readable> =>
        (await engine.stream({ method: 'GET', path: '/events', query: { filters, since: options.since }, signal: own, callerSignal: caller })).body;
      return ndjsonStream<EventWire>(open, signal, parseEvent);
    },
  };
}

export type SystemApi = ReturnType<typeof systemApi>;

function parseEvent(line: string): EventWire {
  const event = JSON.parse(line) as EventWire;
  const nano = /"timeNano":(\d+)/.exec(line)?.[1];
  return nano ? { ...event, timeNanoText: nano } : event;
}
