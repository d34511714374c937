// GET /containers/{ref}/exec upgraded to a WebSocket: origin and connection caps, authentication (header or first frame), admin only, audit, then a session.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EngineSet } from '../../docker/engine-set.js';
import { ConflictError, NotFoundError } from '../../docker/errors.js';
import type { Principal } from '../../schema/access.js';
import { errorCodeOf, type ErrorCode } from '../../schema/errors.js';
import type { AccessControl } from '../auth/access.js';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, MAX_WS_PAYLOAD, refuse } from '../graphql/ws.js';
import type { AuditRecord, AuditSink } from '../observability/audit.js';
import {
  CLOSE_GOING_AWAY,
  CLOSE_UNAUTHORIZED,
  closeCodeFor,
  closeReason,
  errorMessage,
  parseControl,
  parseTerminalUrl,
  type TerminalRequest,
} from './protocol.js';
import { TerminalSession, type PendingMessage } from './session.js';

/** How long a connection without credentials in its upgrade request has to send its `auth` frame. */
export const AUTH_TIMEOUT_MS = 5_000;
/** How long a stop waits for sessions to hang up. */
const CLOSE_WAIT_MS = 3_000;

export interface TerminalOptions {
  engines: EngineSet;
  access: AccessControl;
  audit: AuditSink;
  logger: Logger;
  /** Refuses the upgrade of a browser page from an origin that may not talk to the gateway. */
  verifyOrigin?: (origin: string | undefined, host: string | undefined) => boolean;
  /** Terminal connections open at once, from everyone; the excess is closed with 1013. */
  maxConnections?: number | undefined;
  /** Terminal connections open at once from one client address; the excess is closed with 1013. */
  maxConnectionsPerAddress?: number | undefined;
  /** Whether the gateway is stopping: new sessions are refused with 1001. */
  closing: () => boolean;
}

/** One audit line per exec: the token's name and the command, never an environment value (a terminal sets none). */
type TerminalAuditRecord = AuditRecord & { command: readonly string[] };

