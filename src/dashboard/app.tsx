// The page: the token and the connection it makes, the error shown, and its views: the container list beside the chosen container's log, the images, the networks, the volumes, the engines, or a manager's swarm.
import { Provider } from '@urql/preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { connectGateway, type GatewayConnection } from './client.js';
import { type OperationError, operationErrorOf, type Report } from './operation-error.js';
import { useSwarmManagers } from './swarm-data.js';
import { type ContainerRow, Containers, containerRef } from './views/containers.js';
import { Engines } from './views/engines.js';
import { ErrorBanner } from './views/error-banner.js';
import { type ConnectionState, Header } from './views/header.js';
import { Images } from './views/images.js';
import { ContainerTerminal } from './views/container-terminal.js';
import { Logs } from './views/logs.js';
import { Networks } from './views/networks.js';
import { Swarm } from './views/swarm.js';
import { Tabs, type View, viewsOf } from './views/tabs.js';
import { Volumes } from './views/volumes.js';

const TOKEN_KEY = 'wharf.token';

interface Gateway {
  gateway: GatewayConnection;
  state: ConnectionState;
  /** How often the WebSocket came back: each time, what was shown from before is read afresh. */
  retries: number;
  /** The events stream ended: the page no longer follows the engine. */
  ended(): void;
}

/** A connection per session: each use of the token form closes the last one and opens the next with the stored token. */
function useGateway(session: number): Gateway {
  const [status, setStatus] = useState<{ of: GatewayConnection | null; state: ConnectionState; retries: number }>({
    of: null,
    state: 'connecting',
    retries: 0,
  });
  const current = useRef<GatewayConnection | null>(null);
  const gateway = useMemo(() => {
    const opened: GatewayConnection = connectGateway(new URL('/graphql', location.href), sessionStorage.getItem(TOKEN_KEY), {
      // A replaced connection's news is no news.
      connected: () => {
        if (current.current === opened) setStatus({ of: opened, state: 'live', retries: opened.retries });
      },
      closed: () => {
        if (current.current === opened) setStatus((last) => ({ ...last, of: opened, state: 'closed' }));
      },
    });
    current.current = opened;
    return opened;
  }, [session]);
  useEffect(() => () => gateway.dispose(), [gateway]);
  const ended = useCallback(() => {
    if (current.current === gateway) setStatus((last) => ({ ...last, of: gateway, state: 'closed' }));
  }, [gateway]);
  const mine = status.of === gateway;
  return { gateway, state: mine ? status.state : 'connecting', retries: mine ? status.retries : 0, ended };
}

export function App() {
  const [session, setSession] = useState(0);
  const [error, setError] = useState<OperationError | null>(null);
  const [forceRemove, setForceRemove] = useState(false);
  const [view, setView] = useState<View>('containers');
  const { gateway, state, retries, ended } = useGateway(session);

  const report = useCallback<Report>((failure) => setError(operationErrorOf(failure)), []);
  const applyToken = useCallback((token: string) => {
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
    setError(null);
    setSession((n) => n + 1);
  }, []);

  return (
    <Provider value={gateway.client}>
      <Header
        state={state}
        initialToken={sessionStorage.getItem(TOKEN_KEY) ?? ''}
        onToken={applyToken}
        forceRemove={forceRemove}
        onForceRemove={setForceRemove}
      />
      <ErrorBanner error={error} onDismiss={() => setError(null)} />
      {/* Keyed by the session: a new connection starts with a fresh list, no log pane, and asks again which engines manage a swarm. */}
      <Workspace
        key={session}
        view={view}
        onView={setView}
        gateway={gateway}
        retries={retries}
        forceRemove={forceRemove}
        report={report}
        onEnded={ended}
      />
    </Provider>
  );
}

interface WorkspaceProps {
  view: View;
  onView(view: View): void;
  gateway: GatewayConnection;
  retries: number;
  forceRemove: boolean;
  report: Report;
  /** The events stream ended: the page no longer follows the engine. */
  onEnded(): void;
}

function Workspace({ view, onView, gateway, retries, forceRemove, report, onEnded }: WorkspaceProps) {
  const [selected, setSelected] = useState<ContainerRow | null>(null);
  const selectedRef = selected ? containerRef(selected) : null;
  const managers = useSwarmManagers(retries);
  // Until the managers are known the swarm tab stays as it was; once none is, its view gives way to the containers.
  const shown: View = view === 'swarm' && managers?.length === 0 ? 'containers' : view;
  const openLogs = useCallback(
    (container: ContainerRow) => {
      setSelected(container);
      onView('containers');
    },
    [onView],
  );
  return (
    <>
      <Tabs
        views={viewsOf(managers === null ? view === 'swarm' : managers.length > 0)}
        busy={managers === null}
        view={shown}
        onView={onView}
      />
      {/* Only hidden while another view shows: its list, events and log pane go on as they were. */}
      <main id="containers-view" hidden={shown !== 'containers'}>
        <Containers
          retries={retries}
          forceRemove={forceRemove}
          selectedRef={selectedRef}
          onSelect={setSelected}
          report={report}
          onEnded={onEnded}
        />
        <Logs key={selectedRef} container={selected} gateway={gateway} report={report} />
        <ContainerTerminal key={`terminal-${selectedRef}`} container={selected} token={sessionStorage.getItem(TOKEN_KEY)} />
      </main>
      {/* Made each time they are shown: read afresh then. */}
      {shown === 'images' && (
        <main id="images-view">
          <Images report={report} onLogs={openLogs} />
        </main>
      )}
      {shown === 'networks' && (
        <main id="networks-view">
          <Networks report={report} onLogs={openLogs} />
        </main>
      )}
      {shown === 'volumes' && (
        <main id="volumes-view">
          <Volumes report={report} onLogs={openLogs} />
        </main>
      )}
      {/* Made each time it is shown: the engines are read afresh then. */}
      {shown === 'engines' && (
        <main id="engines-view">
          <Engines report={report} />
        </main>
      )}
      {/* Likewise: its reads, event streams and timer run only while it shows. */}
      {shown === 'swarm' && managers && managers.length > 0 && (
        <main id="swarm-view">
          <Swarm managers={managers} report={report} onLogs={openLogs} />
        </main>
      )}
    </>
  );
}
