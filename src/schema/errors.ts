// The contract's error codes, defined once, and the one mapping from any failure to the code a client sees.
import { GraphQLError } from 'graphql';
import { EngineError, isAbortError, type EngineErrorCode } from '../docker/errors.js';

/** Every code a client can see in `extensions.code`, on every transport and route. */
export type ErrorCode = EngineErrorCode | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'INTERNAL_SERVER_ERROR';

/** The HTTP status a plain route answers each code with. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  SLOW_CONSUMER: 409,
  DOCKER_ERROR: 502,
  DOCKER_UNAVAILABLE: 503,
  INTERNAL_SERVER_ERROR: 500,
};

export function codedError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export function badInput(message: string): GraphQLError {
  return codedError('BAD_USER_INPUT', message);
}

/**
 * An EngineError as the GraphQLError a client sees, with `extensions.engine` when several engines
 * are configured; anything else is returned as it came.
 */
export function toClientError(error: unknown): unknown {
  if (!(error instanceof EngineError)) return error;
  if (error.engine === undefined) return codedError(error.code, error.message);
  return new GraphQLError(error.message, { extensions: { code: error.code, engine: error.engine } });
}

/**
 * The code an error stands for, as the client sees it after masking; `CANCELLED` when the caller
 * went away (or completed its subscription) while the engine was still answering, which no client sees.
 */
export function errorCodeOf(error: unknown): ErrorCode | 'CANCELLED' {
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string') return code as ErrorCode;
    // graphql-js's own errors (validation, variable coercion) carry no code: the request was wrong.
    return error.originalError && !(error.originalError instanceof GraphQLError) ? errorCodeOf(error.originalError) : 'BAD_USER_INPUT';
  }
  if (error instanceof EngineError) return error.code;
  if (isAbortError(error)) return 'CANCELLED';
  return 'INTERNAL_SERVER_ERROR';
}

/** Whether the error is one a client caused or the engine reported, rather than a fault of the gateway's. */
export function isExpectedError(error: unknown): boolean {
  return errorCodeOf(error) !== 'INTERNAL_SERVER_ERROR';
}
