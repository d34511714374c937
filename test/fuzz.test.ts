// Fuzzing the gateway with fast-check: 10,000 mutated and mistyped documents against a real engine; no 5xx, no crash, a contract code on every error.
//
// Safety: most cases go to a token-mode gateway as a viewer, whose mutations are refused before the engine.
// A tenth go to a local-mode gateway (every right), confined when drawn (helpers/fuzz/confine.ts) to the
// fuzz's own containers and to create options that stay inside a container. Counting proxies in front of the
// engine show what reached it. Other test files run beside this one, so containers the fuzz did not make are left alone.
// WHARF_FUZZ_SEED=n draws another run; WHARF_FUZZ_REPLAY=<property>:<seed>:<path> replays one reported failure.
import { randomBytes } from 'node:crypto';
import { format } from 'node:util';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { STRICT_CREATE_POLICY } from '../src/schema/create-policy.js';
import { createToken } from '../src/server/auth/tokens.js';
import { startCountingProxy, type CountingProxy, type ProxiedCall } from './helpers/counting-proxy.js';
import { createTestContainer, rawEngine, removeContainer, type RawEngine } from './helpers/engine-api.js';
import { describeCase, fuzzCases, type FuzzCase, type Mode, type Transport } from './helpers/fuzz/cases.js';
import { ContractChecks, FuzzStats, type Problem } from './helpers/fuzz/checks.js';
import type { Confinement } from './helpers/fuzz/confine.js';
import { corpus } from './helpers/fuzz/corpus.js';
import { fuzzSeed, runWorkers } from './helpers/fuzz/properties.js';
import { rawRequests, sendRaw } from './helpers/fuzz/raw-http.js';
import { FuzzClient, isCloseLike, type Target } from './helpers/fuzz/transports.js';
import type { ValuePools } from './helpers/fuzz/variables.js';
import { startGateway, type TestGateway } from './helpers/gateway.js';

const SEED = fuzzSeed(process.env.WHARF_FUZZ_SEED, 0x57a2f);
/** POST and GET cases: 8 workers of 1,187 runs. */
const HTTP_WORKERS = 8;
const HTTP_RUNS = 1_187;
/** graphql-ws cases, which wait up to half a second for a first message: 8 more workers of 63 runs, 10,000 cases in all. */
const WS_WORKERS = 8;
const WS_RUNS = 63;
/** Of every ten cases, those sent in local mode, where every right is granted and mutations reach the engine. */
const LOCAL_PER_TEN = 1;
/** Cases sent one at a time to see which reach the engine. */
const REFUSAL_RUNS = 500;
const FUZZ_TIME_LIMIT_MS = 150_000;

const runId = randomBytes(4).toString('hex');
const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
const viewer = createToken('fuzz-viewer', 'viewer');
const admin = createToken('fuzz-admin', 'admin');
const stats = new FuzzStats();
const checks = new ContractChecks(secret, stats);
const client = new FuzzClient(checks, (HTTP_WORKERS + 1) * 2);

let engine: RawEngine;
let before: Set<string>;
const fixtureIds: Record<Mode, string[]> = { viewer: [], local: [] };
const pools: Record<Mode, ValuePools> = {
  viewer: { ids: [], names: [], labels: [], images: [] },
  local: { ids: [], names: [], labels: [], images: [] },
};
const confinement: Confinement = { ownedIds: fixtureIds.local, label: { key: 'wharf.fuzz', value: runId } };

interface Floor {
  proxy: CountingProxy;
  gateway: TestGateway;
}
/** viewer and local take the fuzz; refusal takes cases one at a time, so that each one's engine calls are its own. */
const floors: Partial<Record<'viewer' | 'local' | 'refusal', Floor>> = {};

function floor(name: keyof typeof floors): Floor {
  const found = floors[name];
  if (!found) throw new Error(`the ${name} gateway is started in beforeAll`);
  return found;
}

function targetOf(mode: Mode, gateway: TestGateway): Target {
  return mode === 'viewer'
    ? { url: gateway.url, wsUrl: gateway.wsUrl, token: viewer.token, connectionParams: { authorization: `Bearer ${viewer.token}` } }
    : { url: gateway.url, wsUrl: gateway.wsUrl, token: admin.token };
}

/** A busy container that logs on both streams and stops at once on SIGTERM (sleep as PID 1 would not). */
const CHATTY = ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.3; done'];

