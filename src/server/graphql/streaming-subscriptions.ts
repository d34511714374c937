// A subscription needs a response that streams (SSE, multipart or graphql-ws): over plain HTTP it is refused before its source starts, so it costs the engine nothing.
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerContext } from '../operation.js';
import { NO_ACCEPTABLE_RESPONSE } from './errors.js';

export function useStreamingSubscriptions(): Plugin<ServerContext> {
  return {
    onSubscribe: ({ args, setResultAndStopExecution }) => {
      if ((args.contextValue as ServerContext).operation.transport !== 'http') return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(NO_ACCEPTABLE_RESPONSE, {
            extensions: { code: 'BAD_USER_INPUT', http: { status: 406 } },
          }),
        ],
      });
    },
  };
}
