// The container list: read over HTTP, read again on every engine event of the `events` subscription, with each container's lifecycle buttons.
import { useClient, useSubscription } from '@urql/preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardContainersQuery } from '../gql/graphql.js';
import type { Report } from '../operation-error.js';
import { DashboardContainers, DashboardEvents, DashboardRemove, DashboardRestart, DashboardStart, DashboardStop } from '../operations.js';

export type ContainerRow = DashboardContainersQuery['containers'][number];
type Action = 'start' | 'stop' | 'restart' | 'remove';
const ACTIONS: readonly Action[] = ['start', 'stop', 'restart', 'remove'];

/**
 * How far back the events subscription starts. The list loads over HTTP while the stream opens over
 * the WebSocket; replaying a little history means an event between the two is never lost, and a
 * replayed event costs one more read of the list. It also absorbs a browser clock a little off the engine's.
 */
const EVENTS_REPLAY_MS = 10_000;

/** Reloads the list; calls while one is loading make one more load after it, so the last load starts after the last event. */
function useContainerList(report: Report): { containers: readonly ContainerRow[] | null; refresh(): void } {
  const client = useClient();
  const [containers, setContainers] = useState<readonly ContainerRow[] | null>(null);
  const loading = useRef({ running: false, again: false, mounted: true });
  useEffect(
    () => () => {
      loading.current.mounted = false;
    },
    [],
  );
  const refresh = useCallback(async () => {
    const state = loading.current;
    if (state.running) {
      state.again = true;
      return;
    }
    state.running = true;
    try {
      do {
        state.again = false;
        const result = await client.query(DashboardContainers, {}).toPromise();
        // A list read for a replaced connection is shown nowhere.
        if (!state.mounted) return;
        if (result.error) report(result.error);
        else if (result.data) setContainers(result.data.containers);
      } while (state.again);
    } finally {
      state.running = false;
    }
  }, [client, report]);
  return { containers, refresh: () => void refresh() };
}

interface ContainersProps {
  /** How often the WebSocket came back: events missed meanwhile mean the list is read afresh. */
  retries: number;
  forceRemove: boolean;
  selectedId: string | null;
  onSelect(container: ContainerRow): void;
  report: Report;
  onEnded(): void;
}

export function Containers({ retries, forceRemove, selectedId, onSelect, report, onEnded }: ContainersProps) {
  const { containers, refresh } = useContainerList(report);
  const [since] = useState(() => new Date(Date.now() - EVENTS_REPLAY_MS).toISOString());
  const [events] = useSubscription({ query: DashboardEvents, variables: { since } });
  const following = useRef(false);

  // Each event (or batch of them between two renders) reads the list again; so does the first render and each reconnection.
  useEffect(refresh, [events.data, retries]);
  useEffect(() => {
    if (events.error) report(events.error);
  }, [events.error]);
  if (events.fetching) following.current = true;
  const ended = following.current && !events.fetching && !events.error;
  useEffect(() => {
    if (ended) onEnded();
  }, [ended]);

  return (
    <section>
      <table data-testid="containers">
        <thead>
          <tr>
            <th>name</th>
            <th>image</th>
            <th>state</th>
            <th>status</th>
            <th></th>
          </tr>
        </thead>
        <tbody id="container-rows">
          {containers?.map((container) => (
            <Row
              key={container.id}
              container={container}
              selected={container.id === selectedId}
              forceRemove={forceRemove}
              onSelect={onSelect}
              report={report}
            />
          ))}
        </tbody>
      </table>
      <p id="no-containers" hidden={containers === null || containers.length > 0}>
        No containers.
      </p>
    </section>
  );
}

interface RowProps {
  container: ContainerRow;
  selected: boolean;
  forceRemove: boolean;
  onSelect(container: ContainerRow): void;
  report: Report;
}

function Row({ container, selected, forceRemove, onSelect, report }: RowProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const running = container.state === 'RUNNING' || container.state === 'PAUSED' || container.state === 'RESTARTING';
  const disabled: Record<Action, boolean> = { start: busy || running, stop: busy || !running, restart: busy, remove: busy };

  const act = async (action: Action) => {
    const id = container.id;
    setBusy(true);
    const done =
      action === 'start'
        ? client.mutation(DashboardStart, { id })
        : action === 'stop'
          ? client.mutation(DashboardStop, { id })
          : action === 'restart'
            ? client.mutation(DashboardRestart, { id })
            : client.mutation(DashboardRemove, { id, force: forceRemove });
    const { error } = await done.toPromise();
    // The state itself arrives with the engine's events (die, start, destroy), as any other change does.
    if (error) report(error);
    setBusy(false);
  };

  return (
    <tr
      data-testid="container-row"
      data-id={container.id}
      data-name={container.name}
      data-state={container.state}
      class={selected ? 'selected' : undefined}
    >
      <td class="name">
        <button type="button" data-testid="select-logs" title="show its log" onClick={() => onSelect(container)}>
          {container.name}
        </button>
      </td>
      <td class="image">{container.image}</td>
      <td class="state" data-testid="state" data-state={container.state}>
        {container.state}
      </td>
      <td class="status" data-testid="status">
        {container.status}
      </td>
      <td class="actions">
        {ACTIONS.map((action) => (
          <button key={action} type="button" data-testid={action} disabled={disabled[action]} onClick={() => void act(action)}>
            {action}
          </button>
        ))}
      </td>
    </tr>
  );
}
