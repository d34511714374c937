// Lists under @stream sent by the gateway in batches (Container.logs): one incremental payload per batch read, not one per item.
import { GraphQLError, isListType, isNonNullType, type ExecutionResult, type GraphQLOutputType, type GraphQLResolveInfo } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { isAbortError } from '../../docker/errors.js';
import type { IncrementalLists, SchemaContext } from '../../schema/builder.js';
import { toClientError } from '../../schema/errors.js';
import { planCopy } from './subscription-fast-path/plan.js';

type Path = Array<string | number>;

interface TakenList {
  path: Path;
  batches: AsyncIterator<readonly unknown[]>;
  copy: (value: unknown) => unknown;
  next: number;
}

/** One incremental payload, as graphql-tools' executor writes them for @stream. */
interface IncrementalResult {
  incremental?: Array<{ items: unknown[] | null; path: Path; errors?: unknown[] }>;
  hasNext: boolean;
}

export function useIncrementalLists(): Plugin<SchemaContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as SchemaContext;
      const taken: TakenList[] = [];
      const lists: IncrementalLists = {
        take(info, batches, startIndex) {
          const copy = planCopy(itemType(info.returnType), info.fieldNodes, info.fragments);
          if (!copy) return false;
          taken.push({ path: pathOf(info.path), batches, copy, next: startIndex });
          return true;
        },
      };
      context.incrementalLists = lists;
      return {
        onExecuteDone({ result, setResult }) {
          if (taken.length === 0) return;
          // With @defer as well, the executor answers in parts of its own; the lists stay with it then.
          if (isAsyncIterable(result)) {
            void Promise.all(taken.map((list) => list.batches.return?.()));
            return;
          }
          const present = taken.filter((list) => Array.isArray(valueAt(result.data, list.path)));
          for (const list of taken) if (!present.includes(list)) void list.batches.return?.();
          if (present.length === 0) return;
          setResult(parts(result, present) as AsyncGenerator<ExecutionResult>);
        },
      };
    },
  };
}

/** The first answer, then a payload per batch of each list in turn, then the end. Closing it closes every list's source. */
async function* parts(initial: ExecutionResult, lists: TakenList[]): AsyncGenerator<ExecutionResult | IncrementalResult> {
  try {
    yield { ...initial, hasNext: true };
    for (const list of lists) {
      for (;;) {
        let step: IteratorResult<readonly unknown[]>;
        try {
          step = await list.batches.next();
        } catch (error) {
          if (isAbortError(error)) throw error;
          yield { incremental: [{ items: null, path: [...list.path, list.next], errors: [clientError(error, list.path)] }], hasNext: true };
          break;
        }
        if (step.done) break;
        const items = new Array<unknown>(step.value.length);
        for (let i = 0; i < step.value.length; i++) items[i] = list.copy(step.value[i]) ?? null;
        yield { incremental: [{ items, path: [...list.path, list.next] }], hasNext: true };
        list.next += items.length;
      }
    }
    yield { hasNext: false };
  } finally {
    await Promise.all(lists.map((list) => list.batches.return?.()));
  }
}

function clientError(error: unknown, path: Path): unknown {
  const mapped = toClientError(error);
  const graphQLError =
    mapped instanceof GraphQLError ? mapped : new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  return { ...graphQLError.toJSON(), path };
}

function itemType(type: GraphQLOutputType): GraphQLOutputType {
  const list = isNonNullType(type) ? type.ofType : type;
  return isListType(list) ? list.ofType : list;
}

function pathOf(path: GraphQLResolveInfo['path'] | undefined): Path {
  const keys: Path = [];
  for (let at = path; at; at = at.prev) keys.unshift(at.key);
  return keys;
}

function valueAt(data: unknown, path: Path): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}
