// Listings over several engines: each engine asked at once, a failed engine reported beside the others' data.
import { GraphQLError, type GraphQLResolveInfo } from 'graphql';
import type { DockerClient } from '../docker/client.js';
import type { EngineAnswer, EngineMiss } from '../docker/engine-set.js';
import { EngineError, isAbortError } from '../docker/errors.js';
import type { SchemaContext } from './builder.js';

/**
 * Asks the named engine, or every engine when none is named. With one engine asked by name (or
 * only one configured) its failure is the field's error, as for any call. With several, an engine
 * that fails costs only its part: the field answers what the others returned, and the operation
 * gets one error for it, with `extensions.engine` naming it.
 */
export async function fanOut<T>(
  ctx: SchemaContext,
  info: GraphQLResolveInfo,
  engineName: string | null | undefined,
  ask: (engine: DockerClient) => Promise<T>,
): Promise<EngineAnswer<T>[]> {
  const engines = ctx.engines.select(engineName);
  if (engines.length === 1) {
    const engine = engines[0] as DockerClient;
    return [{ engine, value: await ask(engine) }];
  }
  const { answers, misses } = await ctx.engines.settle(engines, ask);
  for (const miss of misses) {
    // The operation itself ended: that is no engine's failure.
    if (isAbortError(miss.error) || ctx.engineCall.signal.aborted) throw miss.error;
    // A fault of the gateway's own is no engine's failure either.
    if (!(miss.error instanceof EngineError)) throw miss.error;
    ctx.partialErrors.push(partialError(miss, info));
  }
  return answers;
}

function partialError(miss: EngineMiss, info: GraphQLResolveInfo): GraphQLError {
  const error = miss.error as EngineError;
  return new GraphQLError(`Engine ${miss.engine.name}: ${error.message}`, {
    nodes: info.fieldNodes,
    path: pathOf(info.path),
    extensions: { code: error.code, engine: miss.engine.name },
  });
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): Array<string | number> {
  const keys: Array<string | number> = [];
  for (let at = path; at; at = at.prev) keys.unshift(at.key);
  return keys;
}
