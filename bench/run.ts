// `npm run bench`: one private engine with 50 containers; gateway-vs-engine latency ratios and upstream call counts, in one table.
import { formatImagePull, runImagePullBenchmark } from './image-pull.js';
import { existsSync, mkdtempSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { formatStreamResults, runStreamBenchmarks } from './streams.js';
import { formatEngineResults, runEngineBenchmarks, stopEngineBenchmarks } from './engines.js';
import { formatTerminalResult, runTerminalBenchmark } from './terminal.js';
import { startCountingProxy, type CountingProxy } from '../test/helpers/counting-proxy.js';
import { interleave, type ComparisonOptions, type Contender } from './compare.js';
import { createFixture, type Fixture } from './fixture.js';
import { gatewayNodeEnv, startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { engineHttp, gatewayHttp, type EngineHttp, type GatewayHttp, type GraphQLResponse } from './http.js';
import { MESH_LIST_QUERY, meshInspectQuery, type MeshInspectData, type MeshListData } from './mesh-queries.js';
import { processCpuMs } from './process-cpu.js';
import { summarize, type Summary } from './stats.js';
import { table } from './table.js';
import { THROUGHPUT, throughput } from './throughput.js';
import { aliasesQuery, inspectQuery, LIST_QUERY, NESTED_QUERY, type InspectData, type ListData } from './wharf-queries.js';

// A development copy of the engine's OpenAPI description, beside the checkout; the Mesh contender is generated from it.
const DEFAULT_OPENAPI = join(fileURLToPath(new URL('..', import.meta.url)), '..', 'shared', 'reference', 'docker-engine-api-v1.41.yaml');

const USAGE = `Usage: npm run bench -- [options]

  --iterations N      timed rounds per comparison (default 300)
  --warmup N          untimed rounds first (default 50)
  --containers N      containers in the engine (default 50)
  --cpu-prof          profile the timing gateway (node --cpu-prof); summarise with bench/profile-summary.ts
  --cpu-prof-dir DIR  where to write the profile (default: a new /tmp/wharf-bench-prof.* directory)
  --openapi FILE      the engine's OpenAPI description GraphQL Mesh is built from (default: ${DEFAULT_OPENAPI});
                      when it is missing, the Mesh column is skipped

The gateway runs with the caller's NODE_ENV, or production when unset.`;

const LIST_TARGET = 1.15;
const INSPECT_TARGET = 1.2;
const CONCURRENT_QUERIES = 50;
const CONCURRENT_ROUNDS = 5;
const CONCURRENT_MAX_LIST_CALLS = 5;
const INSPECT_PATH = /^\/containers\/[^/]+\/json$/;
// The cost table: Wharf against the floor (a hand-written proxy), beside the raw engine, graphql-js alone and GraphQL Mesh.
const COST_LIST_TARGET = 1.15;
const COST_INSPECT_TARGET = 1.3;
const COST_INSPECT_THROUGHPUT_TARGET = 0.8;
const COST_LIST_THROUGHPUT_TARGET = 1.5;
/** How long each gateway runs each operation under load before anything is measured. */
const STEADY_STATE_MS = 3_000;

interface Options extends ComparisonOptions {
  containers: number;
  cpuProfDir: string | undefined;
  openapi: string;
}

/** One figure of the cost table: a value per contender (undefined when Mesh was skipped); higher or lower is better. */
interface CostRow {
  name: string;
  raw: number;
  floor: number;
  /** graphql-js's own execute behind node:http (bench/graphql-floor.ts): what GraphQL itself costs on top of the floor. */
  graphql: number;
  mesh: number | undefined;
  wharf: number;
  /** Wharf / floor must stay at most (`max`) or at least (`min`) this. */
  target: { max: number } | { min: number };
  digits: number;
}

interface LatencyRow {
  name: string;
  gateway: Summary;
  engine: Summary;
  /** The gateway process's CPU time per operation, warm-up included; undefined without /proc. */
  gatewayCpuMs: number | undefined;
  target: number;
}

interface ReferenceRow {
  name: string;
  ms: Summary;
  /** The engine figure this one is compared with, if any. */
  ratioTo?: Summary | undefined;
}

interface CountRow {
  name: string;
  measured: string;
  expected: string;
  pass: boolean;
}

// --- wire shapes the checks read ---------------------------------------------------------------

interface EngineSummary {
  Id: string;
}
interface EngineInspect {
  Id: string;
  State: { Status: string };
}

// --- cleanup, in reverse order of setup, whatever happened -------------------------------------

const cleanups: Array<{ what: string; run: () => Promise<void> }> = [];
let cleaning: Promise<boolean> | undefined;
let interrupted = false;

function onCleanup(what: string, run: () => Promise<void>): void {
  cleanups.push({ what, run });
}

function cleanup(): Promise<boolean> {
  cleaning ??= (async () => {
    let ok = true;
    for (const step of cleanups.splice(0).reverse()) {
      try {
        await step.run();
      } catch (error) {
        ok = false;
        process.stderr.write(`bench: cleanup failed (${step.what}): ${describe(error)}\n`);
      }
    }
    return ok;
  })();
  return cleaning;
}

async function startGateway(options: Parameters<typeof startGatewayProcess>[0]): Promise<GatewayProcess> {
  const gateway = await startGatewayProcess(options);
  onCleanup(`stop the ${options.label}`, () => gateway.stop());
  log(`${options.label}: pid ${gateway.pid}, ${gateway.url}`);
  return gateway;
}

function openGatewayClient(url: string, connections?: number): GatewayHttp {
  const client = gatewayHttp(url, connections);
  onCleanup(`close the client of ${url}`, () => client.close());
  return client;
}

// --- the run -----------------------------------------------------------------------------------

async function main(options: Options): Promise<void> {
  const started = performance.now();
  const loadBefore = loadavg()[0] ?? 0;
  log('starting a private engine');
  const engine = await startPrivateEngine();
  onCleanup('stop the engine', () => engine.stop());
  log(`engine: dockerd pid ${engine.pid}, ${engine.dir}`);

  log(`creating ${options.containers} containers`);
  const fixture = await createFixture(engine.socketPath, options.containers);
  onCleanup('remove the containers', () => fixture.remove());

  const raw = await engineHttp(engine.socketPath);
  onCleanup('close the engine client', () => raw.close());

  const { latency, reference, cost } = await measureLatency(engine, raw, fixture, options);

  // Call counts: a gateway of its own behind a counting proxy, so that counting never disturbs the timing above.
  log('call counts: a second gateway behind a counting proxy');
  const proxy = await startCountingProxy(engine.socketPath);
  onCleanup('close the counting proxy', () => proxy.close());
  const countingGateway = await startGateway({ dockerHost: proxy.dockerHost, label: 'counting gateway' });
  const counts = await countCalls(openGatewayClient(countingGateway.url, CONCURRENT_QUERIES), proxy, fixture.ids, options.containers);

  const machine = { cpus: cpus().length, loadBefore, loadAfter: loadavg()[0] ?? 0 };
  printReport(
    options,
    { running: fixture.running, created: fixture.created, apiVersion: raw.apiVersion },
    machine,
    latency,
    reference,
    counts,
    cost,
  );

  // The live half, on the same engine.
  log('live streams: 1M-line replay, per-line rate, fan-out');
  process.stdout.write(`\n${formatStreamResults(await runStreamBenchmarks({ engine }))}\n`);

  // Several engines: three engines of their own (and a black hole), apart from the one above.
  log('several engines: merged list vs each engine alone, then one engine black-holed');
  onCleanup('stop the engines benchmark', stopEngineBenchmarks);
  const engines = await runEngineBenchmarks({ iterations: options.iterations, warmup: options.warmup, cpuProfDir: options.cpuProfDir });
  process.stdout.write(`\n${formatEngineResults(engines)}\n`);

  log('terminal: keystroke round trip, raw exec vs the gateway');
  process.stdout.write(`\n${formatTerminalResult(await runTerminalBenchmark({ engine }))}\n`);

  log('image pull: 50 MiB from a loopback registry, pullImage against the engine API');
  process.stdout.write(`\n${formatImagePull(await runImagePullBenchmark(engine))}\n`);
  log(`done in ${((performance.now() - started) / 1000).toFixed(1)} s (cleanup follows)`);
  if (options.cpuProfDir)
    log(`gateway CPU profile in ${options.cpuProfDir}; summarise it: npx tsx bench/profile-summary.ts ${options.cpuProfDir}`);
}

async function measureLatency(
  engine: PrivateEngine,
  raw: EngineHttp,
  fixture: Fixture,
  options: Options,
): Promise<{ latency: LatencyRow[]; reference: ReferenceRow[]; cost: Cost }> {
  const profDir = options.cpuProfDir;
  const gateway = await startGateway({
    dockerHost: engine.dockerHost,
    label: 'gateway',
    nodeArgs: profDir ? ['--cpu-prof', '--cpu-prof-dir', profDir] : [],
  });
  const client = openGatewayClient(gateway.url);
  // The floor: what a hand-written proxy in its own process pays for the same answers.
  const minimal = await startGateway({ dockerHost: engine.dockerHost, label: 'minimal proxy', entry: ['bench/minimal-proxy.ts'] });
  const floor = openGatewayClient(minimal.url);
  // GraphQL itself: graphql-js with nothing else, on the same engine calls.
  const graphqlServer = await startGateway({ dockerHost: engine.dockerHost, label: 'graphql-js floor', entry: ['bench/graphql-floor.ts'] });
  const graphql = openGatewayClient(graphqlServer.url);
  // GraphQL Mesh generated from the engine's OpenAPI description, if that description is here.
  const meshServer = existsSync(options.openapi)
    ? await startGateway({ dockerHost: engine.dockerHost, label: 'mesh gateway', entry: ['bench/mesh-gateway.ts', options.openapi] })
    : undefined;
  if (!meshServer) log(`Mesh column skipped: no OpenAPI description at ${options.openapi}`);
  const mesh = meshServer && openGatewayClient(meshServer.url);
  const expected = options.containers;
  const target = fixture.ids[0];
  if (!target) throw new Error('no container to inspect');

  const listOf = (who: string) => (res: GraphQLResponse<ListData>) => {
    const n = noErrors(res, `list (${who})`).containers.length;
    if (n !== expected) throw new Error(`list: the ${who} answered ${n} containers, not ${expected}`);
  };
  const inspectOf = (who: string) => (res: GraphQLResponse<InspectData>) => {
    if (!noErrors(res, `inspect (${who})`).container?.inspect.state.status) throw new Error(`inspect: the ${who} answered no state`);
  };
  const inspectOp = inspectQuery(target);
  const meshListOf = (res: GraphQLResponse<MeshListData>) => {
    const n = noErrors(res, 'list (Mesh)').ContainerList?.length;
    if (n !== expected) throw new Error(`list: Mesh answered ${n} containers, not ${expected}`);
  };
  const meshInspectOf = (res: GraphQLResponse<MeshInspectData>) => {
    if (!noErrors(res, 'inspect (Mesh)').ContainerInspect?.State?.Status) throw new Error('inspect: Mesh answered no state');
  };
  const meshInspectOp = meshInspectQuery(target);

  // Many clients at once, on connection pools of their own: for the warm-up below and the throughput figures.
  const ids = fixture.ids;
  const pick = (i: number): string => ids[i % ids.length] ?? target;
  const many = {
    raw: await engineHttp(engine.socketPath, THROUGHPUT.clients),
    floor: openGatewayClient(minimal.url, THROUGHPUT.clients),
    graphql: openGatewayClient(graphqlServer.url, THROUGHPUT.clients),
    mesh: meshServer && openGatewayClient(meshServer.url, THROUGHPUT.clients),
    wharf: openGatewayClient(gateway.url, THROUGHPUT.clients),
  };
  const manyRaw = many.raw;
  onCleanup('close the concurrent engine client', () => manyRaw.close());
  const manyMesh = many.mesh;

  // Every figure is of a gateway in its steady state, as a server spends its life: each contender first
  // runs both operations under load, so that V8 has compiled its hot code. Measured cold, 50 requests
  // in, Wharf spent twice the CPU per inspect it spends once warm (V8 was still optimizing it).
  log(`warm-up: each gateway under ${THROUGHPUT.clients} clients for ${(2 * STEADY_STATE_MS) / 1000} s`);
  const warmUps: Array<[inspect: (i: number) => Promise<unknown>, list: () => Promise<unknown>]> = [
    [(i) => many.wharf.post(inspectQuery(pick(i))), () => many.wharf.post(LIST_QUERY)],
    [(i) => many.floor.getJson(`/inspect/${pick(i)}`), () => many.floor.getJson('/list')],
    [(i) => many.graphql.post(inspectQuery(pick(i))), () => many.graphql.post(LIST_QUERY)],
  ];
  if (manyMesh) warmUps.push([(i) => manyMesh.post(meshInspectQuery(pick(i))), () => manyMesh.post(MESH_LIST_QUERY)]);
  for (const ops of warmUps) {
    for (const op of ops) {
      await throughput(async (i) => void (await op(i)), { clients: THROUGHPUT.clients, ms: STEADY_STATE_MS, warmupMs: 0 });
    }
  }

  /** Runs one interleaved comparison and measures the gateway's CPU over it. */
  const compare = async <T extends unknown[]>(what: string, contenders: { [K in keyof T]: Contender<T[K]> }) => {
    log(`${what}: ${options.warmup} warm-up + ${options.iterations} interleaved rounds`);
    const cpuBefore = processCpuMs(gateway.pid);
    const samples = await interleave<T>(contenders, options);
    const cpuAfter = processCpuMs(gateway.pid);
    const perOp =
      cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / (options.warmup + options.iterations);
    return { samples, perOp };
  };

  // Wharf and graphql-js answer the same documents; the same data, or the two would not be doing the same work. The
  // list's status text counts seconds ("Up 28 seconds"), so a second may tick between the two answers: asked again then.
  for (const query of [LIST_QUERY, inspectOp]) {
    for (let attempt = 1; ; attempt++) {
      const [ours, theirs] = await Promise.all([client.post(query), graphql.post(query)]);
      if (isDeepStrictEqual(noErrors(ours, 'Wharf'), noErrors(theirs, 'graphql-js'))) break;
      if (attempt === 3) {
        const excerpt = (res: unknown) => JSON.stringify(res).slice(0, 400);
        throw new Error(`Wharf and graphql-js answered ${query} with different data:\n${excerpt(ours)}\n${excerpt(theirs)}`);
      }
    }
  }

  type ListSamples = [
    GraphQLResponse<ListData>,
    EngineSummary[],
    GraphQLResponse<ListData>,
    GraphQLResponse<ListData>,
    ...GraphQLResponse<MeshListData>[],
  ];
  const list = await compare<ListSamples>('list', [
    { run: () => client.post<ListData>(LIST_QUERY), check: listOf('gateway') },
    {
      run: () => raw.getJson<EngineSummary[]>('/containers/json?all=1'),
      check: (body) => {
        if (body.length !== expected) throw new Error(`list: the engine answered ${body.length} containers, not ${expected}`);
      },
    },
    { run: () => floor.getJson<GraphQLResponse<ListData>>('/list'), check: listOf('minimal proxy') },
    { run: () => graphql.post<ListData>(LIST_QUERY), check: listOf('graphql-js floor') },
    ...(mesh ? [{ run: () => mesh.post<MeshListData>(MESH_LIST_QUERY), check: meshListOf }] : []),
  ]);

  type InspectSamples = [
    GraphQLResponse<InspectData>,
    EngineInspect,
    GraphQLResponse<InspectData>,
    GraphQLResponse<InspectData>,
    ...GraphQLResponse<MeshInspectData>[],
  ];
  const inspect = await compare<InspectSamples>('inspect', [
    { run: () => client.post<InspectData>(inspectOp), check: inspectOf('gateway') },
    {
      run: () => raw.getJson<EngineInspect>(`/containers/${target}/json`),
      check: (body) => {
        if (body.Id !== target) throw new Error(`inspect: the engine answered ${body.Id}`);
      },
    },
    { run: () => floor.getJson<GraphQLResponse<InspectData>>(`/inspect/${target}`), check: inspectOf('minimal proxy') },
    { run: () => graphql.post<InspectData>(inspectOp), check: inspectOf('graphql-js floor') },
    ...(mesh ? [{ run: () => mesh.post<MeshInspectData>(meshInspectOp), check: meshInspectOf }] : []),
  ]);

  // What any answer costs before the schema or the engine do any work.
  const bare = await compare<[{ status: string }, GraphQLResponse<{ __typename: string }>, string]>('reference points', [
    {
      run: () => client.getJson<{ status: string }>('/healthz'),
      check: (body) => {
        if (body.status !== 'ok') throw new Error(`/healthz answered ${JSON.stringify(body)}`);
      },
    },
    { run: () => client.post<{ __typename: string }>('{ __typename }'), check: (res) => void noErrors(res, '__typename') },
    {
      run: () => raw.ping(),
      check: (text) => {
        if (text !== 'OK') throw new Error(`/_ping answered ${text}`);
      },
    },
  ]);

  // Throughput: many clients at once, each contender alone in turn, on the connection pools opened above.
  const inspectThroughput = {
    raw: await measureThroughput('inspect, raw', async (i) => {
      const id = pick(i);
      const body = await manyRaw.getJson<EngineInspect>(`/containers/${id}/json`);
      if (body.Id !== id) throw new Error(`inspect: the engine answered ${body.Id}`);
    }),
    floor: await measureThroughput('inspect, floor', async (i) =>
      inspectOf('minimal proxy')(await many.floor.getJson<GraphQLResponse<InspectData>>(`/inspect/${pick(i)}`)),
    ),
    graphql: await measureThroughput('inspect, graphql-js', async (i) =>
      inspectOf('graphql-js floor')(await many.graphql.post<InspectData>(inspectQuery(pick(i)))),
    ),
    mesh:
      manyMesh &&
      (await measureThroughput('inspect, Mesh', async (i) =>
        meshInspectOf(await manyMesh.post<MeshInspectData>(meshInspectQuery(pick(i)))),
      )),
    wharf: await measureThroughput('inspect, Wharf', async (i) =>
      inspectOf('gateway')(await many.wharf.post<InspectData>(inspectQuery(pick(i)))),
    ),
  };
  const listThroughput = {
    raw: await measureThroughput('list, raw', async () => {
      const body = await manyRaw.getJson<EngineSummary[]>('/containers/json?all=1');
      if (body.length !== expected) throw new Error(`list: the engine answered ${body.length} containers, not ${expected}`);
    }),
    floor: await measureThroughput('list, floor', async () =>
      listOf('minimal proxy')(await many.floor.getJson<GraphQLResponse<ListData>>('/list')),
    ),
    graphql: await measureThroughput('list, graphql-js', async () =>
      listOf('graphql-js floor')(await many.graphql.post<ListData>(LIST_QUERY)),
    ),
    mesh: manyMesh && (await measureThroughput('list, Mesh', async () => meshListOf(await manyMesh.post<MeshListData>(MESH_LIST_QUERY)))),
    wharf: await measureThroughput('list, Wharf', async () => listOf('gateway')(await many.wharf.post<ListData>(LIST_QUERY))),
  };

  // Stopped now, so they compete for no CPU later and, when profiled, the gateway writes its profile.
  await gateway.stop();
  await minimal.stop();
  await graphqlServer.stop();
  await meshServer?.stop();

  const [gatewayList = [], engineList = [], floorList = [], graphqlList = [], meshList] = list.samples;
  const [gatewayInspect = [], engineInspect = [], floorInspect = [], graphqlInspect = [], meshInspect] = inspect.samples;
  const [healthz = [], typename = [], ping = []] = bare.samples;
  const latency: LatencyRow[] = [
    {
      name: `list (${expected} containers)`,
      gateway: summarize(gatewayList),
      engine: summarize(engineList),
      gatewayCpuMs: list.perOp,
      target: LIST_TARGET,
    },
    {
      name: 'inspect (one container)',
      gateway: summarize(gatewayInspect),
      engine: summarize(engineInspect),
      gatewayCpuMs: inspect.perOp,
      target: INSPECT_TARGET,
    },
  ];
  const reference: ReferenceRow[] = [
    { name: 'minimal proxy: list', ms: summarize(floorList), ratioTo: latency[0]?.engine },
    { name: 'minimal proxy: inspect', ms: summarize(floorInspect), ratioTo: latency[1]?.engine },
    { name: 'gateway GET /healthz (HTTP only)', ms: summarize(healthz) },
    { name: 'gateway { __typename } (Yoga, no engine)', ms: summarize(typename) },
    { name: 'engine GET /_ping (raw)', ms: summarize(ping) },
  ];
  const median = (samples: number[]) => summarize(samples).median;
  const cost: Cost = {
    openapi: meshServer ? undefined : options.openapi,
    rows: [
      {
        name: 'list, sequential, ms (median)',
        raw: median(engineList),
        floor: median(floorList),
        graphql: median(graphqlList),
        mesh: meshList && median(meshList),
        wharf: median(gatewayList),
        target: { max: COST_LIST_TARGET },
        digits: 3,
      },
      {
        name: 'inspect, sequential, ms (median)',
        raw: median(engineInspect),
        floor: median(floorInspect),
        graphql: median(graphqlInspect),
        mesh: meshInspect && median(meshInspect),
        wharf: median(gatewayInspect),
        target: { max: COST_INSPECT_TARGET },
        digits: 3,
      },
      { name: 'inspect, throughput, ops/s', ...inspectThroughput, target: { min: COST_INSPECT_THROUGHPUT_TARGET }, digits: 0 },
      { name: 'list, throughput, ops/s', ...listThroughput, target: { min: COST_LIST_THROUGHPUT_TARGET }, digits: 0 },
    ],
  };
  return { latency, reference, cost };
}

interface Cost {
  rows: CostRow[];
  /** Where the OpenAPI description was looked for, when it was missing and Mesh skipped. */
  openapi: string | undefined;
}

/** Operations per second with THROUGHPUT's clients (bench/throughput.ts), logged. */
function measureThroughput(what: string, op: (i: number) => Promise<void>): Promise<number> {
  log(`throughput: ${what}, ${THROUGHPUT.clients} clients for ${THROUGHPUT.ms / 1000} s`);
  return throughput(op);
}

async function countCalls(client: GatewayHttp, proxy: CountingProxy, ids: readonly string[], expected: number): Promise<CountRow[]> {
  // Negotiates the gateway's API version and opens every keep-alive connection before anything is counted.
  noErrors(await client.post<ListData>(LIST_QUERY), 'warm-up');
  await Promise.all(Array.from({ length: CONCURRENT_QUERIES }, () => client.post<{ __typename: string }>('{ __typename }')));
  const lists = () => proxy.count('GET', '/containers/json');
  const inspects = () => proxy.count('GET', INSPECT_PATH);
  const rows: CountRow[] = [];

  proxy.reset();
  const nested = noErrors(await client.post<{ containers: Array<{ inspect: { state: { status: string } } }> }>(NESTED_QUERY), 'nested');
  if (nested.containers.length !== expected) throw new Error(`nested: ${nested.containers.length} containers, not ${expected}`);
  rows.push({
    name: `nested inspect over ${expected} containers`,
    measured: `${lists()} list + ${inspects()} inspect${otherCalls(proxy, lists() + inspects())}`,
    expected: `1 list + ${expected} inspect`,
    pass: lists() === 1 && inspects() === expected && proxy.calls.length === 1 + expected,
  });

  const id = ids[1] ?? ids[0];
  if (!id) throw new Error('no container for the alias query');
  proxy.reset();
  noErrors(await client.post<InspectData>(aliasesQuery(id)), 'aliases');
  rows.push({
    name: 'three aliases of one container',
    measured: `${inspects()} inspect${otherCalls(proxy, inspects())}`,
    expected: '1 inspect',
    pass: inspects() === 1 && proxy.calls.length === 1,
  });

  const perRound: number[] = [];
  for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
    proxy.reset();
    const answers = await Promise.all(Array.from({ length: CONCURRENT_QUERIES }, () => client.post<ListData>(LIST_QUERY)));
    for (const answer of answers) noErrors(answer, 'concurrent list');
    perRound.push(lists());
  }
  const worst = Math.max(...perRound);
  rows.push({
    name: `${CONCURRENT_QUERIES} concurrent identical lists (${CONCURRENT_ROUNDS} rounds)`,
    measured: `${worst} list (rounds: ${perRound.join(', ')})`,
    expected: `<= ${CONCURRENT_MAX_LIST_CALLS} list`,
    pass: worst <= CONCURRENT_MAX_LIST_CALLS,
  });
  return rows;
}

function otherCalls(proxy: CountingProxy, known: number): string {
  const others = proxy.calls.length - known;
  return others > 0 ? ` + ${others} other (${[...new Set(proxy.calls.map((c) => `${c.method} ${c.path}`))].join(', ')})` : '';
}

function noErrors<T>(res: GraphQLResponse<T>, what: string): T {
  if (res.errors?.length || !res.data) throw new Error(`${what}: the gateway answered errors: ${JSON.stringify(res.errors)}`);
  return res.data;
}

// --- the report --------------------------------------------------------------------------------

function printReport(
  options: Options,
  engine: { running: number; created: number; apiVersion: string },
  machine: { cpus: number; loadBefore: number; loadAfter: number },
  latency: LatencyRow[],
  reference: ReferenceRow[],
  counts: CountRow[],
  cost: Cost,
): void {
  const ms = (x: number) => x.toFixed(3);
  const out: string[] = [
    '',
    `Wharf benchmarks: ${options.containers} containers (${engine.running} running, ${engine.created} created), ` +
      `engine API ${engine.apiVersion}; gateway NODE_ENV=${gatewayNodeEnv()}; ` +
      `${options.iterations} timed rounds after ${options.warmup} warm-up, interleaved`,
    `${machine.cpus} CPUs, 1-minute load average ${machine.loadBefore.toFixed(1)} before and ${machine.loadAfter.toFixed(1)} after ` +
      '(load generator, gateway, dockerd and anything else running all share them)',
    '',
    'Latency, ms: gateway (GraphQL over HTTP, own process) vs engine (raw GET on its socket, JSON parsed); ratio = median / median',
    ...table(
      ['figure', 'gateway median', 'gateway p95', 'engine median', 'engine p95', 'gateway CPU/op', 'ratio', 'target', ''],
      latency.map((row) => {
        const ratio = row.gateway.median / row.engine.median;
        return [
          row.name,
          ms(row.gateway.median),
          ms(row.gateway.p95),
          ms(row.engine.median),
          ms(row.engine.p95),
          row.gatewayCpuMs === undefined ? 'n/a' : ms(row.gatewayCpuMs),
          ratio.toFixed(2),
          `<= ${row.target.toFixed(2)}`,
          ratio <= row.target ? 'PASS' : 'FAIL',
        ];
      }),
    ),
    '',
    'Reference points, ms (same run, no target): a hand-written proxy in its own process (bench/minimal-proxy.ts), the floor',
    'for any out-of-process gateway here; and what an answer costs before the schema or the engine do any work',
    ...table(
      ['figure', 'median', 'p95', 'ratio to engine', ''],
      reference.map((row) => [
        row.name,
        ms(row.ms.median),
        ms(row.ms.p95),
        row.ratioTo ? (row.ms.median / row.ratioTo.median).toFixed(2) : '',
        '',
      ]),
    ),
    '',
    'Upstream engine calls per operation, through a counting proxy (separate gateway process)',
    ...table(
      ['figure', 'measured', 'expected', ''],
      counts.map((row) => [row.name, row.measured, row.expected, row.pass ? 'PASS' : 'FAIL']),
    ),
    '',
    'Per-operation cost: Wharf vs the floor (bench/minimal-proxy.ts), beside the raw engine (undici on its socket), graphql-js',
    "alone (bench/graphql-floor.ts: its execute behind node:http, nothing else) and GraphQL Mesh (generated from the engine's",
    'OpenAPI description, served by graphql-yoga in its own process); sequential = the medians above;',
    `throughput = ${THROUGHPUT.clients} concurrent clients for ${THROUGHPUT.ms / 1000} s per contender, one contender at a time ` +
      `(inspect spread over the ${options.containers} containers)`,
    ...(cost.openapi ? [`Mesh column skipped: no OpenAPI description at ${cost.openapi}`] : []),
    ...table(
      ['figure', 'raw', 'floor', 'graphql-js', 'Mesh', 'Wharf', 'graphql-js / floor', 'Wharf / floor', 'target', ''],
      cost.rows.map((row) => {
        const ratio = row.wharf / row.floor;
        const pass = 'max' in row.target ? ratio <= row.target.max : ratio >= row.target.min;
        const figure = (x: number | undefined) => (x === undefined ? 'skipped' : x.toFixed(row.digits));
        return [
          row.name,
          figure(row.raw),
          figure(row.floor),
          figure(row.graphql),
          figure(row.mesh),
          figure(row.wharf),
          (row.graphql / row.floor).toFixed(2),
          ratio.toFixed(2),
          'max' in row.target ? `<= ${row.target.max.toFixed(2)}` : `>= ${row.target.min.toFixed(2)}`,
          pass ? 'PASS' : 'FAIL',
        ];
      }),
    ),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

// --- entry -------------------------------------------------------------------------------------

function readOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      containers: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'cpu-prof-dir': { type: 'string' },
      openapi: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  const count = (name: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, not "${text}"`);
    return n;
  };
  const cpuProfDir = values['cpu-prof-dir'] ?? (values['cpu-prof'] ? mkdtempSync('/tmp/wharf-bench-prof.') : undefined);
  return {
    iterations: count('iterations', values.iterations, 300, 1),
    warmup: count('warmup', values.warmup, 50, 0),
    containers: count('containers', values.containers, 50, 2),
    cpuProfDir,
    openapi: values.openapi ?? DEFAULT_OPENAPI,
  };
}

function log(message: string): void {
  process.stderr.write(`bench: ${message}\n`);
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

async function entry(): Promise<number> {
  let options: Options | 'help';
  try {
    options = readOptions(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      interrupted = true;
      log(`${signal}: cleaning up`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  let code = 0;
  try {
    await main(options);
  } catch (error) {
    // After a signal the run fails only because cleanup pulled its clients away: not worth a stack trace.
    if (!interrupted) process.stderr.write(`bench: failed: ${describe(error)}\n`);
    code = 1;
  }
  // Figures are not verdicts: only a crash, or a mess left behind, makes the exit code non-zero.
  if (!(await cleanup())) code = code || 1;
  return code;
}

void entry().then((code) => process.exit(code));
