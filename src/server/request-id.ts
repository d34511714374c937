// Request ids: the client's x-request-id when it is a short plain token, else a fresh UUID; one per HTTP request or WebSocket connection.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:/-]{1,128}$/;

/** The id of a request or a WebSocket connection, from its headers. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = headers['x-request-id'];
  return typeof given === 'string' && SANE_REQUEST_ID.test(given) ? given : randomUUID();
}

/** A WebSocket operation's id: its connection's request id and the client's operation id, kept short. */
export function operationRequestId(connectionId: string, operationId: string): string {
  const op = SANE_REQUEST_ID.test(operationId) ? operationId : 'op';
  return `${connectionId}/${op.slice(0, 64)}`;
}
