// The terminal WebSocket's protocol: its path and query, the JSON control messages, and its close codes.
import type { ErrorCode } from '../../schema/errors.js';

/** `/containers/{ref}/exec`, where the reference may name its engine (`engine/name`); the capture is percent-encoded. */
export const TERMINAL_PATH = /^\/containers\/((?:[^/]+\/)?[^/]+)\/exec$/;

/** What the upgrade request asks for. */
export interface TerminalRequest {
  /** The container reference, decoded. */
  container: string;
  cmd: string[];
  tty: boolean;
}

/** The request's path and query read, or why they cannot be; null when the path is not a terminal's. */
export function parseTerminalUrl(url: string | undefined): TerminalRequest | { error: string } | null {
  let parsed: URL;
  try {
    parsed = new URL(url ?? '/', 'http://gateway');
  } catch {
    return null;
  }
  const match = TERMINAL_PATH.exec(parsed.pathname);
  if (!match) return null;
  let container: string;
  try {
    container = decodeURIComponent(match[1] ?? '');
  } catch {
    return { error: 'The container reference in the path is not valid percent-encoding' };
  }
  const cmd = parsed.searchParams.getAll('cmd');
  if (cmd.length === 0 || cmd[0] === '') return { error: 'cmd must name a program to run: ?cmd=sh' };
  const tty = parsed.searchParams.get('tty');
  return { container, cmd, tty: tty === '1' || tty === 'true' };
}

/** A control message from the client; anything else is `unknown`. */
export type ClientControl =
  | { type: 'resize'; cols: number; rows: number }
  | { type: 'auth'; authorization: string }
  | { type: 'unknown'; text: string };

const MAX_DIMENSION = 10_000;

export function parseControl(text: string): ClientControl {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { type: 'unknown', text };
  }
  const message = (value ?? {}) as Record<string, unknown>;
  if (message.type === 'resize' && isDimension(message.cols) && isDimension(message.rows)) {
    return { type: 'resize', cols: message.cols, rows: message.rows };
  }
  if (message.type === 'auth' && typeof message.authorization === 'string') {
    return { type: 'auth', authorization: message.authorization };
  }
  return { type: 'unknown', text };
}

function isDimension(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 && value <= MAX_DIMENSION;
}

/** The gateway's message once the process has ended; the socket then closes with 1000. */
export function exitMessage(exitCode: number): string {
  return JSON.stringify({ type: 'exit', exitCode });
}

/** What the gateway says before it closes a session it could not start. */
export function errorMessage(code: ErrorCode, message: string): string {
  return JSON.stringify({ type: 'error', code, message });
}

export const CLOSE_NORMAL = 1000;
export const CLOSE_GOING_AWAY = 1001;
export const CLOSE_INTERNAL = 1011;
/** As graphql-ws: no valid credentials (none in time, a binary frame first, or a bad token). */
export const CLOSE_UNAUTHORIZED = 4401;

/** The close code for a session that ends in an error: 4000 plus the HTTP status for a client's fault, 1011 for the engine's or ours. */
export function closeCodeFor(code: ErrorCode): number {
  switch (code) {
    case 'BAD_USER_INPUT':
      return 4400;
    case 'UNAUTHENTICATED':
      return CLOSE_UNAUTHORIZED;
    case 'FORBIDDEN':
      return 4403;
    case 'NOT_FOUND':
      return 4404;
    case 'CONFLICT':
      return 4409;
    default:
      return CLOSE_INTERNAL;
  }
}

/** A close reason fits in 123 bytes; longer ones are cut (the full text went in the error message). */
export function closeReason(text: string): string {
  if (Buffer.byteLength(text) <= 123) return text;
  let cut = text.slice(0, 120);
  while (Buffer.byteLength(cut) > 120) cut = cut.slice(0, -1);
  return `${cut}...`;
}
