// The networks view: every engine's networks (with their engine when there are several), their address pools, the containers on each, and a remove button.
import { useClient } from '@urql/preact';
import type { DashboardNetworksQuery } from '../gql/graphql.js';
import { useListing } from '../listing.js';
import type { Report } from '../operation-error.js';
import { DashboardNetworks, DashboardRemoveNetwork } from '../operations.js';
import { ContainerLinks } from './container-links.js';
import type { ContainerRow } from './containers.js';
import { EngineWarnings } from './engine-warnings.js';
import { RemoveButton } from './remove-button.js';

type NetworkRow = DashboardNetworksQuery['networks'][number];

/** Every engine has these and refuses to remove them. */
const PREDEFINED = new Set(['bridge', 'host', 'none']);

interface NetworksProps {
  report: Report;
  onLogs(container: ContainerRow): void;
}

export function Networks({ report, onLogs }: NetworksProps) {
  const { data, warnings, fetching, refresh } = useListing(DashboardNetworks, report);
  const several = (data?.engines.length ?? 0) > 1;
  return (
    <section id="networks" data-testid="networks" data-loading={String(fetching)}>
      <div class="toolbar">
        <h2>Networks</h2>
        <button type="button" data-testid="networks-refresh" disabled={fetching} onClick={refresh}>
          {fetching ? 'reading…' : 'refresh'}
        </button>
      </div>
      <EngineWarnings warnings={warnings} />
      <table>
        <thead>
          <tr>
            <th>name</th>
            {several && <th>engine</th>}
            <th>driver</th>
            <th>scope</th>
            <th>subnet</th>
            <th>containers</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {data?.networks.map((network) => (
            <Row
              key={`${network.engine.name}/${network.id}`}
              network={network}
              showEngine={several}
              report={report}
              onLogs={onLogs}
              onRemoved={refresh}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

interface RowProps {
  network: NetworkRow;
  showEngine: boolean;
  report: Report;
  onLogs(container: ContainerRow): void;
  onRemoved(): void;
}

function Row({ network, showEngine, report, onLogs, onRemoved }: RowProps) {
  const client = useClient();
  const variables = { engine: network.engine.name, id: network.id };
  return (
    <tr data-testid="network-row" data-id={network.id} data-name={network.name} data-engine={network.engine.name}>
      <td class="name">{network.name}</td>
      {showEngine && (
        <td class="engine" data-testid="engine">
          {network.engine.name}
        </td>
      )}
      <td>
        {network.driver}
        {network.internal && ' (internal)'}
      </td>
      <td>{network.scope}</td>
      <td class="subnet">
        {network.ipam.map((pool) => (
          <div key={pool.subnet ?? ''}>
            {pool.subnet ?? '–'}
            {pool.gateway && <span class="unknown"> via {pool.gateway}</span>}
          </div>
        ))}
      </td>
      <td data-testid="network-containers">
        <ContainerLinks containers={network.containers} onLogs={onLogs} />
      </td>
      <td class="actions">
        <RemoveButton
          fixed={PREDEFINED.has(network.name) ? 'predefined: the engine keeps it' : undefined}
          remove={() => client.mutation(DashboardRemoveNetwork, variables).toPromise()}
          report={report}
          onRemoved={onRemoved}
        />
      </td>
    </tr>
  );
}
