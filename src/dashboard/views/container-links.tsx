// The containers on a network or mounting a volume, by name: a click opens one's log in the containers view.
import type { ContainerRow } from './containers.js';

interface ContainerLinksProps {
  /** `container` null: the engine no longer has it (or it runs on another node); its name alone shows. */
  containers: readonly { name: string; container: ContainerRow | null }[];
  onLogs(container: ContainerRow): void;
}

export function ContainerLinks({ containers, onLogs }: ContainerLinksProps) {
  if (containers.length === 0) return <span class="unknown">none</span>;
  return (
    <ul class="container-links">
      {containers.map(({ name, container }) => (
        <li key={container?.id ?? name} data-testid="resource-container" data-name={container?.name ?? name}>
          {container ? (
            <button type="button" class="link" data-testid="resource-container-logs" title="show its log" onClick={() => onLogs(container)}>
              {container.name}
            </button>
          ) : (
            name
          )}
        </li>
      ))}
    </ul>
  );
}
