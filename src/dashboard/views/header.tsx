// The page's header: the connection's state, the token form, and whether removals force.
import { useState } from 'preact/hooks';

export type ConnectionState = 'connecting' | 'live' | 'closed';

interface HeaderProps {
  state: ConnectionState;
  initialToken: string;
  /** The token as entered (trimmed; empty for none): the page connects again with it. */
  onToken(token: string): void;
  forceRemove: boolean;
  onForceRemove(force: boolean): void;
}

export function Header({ state, initialToken, onToken, forceRemove, onForceRemove }: HeaderProps) {
  const [token, setToken] = useState(initialToken);
  return (
    <header>
      <h1>Wharf</h1>
      <span id="connection" data-testid="connection" data-state={state}>
        {state}
      </span>
      <form
        id="token-form"
        onSubmit={(event) => {
          event.preventDefault();
          onToken(token.trim());
        }}
      >
        <label>
          Token{' '}
          <input
            id="token"
            type="password"
            autocomplete="off"
            placeholder="only in token mode"
            value={token}
            onInput={(event) => setToken(event.currentTarget.value)}
          />
        </label>
        <button type="submit">Use</button>
      </form>
      <label>
        <input
          id="force-remove"
          type="checkbox"
          data-testid="force-remove"
          checked={forceRemove}
          onChange={(event) => onForceRemove(event.currentTarget.checked)}
        />{' '}
        force remove
      </label>
    </header>
  );
}
