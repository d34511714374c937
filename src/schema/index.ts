// Assembles the schema from its type files.
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import { builder } from './builder.js';
import './engine.js';
import './engine-system.js';
import './container.js';
import './inspect.js';
import './top.js';
import './logs.js';
import './container-mutations.js';
import './log-subscriptions.js';
import './stats.js';
import './events.js';
import './swarm/index.js';
import './networks.js';
import './network-mutations.js';
import './volumes.js';
import './volume-mutations.js';
import './prune.js';
import './container-resources.js';
import './exec.js';
import './images/index.js';

export type { SchemaContext } from './builder.js';
export { createLoaders } from './loaders.js';
export { toClientError } from './errors.js';

/** Sorted, so the printed SDL (schema/schema.graphql, written by `npm run schema`) is deterministic. */
export const schema: GraphQLSchema = builder.toSchema({
  sortSchema: true,
  // Incremental delivery: @stream on Container.logs sends a huge log in parts, over multipart HTTP or SSE.
  directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective],
});
