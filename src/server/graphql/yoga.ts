// The Yoga instance: the schema, the per-operation context, error masking, hardening and GraphiQL at /graphql.
import type { Logger } from 'pino';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { EngineSet } from '../../docker/engine-set.js';
import type { AnswerBounds } from '../../schema/answer-bounds.js';
import { schema, type SchemaContext } from '../../schema/index.js';
import type { AccessControl } from '../auth/access.js';
import { useAuditLog, type AuditSink } from '../observability/audit.js';
import { createContext } from './context.js';
import { maskError, useContractErrorCodes, yogaLogger } from './errors.js';
import { useIncrementalLists } from './incremental-lists.js';
import { usePartialErrors } from './partial-errors.js';
import { usePlannedSubscriptionEvents } from './subscription-fast-path/plugin.js';
import { renderOfflineGraphiQL } from './graphiql.js';
import { useStreamingSubscriptions } from './streaming-subscriptions.js';
import { hardeningPlugins, type DocumentLimits } from './hardening.js';
import type { ServerContext } from '../operation.js';

export type WharfYoga = YogaServerInstance<ServerContext, SchemaContext>;

export interface YogaOptions {
  access: AccessControl;
  graphiql: boolean;
  introspection: boolean;
  corsOrigins: string[];
  limits: DocumentLimits;
  answerBounds: AnswerBounds;
  audit: AuditSink;
  /** More plugins (the operation log, the stop's), after the hardening, masking and audit ones. */
  plugins?: Plugin<ServerContext>[];
  /** Where Yoga's own warnings and unexpected errors go. */
  logger: Logger;
}

export function createWharfYoga(engines: EngineSet, options: YogaOptions): WharfYoga {
  return createYoga<ServerContext, SchemaContext>({
    schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: options.graphiql ? graphiqlOptions(options.access) : false,
    // Yoga's own page loads its assets from unpkg.com, out of reach on private networks.
    renderGraphiQL: renderOfflineGraphiQL,
    maskedErrors: { maskError },
    batching: false,
    // Enforced by the dispatcher (http/dispatch.ts) from Content-Length: Yoga's own limit re-streams every body, which costs more than the query.
    maxRequestBodySize: false,
    // Closed unless origins are configured: Yoga's default would echo any origin.
    cors: options.corsOrigins.length
      ? {
          origin: options.corsOrigins,
          credentials: true,
          methods: ['GET', 'POST'],
          allowedHeaders: ['content-type', 'authorization', 'x-wharf-csrf', 'x-graphql-yoga-csrf'],
        }
      : false,
    plugins: [
      ...hardeningPlugins({ limits: options.limits, introspection: options.introspection }),
      useContractErrorCodes(),
      useDeferStream(),
      useIncrementalLists(),
      usePartialErrors(),
      usePlannedSubscriptionEvents(),
      useAuditLog(options.audit),
      ...(options.plugins ?? []),
      useStreamingSubscriptions(),
    ],
    logging: yogaLogger(options.logger),
    context: ({ operation }: ServerContext) =>
      createContext(engines, operation, { createPolicy: options.access.createPolicy, answerBounds: options.answerBounds }),
  });
}

/**
 * GraphiQL's settings. In token mode its subscriptions go over SSE: its WebSocket client sends an
 * empty connection_init, without the headers editor's Authorization, and would be refused (4401).
 */
function graphiqlOptions(access: AccessControl) {
  if (!access.tokenMode) return { title: 'Wharf', subscriptionsProtocol: 'WS' as const };
  return {
    title: 'Wharf',
    subscriptionsProtocol: 'SSE' as const,
    headers: JSON.stringify({ Authorization: 'Bearer <paste your token here>' }, null, 2),
  };
}
