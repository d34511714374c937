// The swarm as the page shows it: which engines manage one, and one manager's swarm kept live (read again on its service and node events, its tasks' container events, and on a timer while it converges).
import { useClient, useSubscription } from '@urql/preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { type EngineWarning, sortErrors } from './engine-warnings.js';
import type { DashboardSwarmQuery } from './gql/graphql.js';
import type { Report } from './operation-error.js';
import { DashboardSwarm, DashboardSwarmEvents, DashboardSwarmManagers, DashboardTaskContainerEvents } from './operations.js';

export type SwarmData = NonNullable<DashboardSwarmQuery['engine']['swarm']>;
export type SwarmNode = SwarmData['nodes'][number];
export type SwarmService = SwarmData['services'][number];
export type SwarmTask = SwarmService['tasks'][number];

/**
 * A task's running state shows on the manager a moment after its container started on its node (the
 * node reports it), and no event says so: while anything converges the swarm is read this often.
 */
const CONVERGING_POLL_MS = 1_000;
/** Otherwise now and then, for what no event reaches the page with (a task on a node whose engine is not configured). */
const SETTLED_POLL_MS = 15_000;
/** As the container list's: events between the first read and the streams' start are replayed, not lost. */
const EVENTS_REPLAY_MS = 10_000;

/** Task states from which a task does not come back. */
const ENDED = new Set(['complete', 'failed', 'shutdown', 'rejected', 'orphaned', 'remove']);

/** The tasks worth showing: those meant to run, and those still on their way down; not the history docker service ps -a keeps. */
export const currentTasks = (service: SwarmService): SwarmTask[] =>
  service.tasks.filter((task) => task.desiredState === 'running' || !ENDED.has(task.state));

/** A replicated service's replicas; for a global one, the tasks the manager wants running (one per eligible node). */
export const desiredTasks = (service: SwarmService): number =>
  service.replicas ?? service.tasks.filter((task) => task.desiredState === 'running').length;

/** Whether the manager still has work to do: a count off its target, or a task not yet in the state it is meant to be in. */
export function converging(swarm: SwarmData): boolean {
  return swarm.services.some(
    (service) =>
      (service.replicas !== null && service.replicas !== undefined && service.runningTasks !== service.replicas) ||
      service.updateState === 'updating' ||
      service.tasks.some((task) => (task.desiredState === 'running' ? task.state !== 'running' : !ENDED.has(task.state))),
  );
}

/**
 * The configured engines that manage a swarm, in configured order; null until first known. Read once
 * per connection and again after each reconnection. An engine that cannot be asked counts as none:
 * the container list names it already.
 */
export function useSwarmManagers(retries: number): readonly string[] | null {
  const client = useClient();
  const [managers, setManagers] = useState<readonly string[] | null>(null);
  useEffect(() => {
    let current = true;
    void client
      .query(DashboardSwarmManagers, {})
      .toPromise()
      .then((result) => {
        if (!current || !result.data) return;
        const names = result.data.engines.filter((engine) => engine.swarm).map((engine) => engine.name);
        // The same names keep the same array: the tabs do not change for nothing.
        setManagers((last) => (last && last.join('\n') === names.join('\n') ? last : names));
      });
    return () => {
      current = false;
    };
  }, [client, retries]);
  return managers;
}

export interface LiveSwarm {
  /** Null until the first read, and when the engine answered that it manages no swarm (any more). */
  swarm: SwarmData | null;
  /** Whether a read has answered at all. */
  read: boolean;
  /** Engines a read could not reach: the manager itself, or the node engine of some task's container. */
  warnings: readonly EngineWarning[];
  refresh(): void;
}

/**
 * The swarm of manager `engine`, read now and again on each of its events; calls while a read runs
 * make one more read after it, so the last read starts after the last event. Lives while the view
 * that uses it is mounted (the swarm tab is shown): nothing is asked for a hidden tab.
 */
export function useLiveSwarm(engine: string, report: Report): LiveSwarm {
  const client = useClient();
  const [state, setState] = useState<Omit<LiveSwarm, 'refresh'>>({ swarm: null, read: false, warnings: [] });
  const loading = useRef({ running: false, again: false, mounted: true, timer: undefined as ReturnType<typeof setTimeout> | undefined });

  const refresh = useCallback(async () => {
    const run = loading.current;
    if (run.running) {
      run.again = true;
      return;
    }
    run.running = true;
    clearTimeout(run.timer);
    let swarm: SwarmData | null = null;
    try {
      do {
        run.again = false;
        const result = await client.query(DashboardSwarm, { engine }).toPromise();
        if (!run.mounted) return;
        const { warnings, failure } = sortErrors(result.error, engine);
        if (failure) report(failure);
        swarm = result.data?.engine.swarm ?? null;
        const shown = swarm;
        // A failed read (the manager away: no data, or its swarm null with a warning) keeps what was shown, beside the warning.
        setState((last) => ({ swarm: shown ?? (result.data && warnings.length === 0 ? null : last.swarm), read: true, warnings }));
      } while (run.again);
    } finally {
      run.running = false;
    }
    if (run.mounted) run.timer = setTimeout(() => void refresh(), swarm && converging(swarm) ? CONVERGING_POLL_MS : SETTLED_POLL_MS);
  }, [client, engine, report]);

  useEffect(() => {
    const run = loading.current;
    run.mounted = true;
    void refresh();
    return () => {
      run.mounted = false;
      clearTimeout(run.timer);
    };
  }, [refresh]);

  const since = useMemo(() => new Date(Date.now() - EVENTS_REPLAY_MS).toISOString(), [engine]);
  // A stream that fails is left so: the timer reads on, and a read's failure shows as its warning.
  const [swarmEvents] = useSubscription({ query: DashboardSwarmEvents, variables: { engine, since } });
  const [taskEvents] = useSubscription({ query: DashboardTaskContainerEvents, variables: { since } });
  useEffect(() => {
    if (swarmEvents.data) void refresh();
  }, [swarmEvents.data]);
  useEffect(() => {
    if (taskEvents.data) void refresh();
  }, [taskEvents.data]);

  return { ...state, refresh: () => void refresh() };
}
