// The volumes view: every engine's volumes (with their engine when there are several), their size as the engine measured it, the containers that mount each, and a remove button.
import { useClient } from '@urql/preact';
import { diskBytes } from '../format.js';
import type { DashboardVolumesQuery } from '../gql/graphql.js';
import { useListing } from '../listing.js';
import type { Report } from '../operation-error.js';
import { DashboardRemoveVolume, DashboardVolumes } from '../operations.js';
import { ContainerLinks } from './container-links.js';
import type { ContainerRow } from './containers.js';
import { EngineWarnings } from './engine-warnings.js';
import { RemoveButton } from './remove-button.js';

type VolumeRow = DashboardVolumesQuery['volumes'][number];

interface VolumesProps {
  report: Report;
  onLogs(container: ContainerRow): void;
}

export function Volumes({ report, onLogs }: VolumesProps) {
  const { data, warnings, fetching, refresh } = useListing(DashboardVolumes, report);
  const several = (data?.engines.length ?? 0) > 1;
  return (
    <section id="volumes" data-testid="volumes" data-loading={String(fetching)}>
      <div class="toolbar">
        <h2>Volumes</h2>
        <button type="button" data-testid="volumes-refresh" disabled={fetching} onClick={refresh}>
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
            <th>size</th>
            <th>containers</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {data?.volumes.map((volume) => (
            <Row
              key={`${volume.engine.name}/${volume.name}`}
              volume={volume}
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
  volume: VolumeRow;
  showEngine: boolean;
  report: Report;
  onLogs(container: ContainerRow): void;
  onRemoved(): void;
}

function Row({ volume, showEngine, report, onLogs, onRemoved }: RowProps) {
  const client = useClient();
  const variables = { engine: volume.engine.name, name: volume.name };
  // The endpoints of a network name their container; a volume's containers are containers already.
  const mounts = volume.containers.map((container) => ({ name: container.name, container }));
  return (
    <tr data-testid="volume-row" data-name={volume.name} data-engine={volume.engine.name}>
      <td class="name" title={volume.mountpoint}>
        {volume.name}
      </td>
      {showEngine && (
        <td class="engine" data-testid="engine">
          {volume.engine.name}
        </td>
      )}
      <td>{volume.driver}</td>
      <td data-testid="volume-size" data-bytes={volume.usage?.size ?? ''}>
        {volume.usage ? diskBytes(volume.usage.size) : '–'}
      </td>
      <td data-testid="volume-containers">
        <ContainerLinks containers={mounts} onLogs={onLogs} />
      </td>
      <td class="actions">
        <RemoveButton remove={() => client.mutation(DashboardRemoveVolume, variables).toPromise()} report={report} onRemoved={onRemoved} />
      </td>
    </tr>
  );
}
