// The dashboard in the browser: the container list kept live by `events`, lifecycle buttons, a live log pane, errors with their codes.
import './dashboard.css';
import { connectGateway, OperationError, type GatewayConnection } from './client.js';
import type { DashboardContainersQuery, LogStream } from './gql/graphql.js';
import {
  DashboardContainers,
  DashboardEvents,
  DashboardLogs,
  DashboardRemove,
  DashboardRestart,
  DashboardStart,
  DashboardStop,
} from './operations.js';

type ContainerRow = DashboardContainersQuery['containers'][number];
type Action = 'start' | 'stop' | 'restart' | 'remove';

/** Lines of history the log pane asks for, and the most it keeps. */
const LOG_TAIL = 100;
const LOG_KEEP = 2000;
const TOKEN_KEY = 'wharf.token';
/**
 * How far back the events subscription starts. The list loads over HTTP while the stream opens over
 * the WebSocket; replaying a little history means an event between the two is never lost, and a
 * replayed event costs one more read of the list. It also absorbs a browser clock a little off the engine's.
 */
const EVENTS_REPLAY_MS = 10_000;

function element<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`The page has no #${id}`);
  return found as T;
}

const ui = {
  connection: element('connection'),
  tokenForm: element<HTMLFormElement>('token-form'),
  token: element<HTMLInputElement>('token'),
  forceRemove: element<HTMLInputElement>('force-remove'),
  error: element('error'),
  errorCode: element('error-code'),
  errorMessage: element('error-message'),
  errorDismiss: element('error-dismiss'),
  rows: element<HTMLTableSectionElement>('container-rows'),
  noContainers: element('no-containers'),
  logTarget: element('log-target'),
  logPane: element('log-pane'),
};

function showError(error: unknown): void {
  const failure = error instanceof OperationError ? error : new OperationError('CLIENT_ERROR', String(error));
  ui.errorCode.textContent = failure.code;
  ui.errorMessage.textContent = failure.message;
  ui.error.hidden = false;
}

function setConnection(state: 'connecting' | 'live' | 'closed'): void {
  ui.connection.dataset.state = state;
  ui.connection.textContent = state;
}

// ---- the container list ----

interface RowView {
  row: HTMLTableRowElement;
  name: HTMLButtonElement;
  image: HTMLTableCellElement;
  state: HTMLTableCellElement;
  status: HTMLTableCellElement;
  buttons: Record<Action, HTMLButtonElement>;
  busy: boolean;
  container: ContainerRow;
}

const rows = new Map<string, RowView>();

function createRow(container: ContainerRow): RowView {
  const row = document.createElement('tr');
  row.dataset.testid = 'container-row';
  const cell = (className: string) => {
    const td = row.insertCell();
    td.className = className;
    return td;
  };
  const name = document.createElement('button');
  name.type = 'button';
  name.dataset.testid = 'select-logs';
  name.title = 'show its log';
  cell('name').append(name);
  const image = cell('image');
  const state = cell('state');
  state.dataset.testid = 'state';
  const status = cell('status');
  status.dataset.testid = 'status';
  const actions = cell('actions');
  const buttons = {} as Record<Action, HTMLButtonElement>;
  for (const action of ['start', 'stop', 'restart', 'remove'] as const) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = action;
    button.dataset.testid = action;
    actions.append(button);
    buttons[action] = button;
  }
  const view: RowView = { row, name, image, state, status, buttons, busy: false, container };
  name.addEventListener('click', () => followLogs(view.container));
  for (const action of ['start', 'stop', 'restart', 'remove'] as const) {
    buttons[action].addEventListener('click', () => void act(view, action));
  }
  return view;
}

function updateRow(view: RowView, container: ContainerRow): void {
  view.container = container;
  view.row.dataset.id = container.id;
  view.row.dataset.name = container.name;
  view.row.dataset.state = container.state;
  view.row.classList.toggle('selected', container.id === logs?.id);
  view.name.textContent = container.name;
  view.image.textContent = container.image;
  view.state.textContent = container.state;
  view.state.dataset.state = container.state;
  view.status.textContent = container.status;
  const running = container.state === 'RUNNING' || container.state === 'PAUSED' || container.state === 'RESTARTING';
  view.buttons.start.disabled = view.busy || running;
  view.buttons.stop.disabled = view.busy || !running;
  view.buttons.restart.disabled = view.busy;
  view.buttons.remove.disabled = view.busy;
}

function render(containers: readonly ContainerRow[]): void {
  const seen = new Set<string>();
  for (const container of containers) {
    seen.add(container.id);
    let view = rows.get(container.id);
    if (!view) rows.set(container.id, (view = createRow(container)));
    updateRow(view, container);
    // Appending an attached row moves it: the table follows the engine's order without rebuilding rows.
    ui.rows.append(view.row);
  }
  for (const [id, view] of rows) {
    if (!seen.has(id)) {
      view.row.remove();
      rows.delete(id);
    }
  }
  ui.noContainers.hidden = containers.length > 0;
}