async function fixtures(mode: Mode): Promise<void> {
  const labels = { 'wharf.fuzz': runId, 'fuzz.mode': mode };
  const extra = { Env: [`WHARF_FUZZ_SECRET=${secret}`, 'PLAIN=1'], StopTimeout: 1 };
  const made = [
    await createTestContainer(engine, { cmd: CHATTY, name: `wharf-fuzz-${runId}-${mode}-chatty`, labels, extra }),
    await createTestContainer(engine, { cmd: ['sleep', '600'], name: `wharf-fuzz-${runId}-${mode}-created`, labels, extra, start: false }),
    await createTestContainer(engine, { cmd: ['sh', '-c', 'echo bye; exit 3'], name: `wharf-fuzz-${runId}-${mode}-exited`, labels, extra }),
  ];
  for (const { id, name } of made) {
    fixtureIds[mode].push(id);
    pools[mode].ids.push(id, id.slice(0, 12), id.slice(0, 3), name, `/${name}`);
  }
  pools[mode].names.push(
    ...Array.from({ length: 8 }, (_, i) => `wharf-fuzz-${runId}-${mode}-n${i}`),
    `wharf-fuzz-${runId}-${mode}-chatty`,
    'bad name',
    '/slash',
    '',
  );
  pools[mode].labels.push(`wharf.fuzz=${runId}`, 'wharf.fuzz', `fuzz.mode=${mode}`, 'a=b', '', '=', 'x=y=z');
  pools[mode].images.push(TEST_IMAGE, TEST_IMAGE, 'wharf-fuzz-no-such-image:latest', 'UPPER/Case', '', `${TEST_IMAGE}@sha256:abc`);
}

const changing = (call: ProxiedCall) => call.method !== 'GET' && call.method !== 'HEAD';
const showCall = (call: ProxiedCall) => `${call.method} ${call.path}${call.query ? `?${call.query}` : ''}`;

function cases(transports: fc.Arbitrary<Transport>, localPerTen: number): fc.Arbitrary<FuzzCase> {
  return fuzzCases({ transports, pools, confinement, viewerToken: viewer.token, localPerTen });
}

function report(c: FuzzCase, problems: Problem[], logged: string[]): Error {
  const lines = problems.map((p) => `[${p.kind}] ${p.message.slice(0, 500)}`);
  // The masked message of an INTERNAL_SERVER_ERROR says nothing; what the gateway logged meanwhile names the cause.
  const log = logged.length
    ? `\nThe gateway logged while it ran (other cases ran at the same time):\n${logged
        .slice(0, 10)
        .map((l) => `  ${l.slice(0, 600)}`)
        .join('\n')}`
    : '';
  return new Error(`${lines.join('\n')}\n${describeCase(c)}${log}`);
}

