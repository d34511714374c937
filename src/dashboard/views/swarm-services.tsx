// A swarm's services: each with its image, mode and running/desired count, scale buttons when replicated, and its current tasks grouped by the node they run on.
import { useClient } from '@urql/preact';
import { useState } from 'preact/hooks';
import type { Report } from '../operation-error.js';
import { DashboardScaleService } from '../operations.js';
import { currentTasks, desiredTasks, type SwarmData, type SwarmNode, type SwarmService, type SwarmTask } from '../swarm-data.js';
import type { ContainerRow } from './containers.js';

interface ServicesProps {
  /** The manager engine: where a scale goes. */
  engine: string;
  swarm: SwarmData;
  report: Report;
  /** A scale was accepted: the swarm is read again at once rather than at its next event. */
  onScaled(): void;
  onLogs(container: ContainerRow): void;
}

export function Services({ engine, swarm, report, onScaled, onLogs }: ServicesProps) {
  return (
    <>
      <h3>Services</h3>
      {swarm.services.length === 0 && (
        <p class="unknown" data-testid="no-services">
          No services.
        </p>
      )}
      <div class="services">
        {swarm.services.map((service) => (
          <Service
            key={service.id}
            engine={engine}
            service={service}
            nodes={swarm.nodes}
            report={report}
            onScaled={onScaled}
            onLogs={onLogs}
          />
        ))}
      </div>
    </>
  );
}

interface ServiceProps {
  engine: string;
  service: SwarmService;
  nodes: readonly SwarmNode[];
  report: Report;
  onScaled(): void;
  onLogs(container: ContainerRow): void;
}

function Service({ engine, service, nodes, report, onScaled, onLogs }: ServiceProps) {
  const desired = desiredTasks(service);
  const settled = service.runningTasks === desired;
  return (
    <article
      class="service"
      data-testid="service"
      data-id={service.id}
      data-name={service.name}
      data-running={service.runningTasks}
      data-desired={desired}
    >
      <h4>
        {service.name}{' '}
        <span class={settled ? 'counts' : 'counts converging'} data-testid="service-counts">
          {service.runningTasks}/{desired}
        </span>
      </h4>
      <p class="service-meta">
        <code data-testid="service-image">{service.image}</code> · <span data-testid="service-mode">{service.mode}</span>
        {service.updateState && ` · update ${service.updateState}`}
      </p>
      {service.replicas !== null && service.replicas !== undefined && (
        <Scale engine={engine} service={service} replicas={service.replicas} report={report} onScaled={onScaled} />
      )}
      <TasksByNode tasks={currentTasks(service)} nodes={nodes} onLogs={onLogs} />
    </article>
  );
}

interface ScaleProps {
  engine: string;
  service: SwarmService;
  replicas: number;
  report: Report;
  onScaled(): void;
}

/**
 * − and + set the replicas one below or above what the manager last said. Shown to everyone, as the
 * container actions are: the page does not know the token's role, and a viewer's FORBIDDEN goes to
 * the error banner (the gateway refuses it before any engine call).
 */
function Scale({ engine, service, replicas, report, onScaled }: ScaleProps) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const scale = async (to: number) => {
    setBusy(true);
    const { error } = await client.mutation(DashboardScaleService, { engine, id: service.id, replicas: to }).toPromise();
    if (error) report(error);
    else onScaled();
    setBusy(false);
  };
  return (
    <div class="scale" data-testid="scale">
      replicas{' '}
      <button
        type="button"
        data-testid="scale-down"
        aria-label="one replica less"
        disabled={busy || replicas === 0}
        onClick={() => void scale(replicas - 1)}
      >
        −
      </button>
      <span data-testid="replicas">{replicas}</span>
      <button type="button" data-testid="scale-up" aria-label="one replica more" disabled={busy} onClick={() => void scale(replicas + 1)}>
        +
      </button>
    </div>
  );
}

interface TasksByNodeProps {
  tasks: readonly SwarmTask[];
  nodes: readonly SwarmNode[];
  onLogs(container: ContainerRow): void;
}

/** The tasks under their nodes, in the swarm's node order (by id: nodes on one machine share a hostname); tasks not yet placed last. */
function TasksByNode({ tasks, nodes, onLogs }: TasksByNodeProps) {
  const groups = [...nodes.map((node) => ({ key: node.id, node })), { key: '', node: null }]
    .map(({ key, node }) => ({
      key,
      node,
      tasks: tasks.filter((task) => (task.node?.id ?? '') === key).sort((a, b) => (a.slot ?? 0) - (b.slot ?? 0)),
    }))
    .filter((group) => group.tasks.length > 0);
  return (
    <div class="task-nodes">
      {groups.map(({ key, node, tasks: placed }) => (
        <div key={key} class="task-node" data-testid="task-node" data-node-id={key}>
          <div class="task-node-name">
            {node ? (
              <>
                {node.hostname}{' '}
                <span class="node-engine">
                  {node.role} · {node.engine ? `engine ${node.engine.name}` : 'not configured'}
                </span>
              </>
            ) : (
              'not placed yet'
            )}
          </div>
          <ul>
            {placed.map((task) => (
              <Task key={task.id} task={task} onLogs={onLogs} />
            ))}
          </ul>
        </div>
      ))}
    </div>
  );
}

function Task({ task, onLogs }: { task: SwarmTask; onLogs(container: ContainerRow): void }) {
  const { container } = task;
  return (
    <li data-testid="task" data-id={task.id} data-slot={task.slot ?? ''} data-state={task.state} data-desired-state={task.desiredState}>
      <span class="slot">{task.slot === null || task.slot === undefined ? '·' : `#${task.slot}`}</span>{' '}
      <span class="state" data-state={task.state} title={task.error ?? undefined}>
        {task.state}
        {task.desiredState !== task.state && ` → ${task.desiredState}`}
      </span>{' '}
      {container ? (
        <button type="button" class="link" data-testid="task-logs" title="show its log" onClick={() => onLogs(container)}>
          {container.name}
        </button>
      ) : (
        <span class="unknown">no container</span>
      )}
    </li>
  );
}
