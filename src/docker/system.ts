// The system endpoints: ping and version.
import type { Readable } from 'node:stream';
import type { EngineTransport } from './request.js';
import type { VersionWire } from './types.js';

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

    /** The engine's event stream (NDJSON); `since` is unix time `seconds.nanoseconds`. */
    async events(options: { filters?: Record<string, string[]>; since?: string }, { signal }: Opts = {}): Promise<Readable> {
      const filters = options.filters && Object.keys(options.filters).length ? JSON.stringify(options.filters) : undefined;
      const res = await engine.stream({ method: 'GET', path: '/events', query: { filters, since: options.since }, signal });
      return res.body;
    },
  };
}

export type SystemApi = ReturnType<typeof systemApi>;
