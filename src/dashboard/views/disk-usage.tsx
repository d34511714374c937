// One engine's disk usage (GET /system/df) as `docker system df` sums it, with the place for its prune buttons.
import type { DashboardEnginesQuery } from '../gql/graphql.js';
import { diskBytes } from '../format.js';
import { EnginePrune } from './engine-prune.js';

export type DiskUsage = NonNullable<DashboardEnginesQuery['engines'][number]['diskUsage']>;

interface DiskUsageProps {
  engine: string;
  /** Null while the engine cannot be reached. */
  usage: DiskUsage | null;
  onPruned(): void;
}

export function DiskUsagePanel({ engine, usage, onPruned }: DiskUsageProps) {
  return (
    <section class="disk-usage" data-testid="disk-usage">
      <h4>Disk usage</h4>
      {usage ? (
        <dl>
          <dt>layers</dt>
          <dd data-testid="layers-size" data-bytes={usage.layersSize}>
            {diskBytes(usage.layersSize)}
          </dd>
          <dt>reclaimable</dt>
          <dd data-testid="reclaimable" data-bytes={usage.reclaimable}>
            {diskBytes(usage.reclaimable)}
          </dd>
          <dt>images</dt>
          <dd data-testid="usage-images">{usage.images.length}</dd>
          <dt>containers</dt>
          <dd data-testid="usage-containers">{usage.containers.length}</dd>
          <dt>volumes</dt>
          <dd data-testid="usage-volumes">{usage.volumes.length}</dd>
          <dt>build cache</dt>
          <dd data-testid="build-cache" data-bytes={usage.buildCacheSize}>
            {diskBytes(usage.buildCacheSize)}
          </dd>
        </dl>
      ) : (
        <p class="unknown">unknown while the engine cannot be reached</p>
      )}
      <EnginePrune engine={engine} onPruned={onPruned} />
    </section>
  );
}
