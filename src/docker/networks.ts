// The /networks endpoints: one function per verb, and the engine's 403s that mean a conflict made into CONFLICT.
import { ConflictError, EngineFailure, NotFoundError } from './errors.js';
import { endpoint, type EngineCall, type EngineTransport, type Endpoint } from './request.js';
import type {
  EngineFilters,
  NetworkConnectWire,
  NetworkCreateResponse,
  NetworkCreateWire,
  NetworkDisconnectWire,
  NetworkPruneWire,
  NetworkWire,
} from './types.js';

const LIST = endpoint('/networks');
const CREATE = endpoint('/networks/create');
const PRUNE = endpoint('/networks/prune');

/** The `filters` query parameter; an empty map is left out, as the engine would read it as no filter anyway. */
const filtersQuery = (filters: EngineFilters | undefined) =>
  filters && Object.keys(filters).length > 0 ? JSON.stringify(filters) : undefined;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `endpoint(template, { [key]: name })`, or NotFoundError(`notFound(name)`) when the name is not
 * well-formed UTF-16: no engine object has such a name, and it could not be sent anyway.
 */
export function namedEndpoint(template: string, key: string, name: string, notFound: (shown: string) => string): Endpoint {
  try {
    return endpoint(template, { [key]: name });
  } catch (error) {
    if (error instanceof URIError) throw new NotFoundError(notFound(name.replace(LONE_SURROGATE, '\uFFFD')));
    throw error;
  }
}

/**
 * The engine answers 403 when the state of its networks forbids a change: a network that still has
 * endpoints, a pool that overlaps another network's, a predefined network, a container already
 * connected. Those are conflicts for the caller to resolve, not failures of the engine.
 */
async function conflictOn403<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (error) {
    if (error instanceof EngineFailure && error.status === 403) throw new ConflictError(error.message);
    throw error;
  }
}

export function networksApi(engine: EngineTransport) {
  /** `/networks/{id}` and its verbs; worded as the engine words a network it does not know. */
  const network = (template: `/networks/{id}${string}`, id: string) =>
    namedEndpoint(template, 'id', id, (shown) => `network ${shown} not found`);

  return {
    /** Every network, with the list's smaller representation (no endpoints). */
    list(filters?: EngineFilters, call: EngineCall = {}): Promise<NetworkWire[]> {
      return engine.json({
        method: 'GET',
        endpoint: LIST,
        ifTooLarge: 'ask for fewer with filters',
        query: { filters: filtersQuery(filters) },
        ...call,
      });
    },

    /** `idOrName` may be a full id, a unique prefix or a name; a name two networks share answers 400. Async, so a name that cannot be sent rejects rather than throws. */
    async inspect(idOrName: string, call: EngineCall = {}): Promise<NetworkWire> {
      return engine.json({ method: 'GET', endpoint: network('/networks/{id}', idOrName), ...call });
    },

    /**
     * A name in use answers 409: CheckDuplicate is on unless the body turns it off, because without
     * it the engine makes a second network of that name and only warns, and names then stop
     * identifying networks.
     */
    create(body: NetworkCreateWire, call: EngineCall = {}): Promise<NetworkCreateResponse> {
      return conflictOn403(engine.json({ method: 'POST', endpoint: CREATE, json: { CheckDuplicate: true, ...body }, ...call }));
    },

    /** A network that still has endpoints is a CONFLICT (the engine's 403). */
    async remove(id: string, call: EngineCall = {}): Promise<void> {
      await conflictOn403(engine.empty({ method: 'DELETE', endpoint: network('/networks/{id}', id), ...call }));
    },

    /** A container already connected is a CONFLICT (the engine's 403). */
    async connect(id: string, body: NetworkConnectWire, call: EngineCall = {}): Promise<void> {
      await conflictOn403(engine.empty({ method: 'POST', endpoint: network('/networks/{id}/connect', id), json: body, ...call }));
    },

    async disconnect(id: string, body: NetworkDisconnectWire, call: EngineCall = {}): Promise<void> {
      await conflictOn403(engine.empty({ method: 'POST', endpoint: network('/networks/{id}/disconnect', id), json: body, ...call }));
    },

    /** Removes every unused network the filters match (`until`, `label`, `label!`). */
    prune(filters?: EngineFilters, call: EngineCall = {}): Promise<NetworkPruneWire> {
      return engine.json({ method: 'POST', endpoint: PRUNE, query: { filters: filtersQuery(filters) }, ...call });
    },
  };
}

export type NetworksApi = ReturnType<typeof networksApi>;
