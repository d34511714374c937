// The images view: every engine's images (with their engine when there are several), their tags, size, age and the containers created from each, a remove button per image, a prune and the pull box.
import { useClient } from '@urql/preact';
import { useRef, useState } from 'preact/hooks';
import { diskBytes } from '../format.js';
import type { DashboardImagesQuery } from '../gql/graphql.js';
import { useListing } from '../listing.js';
import type { Report } from '../operation-error.js';
import { DashboardImages, DashboardRemoveImage } from '../operations.js';
import { ContainerLinks } from './container-links.js';
import type { ContainerRow } from './containers.js';
import { EngineWarnings } from './engine-warnings.js';
import { ImagePrune } from './image-prune.js';
import { PullBox } from './image-pull.js';
import { RemoveButton } from './remove-button.js';

type ImageRow = DashboardImagesQuery['images'][number];

/** What the engine said it did for the last removal. */
interface Removed {
  image: string;
  items: readonly { untagged: string | null; deleted: string | null }[];
}

interface ImagesProps {
  report: Report;
  onLogs(container: ContainerRow): void;
}

export function Images({ report, onLogs }: ImagesProps) {
  const { data, warnings, fetching, refresh } = useListing(DashboardImages, report);
  const [removed, setRemoved] = useState<Removed | null>(null);
  const engines = data?.engines.map((engine) => engine.name) ?? [];
  const several = engines.length > 1;
  return (
    <section id="images" data-testid="images" data-loading={String(fetching)}>
      <div class="toolbar">
        <h2>Images</h2>
        <button type="button" data-testid="images-refresh" disabled={fetching} onClick={refresh}>
          {fetching ? 'reading…' : 'refresh'}
        </button>
        <ImagePrune engines={engines} report={report} onPruned={refresh} />
      </div>
      <PullBox engines={engines} onPulled={refresh} />
      <EngineWarnings warnings={warnings} />
      {removed && <RemovedItems removed={removed} />}
      <table>
        <thead>
          <tr>
            <th>tags</th>
            <th>id</th>
            {several && <th>engine</th>}
            <th>size</th>
            <th>created</th>
            <th>used by</th>
            <th></th>
          </tr>
        </thead>
        <tbody>
          {data?.images.map((image) => (
            <Row
              key={`${image.engine.name}/${image.id}`}
              image={image}
              showEngine={several}
              report={report}
              onLogs={onLogs}
              onRemoved={(items) => {
                setRemoved({ image: image.repoTags[0] ?? image.shortId, items });
                refresh();
              }}
            />
          ))}
        </tbody>
      </table>
    </section>
  );
}

function RemovedItems({ removed }: { removed: Removed }) {
  return (
    <div class="removed" role="status" data-testid="image-removed" data-image={removed.image}>
      Removed {removed.image}:
      <ul>
        {removed.items.map(({ untagged, deleted }) => (
          <li
            key={untagged ?? deleted}
            data-testid="image-removed-item"
            data-untagged={untagged ?? undefined}
            data-deleted={deleted ?? undefined}
          >
            {untagged ? `untagged ${untagged}` : `deleted ${deleted}`}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** createdAt as `YYYY-MM-DD HH:MM` UTC; the exact instant in its title. */
const created = (at: string): string => `${at.slice(0, 10)} ${at.slice(11, 16)}`;

interface RowProps {
  image: ImageRow;
  showEngine: boolean;
  report: Report;
  onLogs(container: ContainerRow): void;
  onRemoved(items: Removed['items']): void;
}

function Row({ image, showEngine, report, onLogs, onRemoved }: RowProps) {
  const client = useClient();
  const users = image.containers.map((container) => ({ name: container.name, container }));
  // The remove button says only that it went; what the engine answered is kept for the view to show.
  const answer = useRef<Removed['items']>([]);
  // By id, as `docker rmi ID`: the engine untags and deletes it, or says why not (in use, or tagged in several repositories).
  const remove = async () => {
    const result = await client.mutation(DashboardRemoveImage, { engine: image.engine.name, ref: image.id }).toPromise();
    answer.current = result.data?.removeImage ?? [];
    return result;
  };
  return (
    <tr data-testid="image-row" data-id={image.id} data-tags={image.repoTags.join(' ')} data-engine={image.engine.name}>
      <td class="name" data-testid="image-tags">
        {image.repoTags.length > 0 ? image.repoTags.map((tag) => <div key={tag}>{tag}</div>) : <span class="unknown">&lt;none&gt;</span>}
      </td>
      <td class="id">
        <code>{image.shortId}</code>
      </td>
      {showEngine && (
        <td class="engine" data-testid="engine">
          {image.engine.name}
        </td>
      )}
      <td data-testid="image-size" data-bytes={image.size}>
        {diskBytes(image.size)}
      </td>
      <td title={image.createdAt}>{created(image.createdAt)}</td>
      <td data-testid="image-containers">
        <ContainerLinks containers={users} onLogs={onLogs} />
      </td>
      <td class="actions">
        <RemoveButton remove={remove} report={report} onRemoved={() => onRemoved(answer.current)} />
      </td>
    </tr>
  );
}
