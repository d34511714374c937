// The Pothos builder: the context type, the scalars and the plugins. It defines no types.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { GraphQLError, GraphQLResolveInfo } from 'graphql';
import type { EngineSet } from '../docker/engine-set.js';
import type { EngineCall } from '../docker/request.js';
import { scopesFor, type Principal } from './access.js';
import type { AnswerBounds } from './answer-bounds.js';
import type { CreatePolicy } from './create-policy.js';
import { codedError } from './errors.js';
import type { Loaders } from './loaders.js';
import { DateTimeScalar, JSONScalar, SafeIntScalar } from './scalars.js';

/** What every resolver gets, fresh for each operation, whatever its transport. */
export interface SchemaContext {
  /** Every configured engine, by name. */
  engines: EngineSet;
  loaders: Loaders;
  /**
   * One error per engine that failed its part of a listing over several engines; the gateway adds
   * them to the operation's errors beside the others' data.
   */
  partialErrors: GraphQLError[];
  /**
   * Handed to every engine call made for this operation: its signal aborts when the client goes
   * away (or a stop ends a subscription), and its observer records the calls for the operation's log line.
   */
  engineCall: EngineCall & { signal: AbortSignal };
  /** Who is calling; the local user has every right. */
  principal: Principal;
  /** How much one answer may hold of what grows with the engine's data. */
  answerBounds: AnswerBounds;
  /** Token mode's limits on createContainer; none in local mode. */
  createPolicy?: CreatePolicy | undefined;
  /** Sends the rest of a list field under @stream in batches, when the gateway can (see IncrementalLists). */
  incrementalLists?: IncrementalLists | undefined;
}

/**
 * The gateway's own delivery of a list under @stream: batches of items as they are read, each sent
 * as one incremental payload. The executor's own @stream sends every item as a payload of its own,
 * which costs far more per item than a log line is worth.
 */
export interface IncrementalLists {
  /**
   * Takes over the rest of the list field being resolved, from `startIndex`, fed by `batches`; false
   * when its selection is not plain data, and the field must be left to the executor.
   */
  take(info: GraphQLResolveInfo, batches: AsyncIterator<readonly unknown[]>, startIndex: number): boolean;
}

export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  DefaultFieldNullability: false;
  AuthScopes: { viewer: boolean; operator: boolean; admin: boolean };
  Scalars: {
    DateTime: { Input: string; Output: string | Date };
    JSON: { Input: unknown; Output: unknown };
    SafeInt: { Input: number; Output: number };
  };
}>({
  defaultFieldNullability: false,
  plugins: [ScopeAuthPlugin],
  scopeAuth: {
    authScopes: (ctx) => scopesFor(ctx.principal),
    // Denied before the resolver runs, so a denied operation never reaches the engine.
    unauthorizedError: (_parent, ctx, info) =>
      codedError('FORBIDDEN', `The role ${ctx.principal.role} may not use ${info.parentType.name}.${info.fieldName}`),
  },
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('JSON', JSONScalar);
builder.addScalarType('SafeInt', SafeIntScalar);

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
