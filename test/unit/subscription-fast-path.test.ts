// The subscription event plan (src/server/graphql/subscription-fast-path/plan.ts) on the real schema and small ones: the results it builds are the executor's, and it steps aside where it cannot;
// subscribeWithPlan (src/server/graphql/subscription-fast-path/plugin.ts): planned and executed events in one stream, errors, and cleanup.
import {
  execute,
  GraphQLError,
  type GraphQLFieldConfigMap,
  GraphQLInt,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLSchema,
  GraphQLString,
  parse,
  type ExecutionArgs,
  type ExecutionResult,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../../src/docker/log-stream.js';
import { schema } from '../../src/schema/index.js';
import { planEvents } from '../../src/server/graphql/subscription-fast-path/plan.js';
import { subscribeWithPlan } from '../../src/server/graphql/subscription-fast-path/plugin.js';

const line: LogRecord = { stream: 'stderr', timestamp: '2026-11-27T12:00:00.123456789Z', message: 'hello' };

function argsFor(source: string, variableValues: Record<string, unknown> = { id: 'c1' }): ExecutionArgs {
  return { schema, document: parse(source), variableValues, contextValue: {} };
}

/** What graphql-js's executor makes of one event, as JSON would carry it. */
async function executed(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
  return JSON.parse(JSON.stringify(await execute({ ...args, rootValue: payload }))) as ExecutionResult;
}

/** A small schema around the given subscription fields (a schema needs a query type too). */
function subscriptionSchema(fields: GraphQLFieldConfigMap<unknown, unknown>): GraphQLSchema {
  return new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({ name: 'Subscription', fields }),
  });
}

/** A subscription `word` whose source never yields; `ended()` tells whether its return() was called. */
function waitingSource(): { schema: GraphQLSchema; ended: () => boolean } {
  let ended = false;
  const schema = subscriptionSchema({
    word: {
      type: GraphQLString,
      subscribe: () => ({
        [Symbol.asyncIterator]() {
          return this;
        },
        next: () => new Promise<IteratorResult<string>>(() => undefined),
        return: async () => {
          ended = true;
          return { done: true as const, value: undefined };
        },
      }),
      resolve: (payload: unknown) => payload,
    },
  });
  return { schema, ended: () => ended };
}

