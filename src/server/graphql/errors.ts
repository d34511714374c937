// Error masking: engine errors become coded GraphQL errors; anything unexpected is hidden behind a generic message.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { EngineError } from '../../docker/errors.js';
import { isExpectedError, toClientError } from '../../schema/errors.js';

/** Yoga's maskError: no stack trace or internal path ever reaches a client. */
export function maskError(error: unknown, message: string): Error {
  const graphQLError = error instanceof GraphQLError ? error : undefined;
  const original = graphQLError?.originalError ?? error;
  if (original instanceof EngineError) {
    const mapped = toClientError(original) as GraphQLError;
    return located(graphQLError, mapped.message, mapped.extensions);
  }
  // A GraphQLError raised on purpose (by graphql-js for the request, or by a resolver with a code): kept, with a code.
  if (graphQLError && (!graphQLError.originalError || graphQLError.originalError instanceof GraphQLError)) {
    const extensions = graphQLError.extensions ?? {};
    if (typeof extensions.code === 'string' && !('originalError' in extensions) && !('stack' in extensions)) return graphQLError;
    const code = typeof extensions.code === 'string' ? extensions.code : 'BAD_USER_INPUT';
    return located(graphQLError, graphQLError.message, { ...stripInternal(extensions), code });
  }
  return located(graphQLError, message, { code: 'INTERNAL_SERVER_ERROR' });
}

/** A new error at the same place in the document and the result as `at`. */
function located(at: GraphQLError | undefined, message: string, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(message, {
    nodes: at?.nodes,
    source: at?.source,
    positions: at?.positions,
    path: at?.path,
    extensions,
  });
}

function stripInternal(extensions: Record<string, unknown>): Record<string, unknown> {
  const { originalError: _o, stack: _s, ...rest } = extensions as Record<string, unknown> & { originalError?: unknown; stack?: unknown };
  return rest;
}

/** A request whose Accept header allows no answer: a subscription asked for as JSON, most often. */
export const NO_ACCEPTABLE_RESPONSE =
  'The Accept header names no response type this operation can have (subscriptions need text/event-stream)';

/** Yoga's own request-error codes, which the contract names BAD_USER_INPUT: the request itself was wrong. */
const REQUEST_ERROR_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);

/** Gives Yoga's request errors, and errors without a code (a variable that does not coerce), the contract's code. */
export function rewriteRequestErrorCodes(errors: readonly unknown[] | undefined): void {
  for (const error of errors ?? []) {
    if (!(error instanceof GraphQLError)) continue;
    const code = error.extensions.code;
    if (code === undefined || (typeof code === 'string' && REQUEST_ERROR_CODES.has(code))) {
      (error.extensions as Record<string, unknown>).code = 'BAD_USER_INPUT';
    }
  }
}

/** Rewrites Yoga's request-error codes to the contract's, on every transport's results. */
export function useContractErrorCodes(): Plugin {
  const rewrite = rewriteRequestErrorCodes;
  return {
    // A malformed request (bad JSON in GET variables, say) is the client's error, not the server's.
    onRequestParse: ({ requestParser, setRequestParser }) => {
      if (!requestParser) return;
      setRequestParser(async (request) => {
        try {
          return await requestParser(request);
        } catch (error) {
          if (error instanceof GraphQLError) throw error;
          throw new GraphQLError(`Malformed request: ${error instanceof Error ? error.message : 'unreadable'}`, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } },
          });
        }
      });
    },
    // graphql-js parses recursively: a document nested thousands deep overflows the stack.
    onParse: ({ parseFn, setParseFn }) => {
      setParseFn((source, options) => {
        try {
          return parseFn(source, options);
        } catch (error) {
          if (error instanceof RangeError) {
            throw new GraphQLError('The document is nested too deeply', { extensions: { code: 'BAD_USER_INPUT', http: { status: 400 } } });
          }
          throw error;
        }
      });
      return ({ result }) => {
        if (result instanceof GraphQLError) rewrite([result]);
      };
    },
    // Yoga answers some refusals (406, 415) with no body: give them the same shape as every other error.
    onResponse: ({ response, setResponse, fetchAPI }) => {
      if (response.status < 400 || response.status >= 500 || response.body !== null) return;
      const headers = new fetchAPI.Headers(response.headers);
      headers.set('content-type', 'application/json; charset=utf-8');
      const message =
        response.status === 406
          ? NO_ACCEPTABLE_RESPONSE
          : response.status === 415
            ? 'Send the operation as application/json'
            : `The request was refused (${response.status})`;
      setResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] }), {
          status: response.status,
          headers,
        }),
      );
    },
    onValidate: ({ validateFn, setValidationFn }) => {
      // A rule that evaluates directives (a subscription's single root field under @include with an
      // undefined variable) throws instead of reporting: the client's error all the same.
      setValidationFn((...args) => {
        try {
          return validateFn(...args);
        } catch (error) {
          if (error instanceof GraphQLError) return [error];
          throw error;
        }
      });
      return ({ result }) => rewrite(result);
    },
    onResultProcess: ({ result }) => {
      for (const one of Array.isArray(result) ? result : [result]) {
        if (one && typeof one === 'object' && 'errors' in one) rewrite((one as { errors?: readonly unknown[] }).errors);
      }
    },
  };
}

/** Yoga's logger into the structured log, minus what the client caused: engine refusals (a missing container), bad requests, cancellations. */
export function yogaLogger(logger: Logger) {
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, 'yoga warning'),
    error: (...args: unknown[]) => {
      if (args.some(isExpectedError)) return;
      const err = args.find((arg) => arg instanceof Error);
      logger.error({ err, detail: err ? undefined : args.map(String) }, 'unexpected error in an operation');
    },
  };
}
