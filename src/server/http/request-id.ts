// Request ids: the client's x-request-id when it is a short plain token, else a fresh UUID; one per HTTP request or WebSocket connection.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:/-]{1,128}$/;
const ids = new WeakMap<IncomingMessage, string>();

/** The id of a request, the same on every call for the same request. */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (id === undefined) {
    const given = req.headers['x-request-id'];
    id = typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
    ids.set(req, id);
  }
  return id;
}

/** A WebSocket operation's id: its connection's request id and the client's operation id, kept short. */
export function operationRequestId(connection: IncomingMessage | undefined, operationId: string): string {
  const op = SANE_REQUEST_ID.test(operationId) ? operationId : 'op';
  return `${connection ? requestIdOf(connection) : randomUUID()}/${op.slice(0, 64)}`;
}
