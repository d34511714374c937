// The engines the container list could not reach, named above it while the others' containers show.
import type { EngineWarning } from '../engine-warnings.js';

/** The gateway's message begins with the engine's name, which the warning shows already. */
const withoutEngine = ({ engine, message }: EngineWarning): string =>
  message.startsWith(`Engine ${engine}: `) ? message.slice(`Engine ${engine}: `.length) : message;

export function EngineWarnings({ warnings }: { warnings: readonly EngineWarning[] }) {
  if (warnings.length === 0) return null;
  return (
    <ul id="engine-warnings" role="status">
      {warnings.map((warning) => (
        <li key={warning.engine} data-testid="engine-warning" data-engine={warning.engine}>
          <strong>{warning.engine}</strong> <code>{warning.code}</code> {withoutEngine(warning)}
        </li>
      ))}
    </ul>
  );
}
