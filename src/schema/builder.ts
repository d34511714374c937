// The Pothos builder: the context type, the scalars and the plugins. It defines no types.
import SchemaBuilder from '@pothos/core';
import type { DockerClient } from '../docker/client.js';
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
}

export const builder = new SchemaBuilder<{
  Context: SchemaContext;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: string; Output: string | Date };
    JSON: { Input: unknown; Output: unknown };
    SafeInt: { Input: number; Output: number };
  };
}>({
  defaultFieldNullability: false,
});

builder.addScalarType('DateTime', DateTimeScalar);
builder.addScalarType('JSON', JSONScalar);
builder.addScalarType('SafeInt', SafeIntScalar);

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
