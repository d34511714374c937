// The container list: read over HTTP, read again on every engine event and whenever an engine goes or comes back, with each container's engine (when there are several) and lifecycle buttons.
import { useClient, useSubscription } from '@urql/preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type EngineWarning, sortErrors } from '../engine-warnings.js';
import type { DashboardContainersQuery } from '../gql/graphql.js';
import type { Report } from '../operation-error.js';
import { DashboardContainers, DashboardEvents, DashboardRemove, DashboardRestart, DashboardStart, DashboardStop } from '../operations.js';
import { useReachabilityChanges } from '../reachability.js';
import { EngineWarnings } from './engine-warnings.js';

export type ContainerRow = DashboardContainersQuery['containers'][number];
type Action = 'start' | 'stop' | 'restart' | 'remove';
const ACTIONS: readonly Action[] = ['start', 'stop', 'restart', 'remove'];

/** How mutations and subscriptions name a container: ENGINE/id reaches the engine that runs it, however many there are. */
export const containerRef = (container: ContainerRow): string => `${container.engine.name}/${container.id}`;

/**
 * How far back the events subscription starts. The list loads over HTTP while the stream opens over
 * the WebSocket; replaying a little history means an event between the two is never lost, and a
 * replayed event costs one more read of the list. It also absorbs a browser clock a little off the engine's.
 */
const EVENTS_REPLAY_MS = 10_000;

interface Listing {
  /** The configured engines, in their order; empty until the first read. */
  engines: readonly string[];
  containers: readonly ContainerRow[] | null;
  /** The engines the last read could not reach: the list holds the others' containers. */
  warnings: readonly EngineWarning[];
}

/**
 * Reloads the list (of every engine, or of `engine`); calls while one is loading make one more load
 * after it, so the last load starts after the last event or change of filter.
 */
function useContainerList(report: Report, engine: string | null): Listing & { refresh(): void } {
  const client = useClient();
  const [listing, setListing] = useState<Listing>({ engines: [], containers: null, warnings: [] });
  const loading = useRef({ running: false, again: false, mounted: true });
  const filter = useRef(engine);
  filter.current = engine;
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
        const asked = filter.current;
        const result = await client.query(DashboardContainers, { engine: asked }).toPromise();
        // A list read for a replaced connection is shown nowhere.
        if (!state.mounted) return;
        const { warnings, failure } = sortErrors(result.error, asked);
        if (failure) report(failure);
        if (result.data) {
          const { engines, containers } = result.data;
          setListing({ engines: engines.map((each) => each.name), containers, warnings });
        } else if (!failure) {
          // The one engine asked for is down: nothing of it to show, and the filter stays.
          setListing((last) => ({ ...last, containers: [], warnings }));
        }
      } while (state.again);
    } finally {
      state.running = false;
    }
  }, [client, report]);
  return { ...listing, refresh: () => void refresh() };
}

interface ContainersProps {
  /** How often the WebSocket came back: events missed meanwhile mean the list is read afresh. */
  retries: number;
  forceRemove: boolean;
  selectedRef: string | null;
  onSelect(container: ContainerRow): void;
  report: Report;
  onEnded(): void;
}

export function Containers({ retries, forceRemove, selectedRef, onSelect, report, onEnded }: ContainersProps) {
  const [engine, setEngine] = useState<string | null>(null);
  const { engines, containers, warnings, refresh } = useContainerList(report, engine);
  const several = engines.length > 1;
  const changes = useReachabilityChanges(several);

  // The first render reads the list; so does each reconnection, change of filter, and engine gone or back.
  useEffect(refresh, [retries, engine, changes]);

  return (
    <section>
      {several && (
        <div class="toolbar">
          <label>
            engine{' '}
            <select
              id="engine-filter"
              data-testid="engine-filter"
              value={engine ?? ''}
              onChange={(event) => setEngine(event.currentTarget.value || null)}
            >
              <option value="">all engines</option>
              {engines.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        </div>
      )}
      <EngineWarnings warnings={warnings} />
      {/* Anew after an engine went or came back: a stream opened before misses the events of an engine that returned. */}
      <Events key={changes} onEvent={refresh} report={report} onEnded={onEnded} />
      <table data-testid="containers">
        <thead>
          <tr>
            <th>name</th>
            {several && <th>engine</th>}
            <th>image</th>
            <th>state</th>
            <th>status</th>
            <th></th>
          </tr>
        </thead>
        <tbody id="container-rows">
          {containers?.map((container) => (
            <Row
              key={containerRef(container)}
              container={container}
              showEngine={several}
              selected={containerRef(container) === selectedRef}
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

interface EventsProps {
  onEvent(): void;
  report: Report;
  /** The stream ended: the page no longer follows the engines. */
  onEnded(): void;
}

/** Follows the engines' container events (every engine's, whatever the filter shows); each event, or batch of them between two renders, calls onEvent. */
function Events({ onEvent, report, onEnded }: EventsProps) {
  const since = useMemo(() => new Date(Date.now() - EVENTS_REPLAY_MS).toISOString(), []);
  const [events] = useSubscription({ query: DashboardEvents, variables: { since } });
  const following = useRef(false);
  useEffect(() => {
    if (events.data) onEvent();
  }, [events.data]);
  useEffect(() => {
    if (events.error) report(events.error);
  }, [events.error]);
  if (events.fetching) following.current = true;
  const ended = following.current && !events.fetching && !events.error;
  useEffect(() => {
    if (ended) onEnded();
  }, [ended]);
  return null;
}

interface RowProps {
  container: ContainerRow;
  showEngine: boolean;
  selected: boolean;
  forceRemove: boolean;
  onSelect(container: ContainerRow): void;
  report: Report;
}

function Row({ container, showEngine, selected, forceRemove, onSelect, report }: RowProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const running = container.state === 'RUNNING' || container.state === 'PAUSED' || container.state === 'RESTARTING';
  const disabled: Record<Action, boolean> = { start: busy || running, stop: busy || !running, restart: busy, remove: busy };

  const act = async (action: Action) => {
    const id = containerRef(container);
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
      data-engine={container.engine.name}
      data-state={container.state}
      class={selected ? 'selected' : undefined}
    >
      <td class="name">
        <button type="button" data-testid="select-logs" title="show its log" onClick={() => onSelect(container)}>
          {container.name}
        </button>
      </td>
      {showEngine && (
        <td class="engine" data-testid="engine">
          {container.engine.name}
        </td>
      )}
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
