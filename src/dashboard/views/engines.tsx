// The engines view: each configured engine, whether it answers, its version and platform, its /info figures, and its disk usage.
import { CombinedError } from '@urql/core';
import { useQuery } from '@urql/preact';
import { useCallback, useEffect } from 'preact/hooks';
import { memoryBytes } from '../format.js';
import type { DashboardEnginesQuery } from '../gql/graphql.js';
import type { Report } from '../operation-error.js';
import { DashboardEngines } from '../operations.js';
import { DiskUsagePanel } from './disk-usage.js';

type EngineCard = DashboardEnginesQuery['engines'][number];

/**
 * An engine that cannot be reached answers null for its version, info and disk usage, and the
 * operation gets an error at its path (engines.N...): that error belongs on its card, not in the
 * page's banner, which gets only what belongs to no engine.
 */
function errorsByEngine(error: CombinedError | undefined): { byIndex: Map<number, string>; rest: CombinedError | null } {
  const byIndex = new Map<number, string>();
  if (!error || error.networkError) return { byIndex, rest: error ?? null };
  const others = error.graphQLErrors.filter(({ path, message }) => {
    const index = path?.[0] === 'engines' ? path[1] : undefined;
    if (typeof index !== 'number') return true;
    if (!byIndex.has(index)) byIndex.set(index, message);
    return false;
  });
  return { byIndex, rest: others.length ? new CombinedError({ graphQLErrors: others, response: error.response }) : null };
}

export function Engines({ report }: { report: Report }) {
  const [result, execute] = useQuery({ query: DashboardEngines });
  const refresh = useCallback(() => execute({ requestPolicy: 'network-only' }), [execute]);
  const engines = result.data?.engines ?? null;
  const { byIndex, rest } = errorsByEngine(result.error);
  useEffect(() => {
    if (rest) report(rest);
  }, [result.error]);

  return (
    <section id="engines" data-testid="engines" data-loading={String(result.fetching)}>
      <div class="toolbar">
        <h2>Engines</h2>
        <button type="button" data-testid="engines-refresh" disabled={result.fetching} onClick={refresh}>
          {result.fetching ? 'reading…' : 'refresh'}
        </button>
      </div>
      <div class="engine-cards">
        {engines?.map((engine, index) => (
          <Card key={engine.name} engine={engine} problem={byIndex.get(index) ?? null} onPruned={refresh} />
        ))}
      </div>
    </section>
  );
}

function Card({ engine, problem, onPruned }: { engine: EngineCard; problem: string | null; onPruned(): void }) {
  const { info } = engine;
  return (
    <article class="engine" data-testid="engine-card" data-engine={engine.name} data-reachable={String(engine.reachable)}>
      <h3>
        {engine.name}{' '}
        <span class="reachability" data-testid="reachability">
          {engine.reachable ? 'reachable' : 'unreachable'}
        </span>
      </h3>
      {problem && (
        <p class="problem" data-testid="engine-problem">
          {problem}
        </p>
      )}
      <dl>
        <dt>version</dt>
        <dd data-testid="engine-version">{engine.version ?? '–'}</dd>
        <dt>API</dt>
        <dd data-testid="engine-api-version">{engine.apiVersion ?? '–'}</dd>
        <dt>platform</dt>
        <dd data-testid="engine-platform">{engine.os && engine.arch ? `${engine.os}/${engine.arch}` : '–'}</dd>
        {info && (
          <>
            <dt>host</dt>
            <dd data-testid="info-host">{info.name}</dd>
            <dt>CPUs</dt>
            <dd data-testid="info-cpus">{info.ncpu}</dd>
            <dt>memory</dt>
            <dd data-testid="info-memory" data-bytes={info.memTotal}>
              {memoryBytes(info.memTotal)}
            </dd>
            <dt>containers</dt>
            <dd
              data-testid="info-containers"
              data-running={info.containersRunning}
              data-paused={info.containersPaused}
              data-stopped={info.containersStopped}
            >
              {info.containers} ({info.containersRunning} running, {info.containersPaused} paused, {info.containersStopped} stopped)
            </dd>
            <dt>images</dt>
            <dd data-testid="info-images">{info.images}</dd>
            <dt>swarm</dt>
            <dd data-testid="info-swarm">{info.swarmState}</dd>
          </>
        )}
      </dl>
      <DiskUsagePanel engine={engine.name} usage={engine.diskUsage ?? null} onPruned={onPruned} />
    </article>
  );
}
