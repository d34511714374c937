// The engines the container list could not reach, named above it while the others' containers show.
import type { EngineWarning } from '../engine-warnings.js';

export function EngineWarnings({ warnings }: { warnings: readonly EngineWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul id="engine-warnings" role="status">
      {warnings.map((warning) => (
        <li key={warning.engine} data-testid="engine-warning" data-engine={warning.engine}>
          <strong>{warning.engine}</strong> <code>{warning.code}</code> {warning.message}
        </li>
      ))}
    </ul>
  );
}
