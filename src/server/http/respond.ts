// Answers of the plain routes: JSON bodies, and errors in the same shape as GraphQL's so one client-side handler reads both.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorCodeOf, HTTP_STATUS, type ErrorCode } from '../../schema/errors.js';

export function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** An error with its code; the status is the code's own unless the route has a more precise one (405, 411, 413). */
export function sendError(res: ServerResponse, code: ErrorCode, message: string, status = HTTP_STATUS[code]): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}

/** Any failure of a route's work, mapped as GraphQL errors are; anything unexpected is masked. */
export function sendFailure(res: ServerResponse, error: unknown): void {
  const code = errorCodeOf(error);
  if (code === 'INTERNAL_SERVER_ERROR' || code === 'CANCELLED' || !(error instanceof Error)) {
    sendError(res, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    return;
  }
  sendError(res, code, error.message);
}