describe('a plain selection is built by the plan, as the executor builds it', () => {
  const cases: Array<[string, string, unknown]> = [
    ['every field of a line', 'subscription($id: String!) { containerLogs(id: $id) { stream timestamp message } }', line],
    [
      'a batch of lines',
      'subscription($id: String!) { containerLogBatches(id: $id) { message stream } }',
      [line, { ...line, stream: 'stdout', message: '' }],
    ],
    ['an empty batch', 'subscription($id: String!) { containerLogBatches(id: $id) { message } }', []],
    [
      'the document of the shaped test in log-subscriptions.test.ts',
      'subscription($id: String!) { lines: containerLogBatches(id: $id, maxLines: 2) { __typename ...LineText ... on LogLine { from: stream } timestamp } } fragment LineText on LogLine { text: message message }',
      [line, line],
    ],
    [
      'aliases, a field twice and __typename',
      'subscription($id: String!) { l: containerLogs(id: $id) { __typename text: message message at: timestamp message } }',
      line,
    ],
    [
      'an inline fragment and a named fragment',
      'subscription($id: String!) { containerLogs(id: $id) { ...Where ... on LogLine { message } ... { stream } } } fragment Where on LogLine { timestamp stream }',
      line,
    ],
    ['literal arguments', 'subscription { containerLogBatches(id: "c2", tail: 5, maxLines: 10) { message } }', [line]],
  ];
  it.each(cases)('%s', async (_what, source, payload) => {
    const args = argsFor(source);
    const plan = planEvents(args);
    expect(plan).toBeDefined();
    const built = plan!.build(payload);
    // As JSON, so that the order of the keys counts too.
    expect(JSON.stringify(built)).toBe(JSON.stringify(await executed(args, payload)));
  });

  it('builds objects with the ordinary prototype, which JSON.stringify writes faster than null-prototype ones', async () => {
    const built = (await planEvents(argsFor('subscription($id: String!) { containerLogs(id: $id) { message } }'))!.build(line))!;
    expect(Object.getPrototypeOf(built.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(built.data!.containerLogs)).toBe(Object.prototype);
  });

  it('serializes leaves through their type: the enum value, not the engine string', async () => {
    const built = await planEvents(argsFor('subscription($id: String!) { containerLogs(id: $id) { stream } }'))!.build(line);
    expect(built).toEqual({ data: { containerLogs: { stream: 'STDERR' } } });
  });
});

describe('a selection that is not plain data has no plan: every event is executed', () => {
  const cases: Array<[string, string]> = [
    ['@include', 'subscription($id: String!, $t: Boolean!) { containerLogs(id: $id) { message timestamp @include(if: $t) } }'],
    ['@skip on the root field', 'subscription($id: String!) { containerLogs(id: $id) @skip(if: false) { message } }'],
    ['a field with a resolver (stats read)', 'subscription($id: String!) { containerStats(id: $id) { read cpuPercent } }'],
    ['events, whose every field has a resolver', 'subscription { events { action } }'],
  ];
  it.each(cases)('%s', (_what, source) => {
    expect(planEvents(argsFor(source, { id: 'c1', t: true }))).toBeUndefined();
  });

  it('plans stats whose selected fields are all plain', () => {
    expect(planEvents(argsFor('subscription($id: String!) { containerStats(id: $id) { cpuPercent memoryUsage pids } }'))).toBeDefined();
  });
});

describe('an event the plan cannot build is left to the executor, which reports it', () => {
  const source = 'subscription($id: String!) { containerLogs(id: $id) { stream message } }';
  const cases: Array<[string, unknown]> = [
    ['a null for a non-null field', { ...line, message: null }],
    ['a value its enum does not have', { ...line, stream: 'stdin' }],
    ['no event object at all', null],
  ];
  it.each(cases)('%s', async (_what, payload) => {
    const args = argsFor(source);
    expect(planEvents(args)!.build(payload)).toBeUndefined();
    const result = await executed(args, payload);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  });

  it('a method where the property should be: the executor calls it', async () => {
    const args = argsFor(source);
    const payload = { ...line, message: () => 'called' };
    expect(planEvents(args)!.build(payload)).toBeUndefined();
    expect(await executed(args, payload)).toEqual({ data: { containerLogs: { stream: 'STDERR', message: 'called' } } });
  });

  it('a list that is not an array', () => {
    const args = argsFor('subscription($id: String!) { containerLogBatches(id: $id) { message } }');
    expect(planEvents(args)!.build({ length: 1, 0: line })).toBeUndefined();
  });
});

describe('values the executor awaits, raises or calls are left to it', () => {
  /** A schema with a nullable object, a JSON-like list and a root resolver that may be async. */
  const Inner = new GraphQLObjectType({ name: 'Inner', fields: { a: { type: GraphQLString } } });
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: { inner: { type: Inner }, inners: { type: new GraphQLList(Inner) }, text: { type: GraphQLString } },
  });
  let rootCalls = 0;
  const small = subscriptionSchema({
    sync: { type: Event, resolve: (payload: unknown) => payload },
    later: {
      type: Event,
      resolve: async (payload: unknown) => {
        rootCalls++;
        if (payload === 'reject') throw new Error('no event');
        return payload;
      },
    },
  });
  const smallArgs = (source: string): ExecutionArgs => ({ schema: small, document: parse(source) });

  it.each<[string, unknown]>([
    ['a promise in a nested object field', { inner: Promise.resolve({ a: 'x' }) }],
    ['a promise in a list', { inners: [Promise.resolve({ a: 'x' })] }],
    ['an Error as a field value', { inner: new Error('boom') }],
    [
      'a getter that throws',
      {
        get text(): string {
          throw new Error('getter');
        },
      },
    ],
  ])('%s', async (_what, payload) => {
    const plan = planEvents(smallArgs('subscription { sync { inner { a } inners { a } text } }'));
    expect(await plan!.build(payload)).toBeUndefined();
  });

  it('an alias __proto__ makes the selection unplanned (an assignment would set the prototype)', () => {
    expect(planEvents(smallArgs('subscription { sync { __proto__: text } }'))).toBeUndefined();
    expect(planEvents(argsFor('subscription($id: String!) { containerLogs(id: $id) { __proto__: message } }'))).toBeUndefined();
  });

  it('an async root resolver is awaited and runs once per event', async () => {
    rootCalls = 0;
    const args = smallArgs('subscription { later { text } }');
    expect(await planEvents(args)!.build({ text: 't' })).toEqual({ data: { later: { text: 't' } } });
    expect(rootCalls).toBe(1);
  });

  it('a root resolver that rejects leaves the event to the executor, with nothing left unhandled', async () => {
    rootCalls = 0;
    const args = smallArgs('subscription { later { text } }');
    expect(await planEvents(args)!.build('reject')).toBeUndefined();
    expect(rootCalls).toBe(1);
  });

  it('a root value whose then getter throws leaves the event to the executor', () => {
    const payload = {
      // biome-ignore lint/suspicious/noThenProperty: the root value must look like a promise to the executor
      get then(): unknown {
        throw new Error('then');
      },
    };
    expect(planEvents(smallArgs('subscription { sync { text } }'))!.build(payload)).toBeUndefined();
  });
});

