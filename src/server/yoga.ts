// The Yoga instance: the schema, the per-operation context, error masking and GraphiQL at /graphql.
import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import type { DockerClient } from '../docker/client.js';
import { schema, type SchemaContext } from '../schema/index.js';
import { createContext } from './context.js';
import { maskError, quietAboutEngineErrors, useContractErrorCodes } from './errors.js';

export interface ServerContext {
  /** Set for WebSocket operations, which have no fetch Request of their own. */
  wharfSignal?: AbortSignal;
}

export type WharfYoga = YogaServerInstance<ServerContext, SchemaContext>;

export function createWharfYoga(docker: DockerClient): WharfYoga {
  return createYoga<ServerContext, SchemaContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Wharf', subscriptionsProtocol: 'WS' },
    maskedErrors: { maskError },
    batching: false,
    plugins: [useContractErrorCodes()],
    logging: quietAboutEngineErrors,
    context: (initial: ServerContext & { request?: Request }) =>
      createContext(docker, initial.wharfSignal ?? initial.request?.signal ?? new AbortController().signal),
  });
}