let connection: GatewayConnection | null = null;

function gateway(): GatewayConnection {
  if (!connection) throw new Error('The dashboard is not connected yet');
  return connection;
}

let refreshing = false;
let refreshAgain = false;

/** Reloads the list; calls while one is loading make one more load after it, so the last load starts after the last event. */
async function refresh(): Promise<void> {
  if (refreshing) {
    refreshAgain = true;
    return;
  }
  refreshing = true;
  try {
    do {
      refreshAgain = false;
      try {
        render((await gateway().request(DashboardContainers, {})).containers);
      } catch (error) {
        showError(error);
      }
    } while (refreshAgain);
  } finally {
    refreshing = false;
  }
}

async function act(view: RowView, action: Action): Promise<void> {
  const id = view.container.id;
  view.busy = true;
  updateRow(view, view.container);
  try {
    const gw = gateway();
    if (action === 'start') await gw.request(DashboardStart, { id });
    else if (action === 'stop') await gw.request(DashboardStop, { id });
    else if (action === 'restart') await gw.request(DashboardRestart, { id });
    else await gw.request(DashboardRemove, { id, force: ui.forceRemove.checked });
  } catch (error) {
    showError(error);
  } finally {
    // The state itself arrives with the engine's events (die, start, destroy), as any other change does.
    view.busy = false;
    updateRow(view, view.container);
  }
}

// ---- the log pane ----

let logs: { id: string; stop: () => void } | null = null;

function appendLogLine(text: string, className: 'stdout' | 'stderr' | 'note'): void {
  const pane = ui.logPane;
  const atBottom = pane.scrollTop + pane.clientHeight >= pane.scrollHeight - 4;
  const line = document.createElement('div');
  line.className = className;
  line.dataset.testid = className === 'note' ? 'log-note' : 'log-line';
  line.textContent = text;
  pane.append(line);
  while (pane.childElementCount > LOG_KEEP) pane.firstElementChild?.remove();
  if (atBottom) pane.scrollTop = pane.scrollHeight;
}

const streamClass = (stream: LogStream) => (stream === 'STDERR' ? 'stderr' : 'stdout');

/** Shows one container's log, from its last lines on; ends the previous one's subscription. */
function followLogs(container: ContainerRow): void {
  logs?.stop();
  ui.logPane.replaceChildren();
  ui.logTarget.textContent = container.name;
  const current = { id: container.id, stop: () => {} };
  // An ended subscription still completes: only the pane's current one may write to it.
  const isCurrent = () => logs === current;
  current.stop = gateway().subscribe(DashboardLogs, { id: container.id, tail: LOG_TAIL }, {
    next: ({ containerLogs: line }) => {
      if (isCurrent()) appendLogLine(line.message, streamClass(line.stream));
    },
    error: (error) => {
      if (!isCurrent()) return;
      showError(error);
      appendLogLine(`log failed: ${error.code}`, 'note');
    },
    complete: () => {
      if (isCurrent()) appendLogLine('log ended: the container stopped', 'note');
    },
  });
  logs = current;
  for (const view of rows.values()) view.row.classList.toggle('selected', view.container.id === container.id);
}

// ---- the connection ----

let stopEvents: (() => void) | null = null;

/** (Re)connects with the token in sessionStorage: the list, the events, and no log pane until one is chosen. */
function connect(): void {
  logs?.stop();
  logs = null;
  ui.logPane.replaceChildren();
  ui.logTarget.textContent = '(click a name)';
  stopEvents?.();
  connection?.dispose();
  const token = sessionStorage.getItem(TOKEN_KEY);
  setConnection('connecting');
  const opened = connectGateway(new URL('/graphql', location.href), token, {
    connected: (wasRetry) => {
      if (connection !== opened) return;
      setConnection('live');
      // Events missed while the socket was down: the list is read afresh, and a replayed log starts over.
      if (wasRetry) {
        void refresh();
        if (logs) ui.logPane.replaceChildren();
      }
    },
    // A replaced connection's close is no news.
    closed: () => {
      if (connection === opened) setConnection('closed');
    },
  });
  connection = opened;
  const since = new Date(Date.now() - EVENTS_REPLAY_MS).toISOString();
  stopEvents = opened.subscribe(DashboardEvents, { since }, {
    next: () => void refresh(),
    error: (error) => {
      if (connection === opened) showError(error);
    },
    complete: () => {
      if (connection === opened) setConnection('closed');
    },
  });
  void refresh();
}

ui.token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
ui.tokenForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const token = ui.token.value.trim();
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  ui.error.hidden = true;
  connect();
});
ui.errorDismiss.addEventListener('click', () => {
  ui.error.hidden = true;
});
connect();
