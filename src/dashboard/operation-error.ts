// An operation's failure as the page shows it: the code the gateway gave it (extensions.code), or one of the client's own.
import type { CombinedError } from '@urql/core';

export class OperationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OperationError';
  }
}

/** How a view hands a failure to the page's error banner. */
export type Report = (error: CombinedError | OperationError) => void;

/** graphql-ws's close codes the gateway uses for credentials; other closes are the connection's own. */
const CLOSE_CODES: Record<number, string> = { 4401: 'UNAUTHENTICATED', 4403: 'FORBIDDEN' };

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === 'object' && value !== null && typeof (value as { code?: unknown }).code === 'number' && 'reason' in value;
}

/** What graphql-ws hands a sink's error() besides GraphQL errors: a CloseEvent or an Error. */
export function socketErrorOf(error: unknown): OperationError {
  if (error instanceof OperationError) return error;
  if (isCloseEvent(error)) {
    const code = CLOSE_CODES[error.code] ?? 'CONNECTION_CLOSED';
    return new OperationError(code, `The WebSocket closed (${error.code}${error.reason ? `: ${error.reason}` : ''})`);
  }
  if (error instanceof Error) return new OperationError('CONNECTION_FAILED', error.message);
  return new OperationError('CONNECTION_FAILED', 'The WebSocket to the gateway failed');
}

/** urql's error of a result: its first GraphQL error with its code, else what went wrong on the way. */
export function operationErrorOf(error: CombinedError | OperationError): OperationError {
  if (error instanceof OperationError) return error;
  const first = error.graphQLErrors[0];
  if (first) {
    const code = typeof first.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
    return new OperationError(code, first.message || 'The operation failed');
  }
  const failure = error.networkError;
  if (failure instanceof OperationError) return failure;
  // An answer that was no GraphQL response (urql keeps it), or none at all.
  if (error.response instanceof Response) {
    return new OperationError('BAD_RESPONSE', `The gateway answered ${error.response.status} without a GraphQL response`);
  }
  return new OperationError('CONNECTION_FAILED', `The gateway did not answer: ${failure?.message ?? error.message}`);
}
