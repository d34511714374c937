// The pull box: a reference to pull, then the pull's progress live over the `imagePull` subscription, a bar per layer, until it ends or fails.
import { useSubscription } from '@urql/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { diskBytes } from '../format.js';
import type { DashboardImagePullSubscription } from '../gql/graphql.js';
import { operationErrorOf } from '../operation-error.js';
import { DashboardImagePull } from '../operations.js';
import { addEvent, type LayerProgress, NO_PROGRESS, type PullProgress } from '../pull-progress.js';

interface PullBoxProps {
  /** The configured engines; with several, the pull names the one chosen. */
  engines: readonly string[];
  /** After a pull ends, well or not: the image list is read again. */
  onPulled(): void;
}

interface Run {
  ref: string;
  engine: string | null;
  /** Each pull is a subscription of its own, even of the same reference. */
  n: number;
}

export function PullBox({ engines, onPulled }: PullBoxProps) {
  const [ref, setRef] = useState('');
  const [engine, setEngine] = useState<string | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = engines.length > 1 ? (engine ?? engines[0] ?? null) : null;
  const start = (event: Event) => {
    event.preventDefault();
    const wanted = ref.trim();
    if (!wanted || busy) return;
    setBusy(true);
    setRun({ ref: wanted, engine: chosen, n: (run?.n ?? 0) + 1 });
  };
  return (
    <section id="image-pull" data-testid="image-pull">
      <form class="toolbar" onSubmit={start}>
        <input
          type="text"
          data-testid="pull-ref"
          placeholder="image reference, e.g. busybox:latest"
          aria-label="image reference"
          value={ref}
          onInput={(event) => setRef(event.currentTarget.value)}
        />
        {engines.length > 1 && (
          <select
            data-testid="pull-engine"
            aria-label="engine"
            value={chosen ?? ''}
            onChange={(event) => setEngine(event.currentTarget.value)}
          >
            {engines.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        )}
        <button type="submit" data-testid="pull" disabled={busy || ref.trim() === ''}>
          {busy ? 'pulling…' : 'pull'}
        </button>
      </form>
      {run && (
        <PullRun
          key={run.n}
          run={run}
          onEnded={() => {
            setBusy(false);
            onPulled();
          }}
        />
      )}
    </section>
  );
}

interface Received {
  /** The event last added. */
  last: DashboardImagePullSubscription;
  progress: PullProgress;
}

function PullRun({ run, onEnded }: { run: Run; onEnded(): void }) {
  const [result] = useSubscription(
    { query: DashboardImagePull, variables: { ref: run.ref, engine: run.engine } },
    (received: Received | undefined, data: DashboardImagePullSubscription): Received => {
      // urql hands the last result over once more as the subscription completes: the same object, not a new event.
      if (received?.last === data) return received;
      return { last: data, progress: addEvent(received?.progress ?? NO_PROGRESS, data.imagePull) };
    },
  );
  // The subscription is not under way on the first render: only once it was does `fetching: false` mean it ended.
  // A failed one stays `fetching` (urql ends a subscription's results on completion, not on an error): its error is its end.
  const started = useRef(false);
  if (result.fetching) started.current = true;
  const ended = (started.current && !result.fetching) || result.error !== undefined;
  useEffect(() => {
    if (ended) onEnded();
  }, [ended]);

  const progress = result.data?.progress ?? NO_PROGRESS;
  const failure = result.error ? operationErrorOf(result.error) : null;
  const state = failure || progress.error ? 'failed' : ended ? 'done' : 'pulling';
  return (
    <div class="pull-run" data-testid="pull-run" data-ref={run.ref} data-state={state}>
      <ul class="pull-lines">
        {progress.lines.map((line, index) => (
          // Lines only ever get added: their place is their identity.
          <li key={index} data-testid="pull-line">
            {line}
          </li>
        ))}
      </ul>
      {progress.layers.length > 0 && (
        <table class="pull-layers">
          <tbody>
            {progress.layers.map((layer) => (
              <Layer key={layer.id} layer={layer} />
            ))}
          </tbody>
        </table>
      )}
      {(failure || progress.error) && (
        <p class="problem" role="alert" data-testid="pull-error" data-code={failure?.code ?? ''}>
          {failure && <code>{failure.code}</code>} {failure?.message ?? progress.error}
        </p>
      )}
    </div>
  );
}

function Layer({ layer }: { layer: LayerProgress }) {
  const counted = layer.total !== null && layer.total > 0 && layer.current !== null;
  return (
    <tr data-testid="pull-layer" data-id={layer.id} data-status={layer.status}>
      <td class="id">{layer.id}</td>
      <td class="status">{layer.status}</td>
      <td class="bar">
        {counted && (
          <progress
            value={layer.current ?? 0}
            max={layer.total ?? 0}
            title={`${diskBytes(layer.current ?? 0)} of ${diskBytes(layer.total ?? 0)}`}
          />
        )}
      </td>
      <td class="bytes">{counted ? `${diskBytes(layer.current ?? 0)} / ${diskBytes(layer.total ?? 0)}` : ''}</td>
    </tr>
  );
}
