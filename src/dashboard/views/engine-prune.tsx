// An engine's prune buttons: each asks first, then shows what the engine says it removed and the space it gave back, and has the disk usage read again.
import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import { diskBytes } from '../format.js';
import { type OperationError, operationErrorOf } from '../operation-error.js';
import { DashboardPruneContainers, DashboardPruneNetworks, DashboardPruneVolumes } from '../operations.js';

export interface EnginePruneProps {
  engine: string;
  /** To be called once a prune is done: the engines view reads the figures again. */
  onPruned(): void;
}

type Kind = 'containers' | 'networks' | 'volumes';
const KINDS: readonly Kind[] = ['containers', 'networks', 'volumes'];

/** What each prune removes, for the question asked before it. */
const WHAT: Record<Kind, string> = {
  containers: 'every stopped container',
  networks: 'every network no container uses',
  volumes: 'every anonymous volume no container uses',
};

const ONE: Record<Kind, string> = { containers: 'container', networks: 'network', volumes: 'volume' };

interface Pruned {
  kind: Kind;
  deleted: readonly string[];
  spaceReclaimed: number;
}

/** A refused prune (FORBIDDEN below admin, the engine's own errors) shows on the card it was asked on, beside the engine it concerns. */
export function EnginePrune({ engine, onPruned }: EnginePruneProps) {
  const client = useClient();
  const [busy, setBusy] = useState<Kind | null>(null);
  const [last, setLast] = useState<Pruned | null>(null);
  const [failure, setFailure] = useState<OperationError | null>(null);

  const prune = async (kind: Kind) => {
    if (!window.confirm(`Remove ${WHAT[kind]} of engine ${engine}?`)) return;
    setBusy(kind);
    const variables = { engine };
    const done =
      kind === 'containers'
        ? client
            .mutation(DashboardPruneContainers, variables)
            .toPromise()
            .then((r) => ({ error: r.error, result: r.data?.pruneContainers }))
        : kind === 'networks'
          ? client
              .mutation(DashboardPruneNetworks, variables)
              .toPromise()
              .then((r) => ({ error: r.error, result: r.data?.pruneNetworks }))
          : client
              .mutation(DashboardPruneVolumes, variables)
              .toPromise()
              .then((r) => ({ error: r.error, result: r.data?.pruneVolumes }));
    const { error, result } = await done;
    setBusy(null);
    setFailure(error ? operationErrorOf(error) : null);
    setLast(result ? { kind, deleted: result.deleted, spaceReclaimed: result.spaceReclaimed } : null);
    if (result) onPruned();
  };

  return (
    <div class="prune-actions" data-testid="prune-actions" data-engine={engine}>
      {KINDS.map((kind) => (
        <button key={kind} type="button" data-testid={`prune-${kind}`} disabled={busy !== null} onClick={() => void prune(kind)}>
          {busy === kind ? 'pruning…' : `prune ${kind}`}
        </button>
      ))}
      {last && (
        <p
          class="pruned"
          role="status"
          data-testid="pruned"
          data-kind={last.kind}
          data-deleted={last.deleted.length}
          data-reclaimed={last.spaceReclaimed}
          title={last.deleted.join('\n')}
        >
          {last.deleted.length} {last.deleted.length === 1 ? ONE[last.kind] : last.kind} deleted, {diskBytes(last.spaceReclaimed)} reclaimed
        </p>
      )}
      {failure && (
        <p class="problem" role="alert" data-testid="prune-error" data-code={failure.code}>
          <code>{failure.code}</code> {failure.message}
        </p>
      )}
    </div>
  );
}
