// The one mapping from the engine client's errors to GraphQL errors with a code from API.md.
import { GraphQLError } from 'graphql';
import { EngineError } from '../docker/errors.js';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'DOCKER_UNAVAILABLE'
  | 'DOCKER_ERROR'
  | 'SLOW_CONSUMER';

export function codedError(code: ErrorCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code } });
}

export function badInput(message: string): GraphQLError {
  return codedError('BAD_USER_INPUT', message);
}

/** An EngineError as the GraphQLError a client sees; anything else is returned as it came. */
export function toClientError(error: unknown): unknown {
  if (error instanceof EngineError) return codedError(error.code, error.message);
  return error;
}
