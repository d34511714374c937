// The Pothos builder: the context type, the scalars and the plugins. It defines no types.
import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import type { DockerClient } from '../docker/client.js';
import { scopesFor, type Principal } from './access.js';
import type { CreatePolicy } from './create-policy.js';
import { codedError } from './errors.js';
import type { Loaders } from './loaders.js';
import { DateTimeScalar, JSONScalar, SafeIntScalar } from './scalars.js';

/** What every resolver gets, fresh for each operation, whatever its transport. */
export interface SchemaContext {
  docker: DockerClient;
  loaders: Loaders;
  /** Aborts when the client goes away: it reaches every engine call. */
  signal: AbortSignal;
  /** The gateway's own origin-relative base, for URLs such as `exportUrl`. */
  basePath: string;
  /** Who is calling; the local user has every right. */
  principal: Principal;
  /** Token mode's limits on createContainer; none in local mode. */
  createPolicy?: CreatePolicy | undefined;
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
