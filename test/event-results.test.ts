// The subscription event plan (src/server/event-results.ts) on the real schema: the results it builds are the executor's, and it steps aside where it cannot.
import { execute, parse, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { LogRecord } from '../src/docker/log-stream.js';
import { schema } from '../src/schema/index.js';
import { planEvents } from '../src/server/event-results.js';

const line: LogRecord = { stream: 'stderr', timestamp: '2026-11-27T12:00:00.123456789Z', message: 'hello' };

function argsFor(source: string, variableValues: Record<string, unknown> = { id: 'c1' }): ExecutionArgs {
  return { schema, document: parse(source), variableValues, contextValue: {} };
}

/** What graphql-js's executor makes of one event, as JSON would carry it. */
async function executed(args: ExecutionArgs, payload: unknown): Promise<ExecutionResult> {
  return JSON.parse(JSON.stringify(await execute({ ...args, rootValue: payload }))) as ExecutionResult;
}

describe('a plain selection is built by the plan, as the executor builds it', () => {
  const cases: Array<[string, string, unknown]> = [
    ['every field of a line', 'subscription($id: String!) { containerLogs(id: $id) { stream timestamp message } }', line],
    ['a batch of lines', 'subscription($id: String!) { containerLogBatches(id: $id) { message stream } }', [line, { ...line, stream: 'stdout', message: '' }]],
    ['an empty batch', 'subscription($id: String!) { containerLogBatches(id: $id) { message } }', []],
    ['aliases, a field twice and __typename', 'subscription($id: String!) { l: containerLogs(id: $id) { __typename text: message message at: timestamp message } }', line],
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
    const built = plan!(payload);
    expect(built).toEqual(await executed(args, payload));
  });

  it('builds objects with the ordinary prototype, which JSON.stringify writes faster than null-prototype ones', () => {
    const built = planEvents(argsFor('subscription($id: String!) { containerLogs(id: $id) { message } }'))!(line)!;
    expect(Object.getPrototypeOf(built.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(built.data!['containerLogs'])).toBe(Object.prototype);
  });

  it('serializes leaves through their type: the enum value, not the engine string', () => {
    const built = planEvents(argsFor('subscription($id: String!) { containerLogs(id: $id) { stream } }'))!(line);
    expect(built).toEqual({ data: { containerLogs: { stream: 'STDERR' } } });
  });
});

describe('a selection that is not plain data has no plan: every event is executed', () => {
  const cases: Array<[string, string]> = [
    ['@include', 'subscription($id: String!, $t: Boolean!) { containerLogs(id: $id) { message timestamp @include(if: $t) } }'],
    ['@skip on the root field', 'subscription($id: String!) { containerLogs(id: $id) @skip(if: false) { message } }'],
    ['a field with a resolver (stats read)', 'subscription($id: String!) { containerStats(id: $id) { read cpuPercent } }'],
    ['a field with a resolver (event container)', 'subscription { events { action container { id } } }'],
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
    expect(planEvents(args)!(payload)).toBeUndefined();
    const result = await executed(args, payload);
    expect(result.errors?.length ?? 0).toBeGreaterThan(0);
  });

  it('a method where the property should be: the executor calls it', async () => {
    const args = argsFor(source);
    const payload = { ...line, message: () => 'called' };
    expect(planEvents(args)!(payload)).toBeUndefined();
    expect(await executed(args, payload)).toEqual({ data: { containerLogs: { stream: 'STDERR', message: 'called' } } });
  });

  it('a list that is not an array', () => {
    const args = argsFor('subscription($id: String!) { containerLogBatches(id: $id) { message } }');
    expect(planEvents(args)!({ length: 1, 0: line })).toBeUndefined();
  });
});
