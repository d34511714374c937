// Subscriptions whose events are built by their plan (event-plan.ts), and made by Yoga's own executor otherwise.
import { createSourceEventStream, GraphQLError, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { execute as executeByYoga, subscribe as subscribeByYoga } from '@graphql-tools/executor';
import { isAsyncIterable, mapAsyncIterator, type Plugin } from 'graphql-yoga';
import { isPromiseLike, planEvents, type PlannedResult } from './plan.js';

/** Events in a row the plan could not build before it is given up for the subscription. */
const MAX_MISSES = 3;

type EventResults = AsyncIterableIterator<ExecutionResult>;

/** Yoga's subscribe replaced by one that builds plain events by their plan and executes the others. */
export function usePlannedSubscriptionEvents(): Plugin {
  return {
    onSubscribe: ({ setSubscribeFn }) => {
      setSubscribeFn(subscribeWithPlan);
    },
  };
}

/**
 * A subscription without a plan is handed whole to Yoga's own executor (@graphql-tools/executor),
 * errors included. With a plan, graphql-js opens the source, and each event is built by the plan or,
 * when the plan cannot build it, executed by Yoga's executor.
 */
export async function subscribeWithPlan(args: ExecutionArgs): Promise<EventResults | ExecutionResult> {
  const plan = planEvents(args);
  if (!plan) return (await subscribeByYoga(args)) as EventResults | ExecutionResult;
  let source: Awaited<ReturnType<typeof createSourceEventStream>>;
  try {
    source = await createSourceEventStream(args);
  } catch (error) {
    // graphql-js throws where the subscribe resolver gave no stream; Yoga's executor reports it.
    return {
      errors: [
        error instanceof GraphQLError
          ? error
          : new GraphQLError(String((error as Error)?.message ?? error), { originalError: error as Error }),
      ],
    };
  }
  if (!isAsyncIterable(source)) return source;

  const execute = (payload: unknown) => executeByYoga({ ...args, rootValue: payload }) as ExecutionResult | Promise<ExecutionResult>;
  // A miss runs the root resolver twice: a subscription whose events keep missing is executed from then on.
  let misses = 0;
  const resultOf = (payload: unknown, planned: PlannedResult) => {
    if (planned !== undefined) {
      misses = 0;
      return planned;
    }
    misses++;
    return execute(payload);
  };
  // return() reaches the source at once, even while a next() waits for an event.
  const results = mapAsyncIterator(
    source,
    (payload: unknown) => {
      if (misses >= MAX_MISSES) return execute(payload);
      const planned = plan.build(payload);
      return isPromiseLike(planned) ? planned.then((result) => resultOf(payload, result)) : resultOf(payload, planned);
    },
    // As Yoga's executor words a failing source: located at the operation (the source is then closed).
    (error: unknown) => {
      throw new GraphQLError(error instanceof Error ? error.message : String(error), {
        originalError: error instanceof Error ? error : undefined,
        nodes: [plan.operation],
      });
    },
  );
  // Yoga's executor ends the stream when the execution's signal aborts (its useExecutionCancellation).
  const signal = (args as ExecutionArgs & { signal?: AbortSignal }).signal;
  signal?.addEventListener('abort', () => void results.return?.(), { once: true });
  return results;
}
