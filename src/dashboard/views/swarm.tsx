// The swarm view: a manager engine (chosen when several are), its nodes with the configured engine each one is, and its services.
import { useState } from 'preact/hooks';
import type { Report } from '../operation-error.js';
import { type SwarmNode, useLiveSwarm } from '../swarm-data.js';
import type { ContainerRow } from './containers.js';
import { EngineWarnings } from './engine-warnings.js';
import { Services } from './swarm-services.js';

interface SwarmProps {
  /** The configured engines that manage a swarm, in configured order; at least one. */
  managers: readonly string[];
  report: Report;
  /** Opens a task's container in the containers view's log pane. */
  onLogs(container: ContainerRow): void;
}

export function Swarm({ managers, report, onLogs }: SwarmProps) {
  const [chosen, setChosen] = useState<string | null>(null);
  const engine = chosen !== null && managers.includes(chosen) ? chosen : (managers[0] ?? '');
  return (
    <section id="swarm" data-testid="swarm">
      <div class="toolbar">
        <h2>Swarm</h2>
        {managers.length > 1 ? (
          <label>
            manager{' '}
            <select data-testid="swarm-manager" value={engine} onChange={(event) => setChosen(event.currentTarget.value)}>
              {managers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        ) : (
          <span data-testid="swarm-manager">
            manager <code>{engine}</code>
          </span>
        )}
      </div>
      {/* Anew for each manager: its reads, streams and timer are its own. */}
      <LiveSwarm key={engine} engine={engine} report={report} onLogs={onLogs} />
    </section>
  );
}

function LiveSwarm({ engine, report, onLogs }: { engine: string; report: Report; onLogs(container: ContainerRow): void }) {
  const { swarm, read, warnings, refresh } = useLiveSwarm(engine, report);
  return (
    <div data-testid="swarm-live" data-engine={engine} data-read={String(read)}>
      <EngineWarnings warnings={warnings} />
      {read && swarm === null && warnings.length === 0 && (
        <p class="unknown" data-testid="no-swarm">
          {engine} manages no swarm now.
        </p>
      )}
      {swarm && (
        <>
          <Nodes nodes={swarm.nodes} />
          <Services
            engine={engine}
            swarm={{ ...swarm, nodes: managersFirst(swarm.nodes) }}
            report={report}
            onScaled={refresh}
            onLogs={onLogs}
          />
        </>
      )}
    </div>
  );
}

/** As docker node ls reads best: the managers, then the workers, each by hostname (the engine's own order is its store's). */
const managersFirst = (nodes: readonly SwarmNode[]): SwarmNode[] =>
  [...nodes].sort((a, b) => Number(b.role === 'manager') - Number(a.role === 'manager') || a.hostname.localeCompare(b.hostname));

function Nodes({ nodes }: { nodes: readonly SwarmNode[] }) {
  return (
    <>
      <h3>Nodes</h3>
      <table data-testid="swarm-nodes">
        <thead>
          <tr>
            <th>hostname</th>
            <th>role</th>
            <th>state</th>
            <th>availability</th>
            <th>engine</th>
          </tr>
        </thead>
        <tbody>
          {managersFirst(nodes).map((node) => (
            <tr key={node.id} data-testid="swarm-node" data-node-id={node.id} data-role={node.role} data-state={node.state}>
              <td title={node.id}>{node.hostname}</td>
              <td data-testid="node-role">
                {node.role}
                {node.managerStatus && ` (${node.managerStatus})`}
              </td>
              <td class="state" data-testid="node-state" data-state={node.state}>
                {node.state}
              </td>
              <td>{node.availability}</td>
              <td class="node-engine" data-testid="node-engine">
                {node.engine ? node.engine.name : <span class="unknown">not configured</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
