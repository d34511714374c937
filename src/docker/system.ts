// The system endpoints: ping and version.
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
  };
}

export type SystemApi = ReturnType<typeof systemApi>;
