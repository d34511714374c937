// What the network and volume modules share: finding one by reference on whichever engine has it, filters, merged listings, per-operation memos.
import type { DockerClient } from '../docker/client.js';
import { NotFoundError } from '../docker/errors.js';
import type { EngineFilters } from '../docker/types.js';
import type { SchemaContext } from './builder.js';
import { badInput } from './errors.js';

export interface Located<T> {
  engine: DockerClient;
  found: T;
}

/** The lookup's answer, or null where the engine has no such object. */
export async function orNull<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (error) {
    if (error instanceof NotFoundError) return null;
    throw error;
  }
}

/**
 * The one object `ref` names, looked up with `lookup` (null when the engine has none): on the
 * engine `engineName` names; else on the engine of an `engine/ref` reference (only when the part
 * before the slash is a configured engine's name, since a network's name may hold a slash); else
 * on every engine. Several matches are BAD_USER_INPUT naming the engines; when none matches and an
 * engine could not be asked, the answer is that engine's failure, since the object may be there.
 */
export async function locateOn<T>(
  ctx: SchemaContext,
  kind: 'network' | 'volume',
  ref: string,
  engineName: string | null | undefined,
  lookup: (engine: DockerClient, ref: string) => Promise<T | null>,
): Promise<Located<T> | null> {
  const on = async (engine: DockerClient, bare: string) => {
    const found = await lookup(engine, bare);
    return found === null ? null : { engine, found };
  };
  if (engineName != null) return on(ctx.engines.require(engineName), ref);
  const slash = ref.indexOf('/');
  const named = slash > 0 ? ctx.engines.get(ref.slice(0, slash)) : undefined;
  if (named) return on(named, ref.slice(slash + 1));
  if (ctx.engines.single) return on(ctx.engines.first, ref);
  const { answers, misses } = await ctx.engines.settle(ctx.engines.all, (engine) => lookup(engine, ref));
  const hits = answers.filter((answer): answer is { engine: DockerClient; value: T } => answer.value !== null);
  if (hits.length > 1) {
    const names = hits.map((hit) => hit.engine.name);
    throw badInput(`"${ref}" matches ${kind}s on several engines (${names.join(', ')}); name one with engine, or as ${names[0]}/${ref}`);
  }
  const [hit] = hits;
  if (hit) return { engine: hit.engine, found: hit.value };
  const miss = misses[0];
  if (miss) throw miss.error;
  return null;
}

/** A per-operation memo of one engine read per key: fields that ask the same thing share one call. */
export function operationMemo<T>(): (ctx: SchemaContext, engine: DockerClient, key: string, read: () => Promise<T>) => Promise<T> {
  const memos = new WeakMap<SchemaContext, Map<DockerClient, Map<string, Promise<T>>>>();
  return (ctx, engine, key, read) => {
    let perEngine = memos.get(ctx);
    if (!perEngine) memos.set(ctx, (perEngine = new Map()));
    let perKey = perEngine.get(engine);
    if (!perKey) perEngine.set(engine, (perKey = new Map()));
    let answer = perKey.get(key);
    if (!answer) {
      answer = read();
      perKey.set(key, answer);
    }
    return answer;
  };
}

/** Filter inputs as the engine's filter map: empty lists left out. */
export function engineFilters(input: Record<string, readonly string[] | null | undefined> | null | undefined): EngineFilters {
  const filters: EngineFilters = {};
  for (const [key, values] of Object.entries(input ?? {})) if (values?.length) filters[key] = [...values];
  return filters;
}

/** Orders a merged listing by name, then by the engines' configured order. */
export const byName =
  <T>(nameOf: (item: T) => string, engineOf: (item: T) => DockerClient, engines: readonly DockerClient[]) =>
  (a: T, b: T) => {
    const [x, y] = [nameOf(a), nameOf(b)];
    if (x !== y) return x < y ? -1 : 1;
    return engines.indexOf(engineOf(a)) - engines.indexOf(engineOf(b));
  };
