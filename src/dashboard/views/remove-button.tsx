// A network's or volume's remove button: busy while the gateway works, the engine's refusal (CONFLICT while in use) to the error banner.
import type { CombinedError } from '@urql/core';
import { useState } from 'preact/hooks';
import type { Report } from '../operation-error.js';

interface RemoveButtonProps {
  /** Why it cannot be removed at all (the engine's predefined networks), if so. */
  fixed?: string;
  remove(): Promise<{ error?: CombinedError }>;
  report: Report;
  /** After a removal: the list is read again. */
  onRemoved(): void;
}

export function RemoveButton({ fixed, remove, report, onRemoved }: RemoveButtonProps) {
  const [busy, setBusy] = useState(false);
  const click = async () => {
    setBusy(true);
    const { error } = await remove();
    setBusy(false);
    if (error) report(error);
    else onRemoved();
  };
  return (
    <button type="button" data-testid="remove" disabled={busy || fixed !== undefined} title={fixed} onClick={() => void click()}>
      {busy ? 'removing…' : 'remove'}
    </button>
  );
}
