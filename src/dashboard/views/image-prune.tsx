// The images view's prune: per engine, asks first, then shows what the engine deleted and the space it gave back.
import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import { diskBytes } from '../format.js';
import type { Report } from '../operation-error.js';
import { DashboardPruneImages } from '../operations.js';

interface ImagePruneProps {
  /** The configured engines: a prune is of one engine, so with several each gets its button. */
  engines: readonly string[];
  report: Report;
  /** After a prune: the list is read again. */
  onPruned(): void;
}

interface Pruned {
  engine: string;
  deleted: readonly string[];
  spaceReclaimed: number;
}

export function ImagePrune({ engines, report, onPruned }: ImagePruneProps) {
  const client = useClient();
  const [busy, setBusy] = useState<string | null>(null);
  const [last, setLast] = useState<Pruned | null>(null);
  const several = engines.length > 1;

  const prune = async (engine: string) => {
    if (!window.confirm(`Remove every dangling image no container uses on engine ${engine}?`)) return;
    setBusy(engine);
    const { data, error } = await client.mutation(DashboardPruneImages, { engine }).toPromise();
    setBusy(null);
    if (error) report(error);
    const result = data?.pruneImages;
    setLast(result ? { engine, deleted: result.deleted, spaceReclaimed: result.spaceReclaimed } : null);
    if (result) onPruned();
  };

  return (
    <>
      {engines.map((engine) => (
        <button
          key={engine}
          type="button"
          data-testid="prune-images"
          data-engine={engine}
          disabled={busy !== null}
          onClick={() => void prune(engine)}
        >
          {busy === engine ? 'pruning…' : several ? `prune ${engine}` : 'prune'}
        </button>
      ))}
      {last && (
        <p
          class="pruned"
          role="status"
          data-testid="images-pruned"
          data-engine={last.engine}
          data-deleted={last.deleted.length}
          data-reclaimed={last.spaceReclaimed}
          title={last.deleted.join('\n')}
        >
          {several && `${last.engine}: `}
          {last.deleted.length} deleted, {diskBytes(last.spaceReclaimed)} reclaimed
        </p>
      )}
    </>
  );
}