describe('fuzzing the gateway', () => {
  const processErrors: string[] = [];
  let clientCloseRejections = 0;
  const onUnhandledRejection = (reason: unknown) => {
    // The graphql-ws client rejects a promise nobody awaits when it is disposed while its socket closes normally;
    // that CloseEvent belongs to the client's WebSocket (ws marks it _isServer: false), not to the gateway.
    const target = isCloseLike(reason) ? (reason as { target?: { _isServer?: unknown } }).target : undefined;
    if (isCloseLike(reason) && reason.code === 1000 && target?._isServer === false) {
      clientCloseRejections++;
      return;
    }
    processErrors.push(`unhandledRejection: ${format(reason)}`);
  };
  const onUncaughtException = (error: unknown) => processErrors.push(`uncaughtException: ${format(error)}`);

  // What the gateway logs as unexpected, to name the cause of an INTERNAL_SERVER_ERROR.
  const serverLogs: string[] = [];
  const originalConsoleError = console.error;

  beforeAll(async () => {
    engine = rawEngine(inject('dockerSocket'));
    const listed = await engine.json<Array<{ Id: string }>>('GET', '/containers/json?all=1');
    before = new Set(listed.map((c) => c.Id));
    await fixtures('viewer');
    await fixtures('local');
    const tokenMode = { access: { mode: 'token' as const, tokens: [viewer.entry, admin.entry], createPolicy: STRICT_CREATE_POLICY } };
    for (const [name, options] of [
      ['viewer', tokenMode],
      ['local', {}],
      ['refusal', tokenMode],
    ] as const) {
      const proxy = await startCountingProxy(inject('dockerSocket'));
      floors[name] = { proxy, gateway: await startGateway(proxy.dockerHost, options) };
    }
    process.on('unhandledRejection', onUnhandledRejection);
    process.on('uncaughtException', onUncaughtException);
    console.error = (...args: unknown[]) => void serverLogs.push(format(...args));
  });

  afterAll(async () => {
    console.error = originalConsoleError;
    process.off('unhandledRejection', onUnhandledRejection);
    process.off('uncaughtException', onUncaughtException);
    client.close();
    for (const { gateway, proxy } of Object.values(floors)) {
      await gateway.close();
      await proxy.close();
    }
    if (engine) {
      // Ours: the fixtures and what local mode created, which confinement labels with this run.
      const filters = encodeURIComponent(JSON.stringify({ label: [`wharf.fuzz=${runId}`] }));
      const labelled = await engine.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`);
      const ours = new Set([...fixtureIds.viewer, ...fixtureIds.local, ...labelled.map((c) => c.Id)]);
      await Promise.all([...ours].map((id) => removeContainer(engine, id)));
      // Other test files run beside this one and create containers of their own: those are reported, never removed.
      const after = await engine.json<Array<{ Id: string; Names: string[] }>>('GET', '/containers/json?all=1');
      const strangers = after.filter((c) => !before.has(c.Id) && !ours.has(c.Id));
      if (strangers.length)
        console.log(
          `fuzz: ${strangers.length} containers appeared during the run that the fuzz did not create (left alone): ${strangers.map((c) => c.Names[0]).join(', ')}`,
        );
      await engine.close();
    }
  });

  it(`answers ${(HTTP_WORKERS * HTTP_RUNS + WS_WORKERS * WS_RUNS).toLocaleString('en')} fuzzed documents with no 5xx, no crash and a contract code on every error`, {
    timeout: 180_000,
  }, async () => {
    console.log(
      `fuzz: seed ${SEED} (0x${SEED.toString(16)}), other runs with WHARF_FUZZ_SEED; corpus of ${corpus.length} operations from test/gql`,
    );
    const byKind = new Map<string, number>();
    const targets: Record<Mode, Target> = {
      viewer: targetOf('viewer', floor('viewer').gateway),
      local: targetOf('local', floor('local').gateway),
    };
    const predicate = async (c: FuzzCase) => {
      const kind = `${c.mode}/${c.transport}/${c.source}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      const logStart = serverLogs.length;
      const { problems } = await client.send(c, targets[c.mode]);
      if (problems.length) throw report(c, problems, serverLogs.slice(logStart));
    };
    const started = Date.now();
    const failures = (
      await Promise.all([
        runWorkers({
          name: 'http',
          arbitrary: cases(
            fc.oneof({ weight: 85, arbitrary: fc.constant<Transport>('post') }, { weight: 10, arbitrary: fc.constant<Transport>('get') }),
            LOCAL_PER_TEN,
          ),
          predicate,
          workers: HTTP_WORKERS,
          runsPerWorker: HTTP_RUNS,
          seed: SEED,
          timeLimitMs: FUZZ_TIME_LIMIT_MS,
        }),
        runWorkers({
          name: 'ws',
          arbitrary: cases(fc.constant<Transport>('ws'), LOCAL_PER_TEN),
          predicate,
          workers: WS_WORKERS,
          runsPerWorker: WS_RUNS,
          seed: SEED + 1_000,
          timeLimitMs: FUZZ_TIME_LIMIT_MS,
        }),
      ])
    ).flat();

    const viewerCalls = floor('viewer').proxy.calls;
    const localCalls = floor('local').proxy.calls;
    const localChanges = localCalls.filter(changing);
    const changesByVerb = new Map<string, number>();
    for (const call of localChanges) {
      const verb = `${call.method} ${call.path === '/containers/create' ? call.path : call.path.replace(/^\/containers\/[^/]+/, '/containers/{id}')}`;
      changesByVerb.set(verb, (changesByVerb.get(verb) ?? 0) + 1);
    }
    console.log(
      `fuzz: ${[...byKind.values()].reduce((a, b) => a + b, 0)} cases in ${((Date.now() - started) / 1000).toFixed(1)} s; by mode/transport/source ${JSON.stringify(Object.fromEntries([...byKind].sort()))}; ` +
        `engine calls: viewer ${viewerCalls.length}, local ${localCalls.length}, local changes ${JSON.stringify(Object.fromEntries(changesByVerb))}; graphql-ws client close rejections ignored: ${clientCloseRejections}`,
    );
    console.log(`fuzz: ${stats.summary()}`);

    expect(failures, failures.join('\n\n')).toEqual([]);
    // A viewer reads: nothing it sends may change anything on the engine.
    expect(viewerCalls.filter(changing).map(showCall)).toEqual([]);
    // Local mode changes only the fuzz's own containers: a reference to any other is an id prefix that is not one of ours.
    const foreign = localChanges.filter((call) => {
      const ref = /^\/containers\/([^/]+)/.exec(call.path)?.[1];
      if (ref === undefined || ref === 'create') return false;
      const bare = decodeURIComponent(ref).trim().replace(/^\/+/, '').toLowerCase();
      return /^[0-9a-f]+$/.test(bare) && !fixtureIds.local.some((id) => id.startsWith(bare));
    });
    expect(foreign.map(showCall)).toEqual([]);
    // And its mutations do reach the engine: the fuzz is not refused wholesale before it.
    if (!process.env.WHARF_FUZZ_REPLAY) expect(localChanges.length).toBeGreaterThan(0);
  });

  it('answers raw HTTP requests (bad JSON, odd content types, broken framing) under 500 and with a GraphQL body', async () => {
    const port = Number(new URL(floor('viewer').gateway.origin).port);
    const failures: string[] = [];
    for (const raw of rawRequests(port, viewer.token)) {
      const answer = await sendRaw(port, raw).catch((error: unknown) => error as Error);
      const shown = `${raw.name}: ${JSON.stringify(raw.request.toString().replaceAll(viewer.token, '<viewer token>').slice(0, 300))}`;
      if (answer instanceof Error) {
        failures.push(`[no answer] ${answer.message}\n  ${shown}`);
        continue;
      }
      // A body that never completes may be dropped without an answer; anything else needs one.
      if (!answer) {
        if (!raw.endEarly) failures.push(`[connection closed without a response]\n  ${shown}`);
        continue;
      }
      const problems: Problem[] = [];
      if (answer.status >= 500) problems.push({ kind: `HTTP ${answer.status}`, message: answer.body.slice(0, 300) });
      if (!raw.notGraphQL) checks.body(answer.body, { mode: 'viewer', text: () => raw.request.toString() }, problems, answer.status);
      for (const problem of problems) failures.push(`[${problem.kind}] ${problem.message}\n  ${shown}`);
    }
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('makes no engine call for a request it refuses, and no changing call for a viewer', { timeout: 60_000 }, async () => {
    const { proxy, gateway } = floor('refusal');
    const target = targetOf('viewer', gateway);
    let refused = 0;
    const failures = await runWorkers({
      name: 'refusal',
      arbitrary: cases(
        fc.oneof({ weight: 9, arbitrary: fc.constant<Transport>('post') }, { weight: 1, arbitrary: fc.constant<Transport>('get') }),
        0,
      ),
      predicate: async (c) => {
        proxy.reset();
        const { problems, body } = await client.send(c, target);
        if (problems.length) throw report(c, problems, []);
        const calls = [...proxy.calls];
        // No data and no error at a path: a request error, answered before execution, so the engine never hears of it.
        // (A subscription whose source stream fails has no data either, but its error has the field's path.)
        const result = body === undefined ? undefined : (JSON.parse(body) as { data?: unknown; errors?: Array<{ path?: unknown }> });
        const requestError = !!result && !('data' in result) && (result.errors ?? []).every((error) => error.path === undefined);
        if (requestError) refused++;
        const wrong = calls.filter((call) => requestError || changing(call));
        if (wrong.length)
          throw new Error(
            `${requestError ? 'refused, yet called the engine' : 'a viewer changed the engine'}: ${wrong.map(showCall).join(', ')}\n${describeCase(c)}\nanswer: ${body?.slice(0, 300)}`,
          );
      },
      workers: 1,
      runsPerWorker: REFUSAL_RUNS,
      seed: SEED + 2_000,
      timeLimitMs: 50_000,
    });
    console.log(`fuzz: ${refused} of ${REFUSAL_RUNS} cases were refused as requests`);
    expect(failures, failures.join('\n\n')).toEqual([]);
  });

  it('stays up, answers a plain query afterwards, and nothing crashed the process', async () => {
    for (const { gateway } of Object.values(floors)) {
      const health = await fetch(`${gateway.origin}/healthz`);
      expect(health.status).toBe(200);
      const res = await fetch(gateway.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
        body: JSON.stringify({ query: '{ engine { version } }' }),
      });
      const body = (await res.json()) as { data?: { engine?: { version?: string } } };
      expect(body.data?.engine?.version, JSON.stringify(body)).toBeTruthy();
    }
    expect(processErrors).toEqual([]);
  });
});