describe('subscribeWithPlan', () => {
  const small = subscriptionSchema({
    words: {
      type: new GraphQLNonNull(GraphQLString),
      args: { n: { type: new GraphQLNonNull(GraphQLInt) } },
      subscribe: async function* (_root: unknown, args: { n: number }) {
        for (let i = 1; i <= args.n; i++) yield i === 2 ? null : `word ${i}`;
        throw new Error('source failed');
      },
      resolve: (payload: unknown) => payload,
    },
  });

  it('builds planned events, executes the one it cannot build, and locates a failing source at the operation', async () => {
    const stream = (await subscribeWithPlan({
      schema: small,
      document: parse('subscription($n: Int!) { words(n: $n) }'),
      variableValues: { n: 3 },
    })) as AsyncIterableIterator<ExecutionResult>;
    const first = await stream.next();
    const second = await stream.next();
    const third = await stream.next();
    expect(first.value).toEqual({ data: { words: 'word 1' } });
    expect(JSON.parse(JSON.stringify(second.value))).toMatchObject({ data: null, errors: [{ path: ['words'] }] });
    expect(third.value).toEqual({ data: { words: 'word 3' } });
    const failure = await stream.next().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GraphQLError);
    expect((failure as GraphQLError).locations).toEqual([{ line: 1, column: 1 }]);
  });

  /** Every result of `subscription { word }` over a source yielding `events` (null: an event the plan cannot build). */
  async function wordResults(events: Array<string | null>): Promise<ExecutionResult[]> {
    const word = subscriptionSchema({
      word: {
        type: new GraphQLNonNull(GraphQLString),
        subscribe: async function* () {
          yield* events;
        },
        resolve: (payload: unknown) => payload,
      },
    });
    const stream = (await subscribeWithPlan({
      schema: word,
      document: parse('subscription { word }'),
    })) as AsyncIterableIterator<ExecutionResult>;
    const results: ExecutionResult[] = [];
    for await (const result of stream) results.push(result);
    expect(results.map((r) => r.data?.word ?? null)).toEqual(events);
    return results;
  }

  it('gives the plan up after three events in a row it could not build: the rest are executed', async () => {
    const results = await wordResults(['a', null, null, null, 'b']);
    // The plan builds ordinary objects; the executor's have no prototype.
    expect(Object.getPrototypeOf(results[0]!.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(results[4]!.data)).toBe(null);
  });

  it('counts only misses in a row: a built event starts the count again', async () => {
    const results = await wordResults([null, null, 'a', null, null, 'b']);
    expect(Object.getPrototypeOf(results[5]!.data)).toBe(Object.prototype);
  });

  it('reports a subscribe resolver that gives no stream as an error, not a throw', async () => {
    const noStream = subscriptionSchema({
      word: { type: GraphQLString, subscribe: () => 'not a stream', resolve: (payload: unknown) => payload },
    });
    const result = (await subscribeWithPlan({ schema: noStream, document: parse('subscription { word }') })) as ExecutionResult;
    expect(result.errors?.[0]?.message).toMatch(/Async ?Iterable/i);
  });

  it('ends the source when the execution signal aborts', async () => {
    const waiting = waitingSource();
    const controller = new AbortController();
    await subscribeWithPlan({
      schema: waiting.schema,
      document: parse('subscription { word }'),
      signal: controller.signal,
    } as ExecutionArgs);
    controller.abort();
    await new Promise((resolve) => setImmediate(resolve));
    expect(waiting.ended()).toBe(true);
  });

  it('reports variables that do not coerce as the executor does: BAD_USER_INPUT with HTTP 400', async () => {
    const result = (await subscribeWithPlan({
      schema: small,
      document: parse('subscription($n: Int!) { words(n: $n) }'),
      variableValues: { n: 'x' },
    })) as ExecutionResult;
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', http: { status: 400 } });
  });

  it('return() ends the source while a next() waits for its event', async () => {
    const waiting = waitingSource();
    const stream = (await subscribeWithPlan({
      schema: waiting.schema,
      document: parse('subscription { word }'),
    })) as AsyncIterableIterator<ExecutionResult>;
    void stream.next();
    await stream.return!();
    expect(waiting.ended()).toBe(true);
  });
});
