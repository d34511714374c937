// The /images endpoints Wharf reads.
import { endpoint, type EngineCall, type EngineTransport } from './request.js';

export function imagesApi(engine: EngineTransport) {
  return {
    /** GET /images/{name}/json: the image's id. */
    inspect(name: string, call: EngineCall = {}): Promise<{ Id: string; RepoTags?: string[] | null }> {
      return engine.json({ method: 'GET', endpoint: endpoint('/images/{name}/json', { name }), ...call });
    },
  };
}

export type ImagesApi = ReturnType<typeof imagesApi>;
