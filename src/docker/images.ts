// The /images endpoints Wharf reads.
import type { EngineTransport } from './request.js';

type Opts = { signal?: AbortSignal | undefined };

export function imagesApi(engine: EngineTransport) {
  return {
    /** GET /images/{name}/json: the image's id. */
    inspect(name: string, { signal }: Opts = {}): Promise<{ Id: string; RepoTags?: string[] | null }> {
      return engine.json({ method: 'GET', path: `/images/${encodeURIComponent(name)}/json`, signal });
    },
  };
}

export type ImagesApi = ReturnType<typeof imagesApi>;
