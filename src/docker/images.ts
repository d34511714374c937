// The /images endpoints: one function per verb (list, inspect, history, tag, remove, prune, pull, push, build).
import type { Readable } from 'node:stream';
import { NotFoundError } from './errors.js';
import { ndjsonStream } from './ndjson-stream.js';
import { namedEndpoint } from './networks.js';
import { paddedBase64url } from './registry-auth.js';
import { endpoint, type EngineCall, type EngineTransport, type StreamResponse } from './request.js';
import type { StreamIterator } from './stream-iterator.js';
import type {
  EngineFilters,
  ImageDeleteWire,
  ImageHistoryWire,
  ImageInspectWire,
  ImagePruneWire,
  ImageSummaryWire,
  ProgressWire,
} from './types.js';

const LIST = endpoint('/images/json');
const CREATE = endpoint('/images/create');
const PRUNE = endpoint('/images/prune');
const BUILD = endpoint('/build');

const filtersQuery = (filters: EngineFilters | undefined) =>
  filters && Object.keys(filters).length > 0 ? JSON.stringify(filters) : undefined;

/** The engine's X-Registry-Auth header, when there are credentials to send. */
const authHeaders = (registryAuth: string | undefined): Record<string, string> => (registryAuth ? { 'x-registry-auth': registryAuth } : {});

/** An empty credential (`{}`), which the engine's push insists on when there is none. */
const NO_AUTH = paddedBase64url('{}');

export interface BuildOptions {
  /** The `t` parameter: the name and tag of the built image. */
  tag: string;
  /** The Dockerfile's path inside the context; `Dockerfile` by default. */
  dockerfile?: string | undefined;
  /** The context: a tar stream, sent as it is read. */
  context: Readable;
}

export function imagesApi(engine: EngineTransport) {
  /** `/images/{name}...`; worded as the engine words an image it does not know. */
  const image = (template: string, name: string) => namedEndpoint(template, 'name', name, (shown) => `No such image: ${shown}`);

  return {
    /** GET /images/json: with `all`, the intermediate images too; filters `reference`, `label`, `dangling`, `before`, `since`. */
    list(options: { all?: boolean; filters?: EngineFilters }, call: EngineCall = {}): Promise<ImageSummaryWire[]> {
      return engine.json({
        method: 'GET',
        endpoint: LIST,
        ifTooLarge: 'ask for fewer with filters',
        query: { all: options.all || undefined, filters: filtersQuery(options.filters) },
        ...call,
      });
    },

    /** GET /images/{name}/json: `name` is an id, a unique id prefix or a `repo:tag`. */
    async inspect(name: string, call: EngineCall = {}): Promise<ImageInspectWire> {
      return engine.json({ method: 'GET', endpoint: image('/images/{name}/json', name), ...call });
    },

    /** Like inspect, but null when the engine has no such image. */
    async find(name: string, call: EngineCall = {}): Promise<ImageInspectWire | null> {
      try {
        return await engine.json<ImageInspectWire>({ method: 'GET', endpoint: image('/images/{name}/json', name), ...call });
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },

    /** GET /images/{name}/history: the layers, newest first. */
    async history(name: string, call: EngineCall = {}): Promise<ImageHistoryWire[]> {
      return engine.json({ method: 'GET', endpoint: image('/images/{name}/history', name), ...call });
    },

    /** POST /images/{name}/tag: 201, no body. */
    async tag(name: string, repo: string, tag: string, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'POST', endpoint: image('/images/{name}/tag', name), query: { repo, tag }, ...call });
    },

    /** DELETE /images/{name}: what was untagged and deleted. An image a container uses answers 409 unless forced. */
    async remove(name: string, options: { force?: boolean; noPrune?: boolean }, call: EngineCall = {}): Promise<ImageDeleteWire[]> {
      return engine.json({
        method: 'DELETE',
        endpoint: image('/images/{name}', name),
        query: { force: options.force || undefined, noprune: options.noPrune || undefined },
        ...call,
      });
    },

    /** POST /images/prune: `dangling: ["false"]` removes every image no container uses, not only untagged ones. */
    prune(filters?: EngineFilters, call: EngineCall = {}): Promise<ImagePruneWire> {
      return engine.json({ method: 'POST', endpoint: PRUNE, query: { filters: filtersQuery(filters) }, ...call });
    },

    /**
     * POST /images/create?fromImage=: the pull's progress, line by line. A registry that refuses
     * or lacks the image may answer with a status (404, 500) or with an error line at the end.
     */
    pull(
      options: { fromImage: string; tag: string; registryAuth?: string | undefined },
      call: EngineCall = {},
    ): Promise<StreamIterator<ProgressWire>> {
      const open = async (own: AbortSignal): Promise<Readable> =>
        (
          await engine.stream({
            method: 'POST',
            endpoint: CREATE,
            query: { fromImage: options.fromImage, tag: options.tag },
            headers: authHeaders(options.registryAuth),
            // A pull waits on the registry before the engine answers: a change's timeout, not a read's.
            headersTimeoutMs: engine.settings.headersTimeoutMs,
            signal: own,
            observe: call.observe,
          })
        ).body;
      return ndjsonStream<ProgressWire>(open, call.signal);
    },

    /** POST /images/{name}/push?tag=: the push's progress; its last lines carry the digest (`aux.Digest`) or an error. */
    async push(
      options: { name: string; tag: string; registryAuth?: string | undefined },
      call: EngineCall = {},
    ): Promise<StreamIterator<ProgressWire>> {
      const pushEndpoint = image('/images/{name}/push', options.name);
      const open = async (own: AbortSignal): Promise<Readable> =>
        (
          await engine.stream({
            method: 'POST',
            endpoint: pushEndpoint,
            query: { tag: options.tag },
            headers: { 'x-registry-auth': options.registryAuth ?? NO_AUTH },
            headersTimeoutMs: engine.settings.headersTimeoutMs,
            signal: own,
            observe: call.observe,
          })
        ).body;
      return ndjsonStream<ProgressWire>(open, call.signal);
    },

    /**
     * POST /build with the context streamed as the body: the engine's NDJSON output, raw, for the
     * caller to pass on or consume (a failing step ends it with an error line, still status 200).
     */
    build(options: BuildOptions, call: EngineCall = {}): Promise<StreamResponse> {
      return engine.stream({
        method: 'POST',
        endpoint: BUILD,
        query: { t: options.tag, dockerfile: options.dockerfile, rm: true },
        headers: { 'content-type': 'application/x-tar' },
        body: options.context,
        headersTimeoutMs: engine.settings.headersTimeoutMs,
        ...call,
      });
    },
  };
}

export type ImagesApi = ReturnType<typeof imagesApi>;
