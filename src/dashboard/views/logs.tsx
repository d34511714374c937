// The log pane: one container's log, from its last lines on, live over the `containerLogs` subscription.
import { useSubscription } from '@urql/preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';
import type { GatewayConnection } from '../client.js';
import type { DashboardLogsSubscription, LogStream } from '../gql/graphql.js';
import { operationErrorOf, type Report } from '../operation-error.js';
import { DashboardLogs } from '../operations.js';
import { type ContainerRow, containerRef } from './containers.js';

/** Lines of history the pane asks for, and the most it keeps. */
const LOG_TAIL = 100;
const LOG_KEEP = 2000;
/** How near the bottom (in pixels) still counts as following the log. */
const BOTTOM_SLACK_PX = 4;

interface Line {
  key: number;
  text: string;
  stream: 'stdout' | 'stderr';
}

/** The lines received since the WebSocket's `retries`-th reconnection: a replayed log starts over. */
interface Received {
  retries: number;
  lines: readonly Line[];
  next: number;
}

const streamClass = (stream: LogStream) => (stream === 'STDERR' ? 'stderr' : 'stdout');

interface LogsProps {
  /** The container whose log shows; the pane is made anew for each (its key). */
  container: ContainerRow | null;
  /** Its retries, read as lines arrive, tell a replayed log from the lines before it. */
  gateway: GatewayConnection;
  report: Report;
}

export function Logs({ container, gateway, report }: LogsProps) {
  return (
    <section id="logs">
      <h2>
        Logs{' '}
        <span id="log-target" data-testid="log-target">
          {container ? container.name : '(click a name)'}
        </span>
      </h2>
      {container ? <LivePane id={containerRef(container)} gateway={gateway} report={report} /> : <Pane />}
    </section>
  );
}

function LivePane({ id, gateway, report }: { id: string; gateway: GatewayConnection; report: Report }) {
  const [log] = useSubscription(
    { query: DashboardLogs, variables: { id, tail: LOG_TAIL } },
    (received: Received | undefined, data: DashboardLogsSubscription): Received => {
      const { stream, message } = data.containerLogs;
      const base = received?.retries === gateway.retries ? received : { retries: gateway.retries, lines: [], next: 0 };
      const kept = base.lines.length >= LOG_KEEP ? base.lines.slice(base.lines.length - LOG_KEEP + 1) : base.lines;
      return {
        retries: base.retries,
        lines: [...kept, { key: base.next, text: message, stream: streamClass(stream) }],
        next: base.next + 1,
      };
    },
  );

  useEffect(() => {
    if (log.error) report(log.error);
  }, [log.error]);
  const following = useRef(false);
  if (log.fetching) following.current = true;

  const note = log.error
    ? `log failed: ${operationErrorOf(log.error).code}`
    : following.current && !log.fetching
      ? 'log ended: the container stopped'
      : null;
  const lines = log.data?.retries === gateway.retries ? log.data.lines : [];
  return <Pane lines={lines} note={note} />;
}

function Pane({ lines = [], note = null }: { lines?: readonly Line[]; note?: string | null }) {
  const pane = useRef<HTMLDivElement>(null);
  // Whether the reader is at the bottom: only then do new lines scroll the pane.
  const atBottom = useRef(true);
  useLayoutEffect(() => {
    const element = pane.current;
    if (element && atBottom.current) element.scrollTop = element.scrollHeight;
  }, [lines, note]);
  return (
    <div
      id="log-pane"
      data-testid="log-pane"
      role="log"
      aria-live="off"
      ref={pane}
      onScroll={(event) => {
        const element = event.currentTarget;
        atBottom.current = element.scrollTop + element.clientHeight >= element.scrollHeight - BOTTOM_SLACK_PX;
      }}
    >
      {lines.map((line) => (
        <div key={line.key} class={line.stream} data-testid="log-line">
          {line.text}
        </div>
      ))}
      {note && (
        <div class="note" data-testid="log-note">
          {note}
        </div>
      )}
    </div>
  );
}
