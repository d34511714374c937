// The last failure, with its code, until dismissed or the token is used again.
import type { OperationError } from '../operation-error.js';

interface ErrorBannerProps {
  error: OperationError | null;
  onDismiss(): void;
}

export function ErrorBanner({ error, onDismiss }: ErrorBannerProps) {
  return (
    <div id="error" data-testid="error" role="alert" hidden={!error}>
      <strong id="error-code" data-testid="error-code">
        {error?.code}
      </strong>
      <span id="error-message" data-testid="error-message">
        {error?.message}
      </span>
      <button id="error-dismiss" type="button" aria-label="dismiss" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
