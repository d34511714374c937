// The /volumes endpoints: one function per verb, each with the statuses it expects.
import { namedEndpoint } from './networks.js';
import { endpoint, type EngineCall, type EngineTransport } from './request.js';
import type { EngineFilters, VolumeCreateWire, VolumeListWire, VolumePruneWire, VolumeWire } from './types.js';

const LIST = endpoint('/volumes');
const CREATE = endpoint('/volumes/create');
const PRUNE = endpoint('/volumes/prune');

const filtersQuery = (filters: EngineFilters | undefined) =>
  filters && Object.keys(filters).length > 0 ? JSON.stringify(filters) : undefined;

export function volumesApi(engine: EngineTransport) {
  /** `/volumes/{name}`; worded as the engine words a volume it does not know. */
  const volume = (name: string) => namedEndpoint('/volumes/{name}', 'name', name, (shown) => `get ${shown}: no such volume`);

  return {
    /** Every volume (`dangling`, `driver`, `label`, `name` filters), and the warnings of drivers that could not list theirs. */
    list(filters?: EngineFilters, call: EngineCall = {}): Promise<VolumeListWire> {
      return engine.json({
        method: 'GET',
        endpoint: LIST,
        ifTooLarge: 'ask for fewer with filters',
        query: { filters: filtersQuery(filters) },
        ...call,
      });
    },

    /** Async, so a name that cannot be sent rejects rather than throws. */
    async inspect(name: string, call: EngineCall = {}): Promise<VolumeWire> {
      return engine.json({ method: 'GET', endpoint: volume(name), ...call });
    },

    /**
     * A name already in use is not an error: the engine answers 201 with the existing volume, its
     * labels and options as they were, whatever this body asked for.
     */
    create(body: VolumeCreateWire, call: EngineCall = {}): Promise<VolumeWire> {
      return engine.json({ method: 'POST', endpoint: CREATE, json: body, ...call });
    },

    /** A volume a container uses answers 409 (CONFLICT), even with force; with force a missing volume is no error. */
    async remove(name: string, force: boolean, call: EngineCall = {}): Promise<void> {
      await engine.empty({ method: 'DELETE', endpoint: volume(name), query: { force: force || undefined }, ...call });
    },

    /** Removes every volume no container uses that the filters match (`label`, `label!`); on API 1.41 named volumes too. */
    prune(filters?: EngineFilters, call: EngineCall = {}): Promise<VolumePruneWire> {
      return engine.json({ method: 'POST', endpoint: PRUNE, query: { filters: filtersQuery(filters) }, ...call });
    },
  };
}

export type VolumesApi = ReturnType<typeof volumesApi>;
