// A shell in the selected container, opened on request (a terminal is an admin's action, not a side effect of selecting a row).
import { useState } from 'preact/hooks';
import { type ContainerRow, containerRef } from './containers.js';
import { TerminalPane } from './terminal.js';

interface ContainerTerminalProps {
  container: ContainerRow | null;
  /** The dashboard's token, for the terminal's first frame. */
  token: string | null;
}

export function ContainerTerminal({ container, token }: ContainerTerminalProps) {
  const [open, setOpen] = useState(false);
  if (container?.state !== 'RUNNING') return null;
  return (
    <section class="terminal-section" aria-label={`terminal in ${container.name}`}>
      <button type="button" data-testid="terminal-toggle" onClick={() => setOpen(!open)}>
        {open ? 'close terminal' : `open a terminal in ${container.name}`}
      </button>
      {open ? <TerminalPane container={{ id: containerRef(container), name: container.name }} token={token} /> : null}
    </section>
  );
}