export function attachTerminal(options: TerminalOptions) {
  const { engines, access, logger } = options;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  const maxPerAddress = options.maxConnectionsPerAddress ?? DEFAULT_MAX_CONNECTIONS_PER_ADDRESS;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_WS_PAYLOAD,
    verifyClient: (info: { origin?: string; req: IncomingMessage }) =>
      options.verifyOrigin ? options.verifyOrigin(info.origin || undefined, info.req.headers.host) : true,
  });
  const sessions = new Set<TerminalSession>();
  let connections = 0;
  const perAddress = new Map<string, number>();

  const audit = (principal: Principal, request: TerminalRequest | { container: string; cmd: string[] }, outcome: string) => {
    const record: TerminalAuditRecord = {
      time: new Date().toISOString(),
      token: principal.name,
      role: principal.role,
      operation: 'execTerminal',
      container: request.container,
      outcome,
      command: request.cmd,
    };
    options.audit(record);
  };

  const refuseWith = (ws: WebSocket, code: ErrorCode, message: string) => {
    if (ws.readyState === ws.OPEN) ws.send(errorMessage(code, message));
    ws.close(closeCodeFor(code), closeReason(message));
  };

  /** Counts the connection against the caps (until its socket closes), then authenticates it. */
  const admit = (ws: WebSocket, request: IncomingMessage) => {
    const address = request.socket.remoteAddress ?? '';
    const fromAddress = perAddress.get(address) ?? 0;
    if (fromAddress >= maxPerAddress) return refuse(ws, `Too many terminal connections from this address (${maxPerAddress})`);
    if (connections >= maxConnections) return refuse(ws, `Too many terminal connections to the gateway (${maxConnections})`);
    connections += 1;
    perAddress.set(address, fromAddress + 1);
    ws.once('close', () => {
      connections -= 1;
      const left = (perAddress.get(address) ?? 1) - 1;
      if (left > 0) perAddress.set(address, left);
      else perAddress.delete(address);
    });
    ws.on('error', (error) => logger.debug({ err: error }, 'terminal socket failed'));

    const pending: PendingMessage[] = [];
    let authenticated: Principal | undefined;
    const header = request.headers.authorization;
    const fromHeader = access.authenticate(header);
    let timer: NodeJS.Timeout | undefined;
    const collect = (data: Buffer, isBinary: boolean) => {
      if (authenticated) {
        pending.push({ data, isBinary });
        return;
      }
      clearTimeout(timer);
      // Before credentials nothing but the auth frame is read: a byte typed then would go to an unknown caller's process.
      const control = isBinary ? undefined : parseControl(data.toString('utf8'));
      if (control?.type !== 'auth') return ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
      const auth = access.authenticate(control.authorization);
      if (!auth.ok) return ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
      authenticated = auth.principal;
      void proceed(auth.principal);
    };
    ws.on('message', collect);

    const proceed = async (principal: Principal) => {
      const parsed = parseTerminalUrl(request.url);
      const asked = parsed && 'error' in parsed ? null : parsed;
      const command = { container: asked?.container ?? '', cmd: asked?.cmd ?? [] };
      // Checked before any engine call.
      if (principal.role !== 'admin') {
        audit(principal, command, 'FORBIDDEN');
        return refuseWith(ws, 'FORBIDDEN', `The role ${principal.role} may not exec in a container`);
      }
      if (!asked) {
        audit(principal, command, 'BAD_USER_INPUT');
        return refuseWith(ws, 'BAD_USER_INPUT', parsed && 'error' in parsed ? parsed.error : 'Not a terminal path');
      }
      if (options.closing()) return ws.close(CLOSE_GOING_AWAY, 'The gateway is stopping');
      const controller = new AbortController();
      const abort = () => controller.abort();
      ws.once('close', abort);
      try {
        const call = { signal: controller.signal };
        const { engine, found: inspect } = await engines.locateOrFail(asked.container.replace(/^\//, ''), (on, ref) =>
          on.containers.inspect(ref, call).catch((error: unknown) => {
            if (error instanceof NotFoundError) return null;
            throw error;
          }),
        );
        if (inspect.State.Paused) throw new ConflictError(`Container ${asked.container} is paused`);
        if (!inspect.State.Running) throw new ConflictError(`Container ${asked.container} is not running`);
        if (ws.readyState !== ws.OPEN) return;
        ws.off('message', collect);
        ws.off('close', abort);
        const session = new TerminalSession(ws, { engine, containerId: inspect.Id, request: asked }, logger, pending);
        sessions.add(session);
        void session.done.then(() => sessions.delete(session));
        await session.start();
        audit(principal, asked, 'ok');
      } catch (error) {
        const code = errorCodeOf(error);
        if (code === 'CANCELLED') return;
        audit(principal, asked, code);
        if (code === 'INTERNAL_SERVER_ERROR') logger.error({ err: error }, 'terminal failed');
        // A session that failed to start has closed its socket already.
        if (ws.readyState === ws.OPEN)
          refuseWith(ws, code, code === 'INTERNAL_SERVER_ERROR' ? 'Unexpected error.' : (error as Error).message);
      } finally {
        ws.off('close', abort);
      }
    };

    if (fromHeader.ok) {
      authenticated = fromHeader.principal;
      void proceed(fromHeader.principal);
    } else if (header !== undefined) {
      ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized');
    } else {
      timer = setTimeout(() => ws.close(CLOSE_UNAUTHORIZED, 'Unauthorized'), AUTH_TIMEOUT_MS);
      ws.once('close', () => clearTimeout(timer));
    }
  };

  return {
    /** Takes the upgrade when its path is a terminal's (true); leaves any other to the next handler (false). */
    upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean {
      if (parseTerminalUrl(request.url) === null) return false;
      wss.handleUpgrade(request, socket, head, (ws) => admit(ws, request));
      return true;
    },
    /** Sessions open now. */
    get size(): number {
      return sessions.size;
    },
    /** Ends every session (1001, the processes hung up) and stops accepting. */
    async close(): Promise<void> {
      const open = [...sessions];
      for (const session of open) session.close(CLOSE_GOING_AWAY, 'The gateway is stopping');
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(open.map((session) => session.done)),
        new Promise((resolve) => {
          timer = setTimeout(resolve, CLOSE_WAIT_MS);
        }),
      ]);
      clearTimeout(timer);
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}

export type Terminal = ReturnType<typeof attachTerminal>;
