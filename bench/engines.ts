// `npx tsx bench/engines.ts` (and the last table of `npm run bench`): containers(all: true) over three private engines against each engine's own list through Wharf, then with one engine black-holed.
import { mkdtempSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPrivateEngine, ensureTestImage, TEST_IMAGE, type PrivateEngine } from '../scripts/engine.js';
import { startBlackHole } from '../test/helpers/black-hole.js';
import { rawEngine } from '../test/helpers/engine-api.js';
import { interleave, type ComparisonOptions, type Contender } from './compare.js';
import { gatewayNodeEnv, startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { engineHttp, gatewayHttp, type EngineHttp, type GraphQLResponse } from './http.js';
import { processCpuMs } from './process-cpu.js';
import { quantile } from './stats.js';
import { Cleanup } from './cleanup.js';
import { table } from './table.js';
import { runBenchCommand } from './command.js';

export interface EngineBenchOptions extends ComparisonOptions {
  /** Containers on each engine (created, never started). */
  containers: number;
  /** Timed rounds of the black-holed listing, after one untimed. */
  holeRounds: number;
  /** The black-holed gateway's --engine-timeout. */
  callTimeoutMs: number;
  /** Where the gateways write `--cpu-prof` profiles; none when undefined. */
  cpuProfDir: string | undefined;
  /** Progress messages (stderr by default). */
  log?: (message: string) => void;
}

export const DEFAULT_ENGINE_BENCH_OPTIONS: EngineBenchOptions = {
  iterations: 300,
  warmup: 50,
  containers: 50,
  holeRounds: 20,
  callTimeoutMs: 1_000,
  cpuProfDir: undefined,
};

/** Targets (issue 12): the merged list against the slowest engine's own, and what a black hole adds past the call timeout. */
export const MERGED_MAX_RATIO = 1.2;
export const HOLE_MAX_EXCESS_MS = 100;

const ENGINE_NAMES = ['alpha', 'beta', 'gamma'] as const;
const HOLE_NAME = 'hole';
const BENCH_LABEL = 'wharf.bench.engines';
/** Creates in flight per engine; three dockerds on two cores gain nothing from more. */
const SETUP_CONCURRENCY = 4;

const listQuery = (engine?: string): string =>
  `{ containers(all: true${engine ? `, engine: "${engine}"` : ''}) { id name state engine { name } } }`;

interface ListData {
  containers: Array<{ id: string; name: string; state: string; engine: { name: string } }>;
}

export interface LatencyFigures {
  samples: number[];
  median: number;
  p90: number;
  max: number;
}

export interface EngineBenchResults {
  containersPerEngine: number;
  iterations: number;
  warmup: number;
  /** (a): the three engines in one operation. */
  merged: LatencyFigures;
  /** (b): `engine: NAME`, each through the same gateway, in config order. */
  single: Array<{ engine: string; figures: LatencyFigures }>;
  /** Reference: each engine's GET /containers/json?all=1 on its socket (no gateway), alone. */
  raw: Array<{ engine: string; figures: LatencyFigures }>;
  /** Reference: the same three GETs at once (Promise.all), timed to the last answer. */
  rawTogether: LatencyFigures;
  /** merged median / the slowest single-engine median. */
  ratio: number;
  /** The three-engine gateway's CPU per operation over the comparison (all four kinds alike), warm-up included; undefined without /proc. */
  gatewayCpuMsPerOp: number | undefined;
  /** Each dockerd's CPU per list it served over the comparison (its own process; containerd apart); undefined without /proc. */
  dockerdCpuMsPerList: Array<number | undefined>;
  cpus: number;
  /** 1-minute load average at the end of the comparison. */
  load: number;
  hole: {
    callTimeoutMs: number;
    rounds: number;
    figures: LatencyFigures;
    /** max over rounds - the call timeout. */
    excessMs: number;
    /** Connections the black hole took: each is an attempt the gateway gave up on. */
    accepted: number;
  };
  nodeEnv: string;
  totalSeconds: number;
  profileDir: string | undefined;
}

let activeCleanup: Cleanup | undefined;

/** Stops whatever a running benchmark has started (for a signal handler); a no-op when none runs. */
export function stopEngineBenchmarks(): Promise<void> {
  return activeCleanup?.run() ?? Promise.resolve();
}

export async function runEngineBenchmarks(opts: Partial<EngineBenchOptions> = {}): Promise<EngineBenchResults> {
  const options: EngineBenchOptions = { ...DEFAULT_ENGINE_BENCH_OPTIONS, ...opts };
  const log = options.log ?? ((message: string) => process.stderr.write(`engines: ${message}\n`));
  const started = performance.now();
  const cleanup = new Cleanup(log);
  activeCleanup = cleanup;
  const nodeArgs = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];

  const startGateway = async (label: string, engines: Array<{ name: string; dockerHost: string }>, callTimeoutMs?: number) => {
    const gateway = await startWharf(label, engines, callTimeoutMs, nodeArgs);
    cleanup.add(`stop the ${label}`, () => gateway.stop());
    log(`${label}: pid ${gateway.pid}, ${gateway.url}`);
    return gateway;
  };
  const openClient = (url: string) => {
    const client = gatewayHttp(url);
    cleanup.add(`close the client of ${url}`, () => client.close());
    return client;
  };

  try {
    log(`starting ${ENGINE_NAMES.length} private engines`);
    // allSettled: every engine that did start is registered for cleanup before a failure ends the run.
    const starts = await Promise.allSettled(
      ENGINE_NAMES.map(async (name) => {
        const engine = await startPrivateEngine();
        cleanup.add(`stop engine ${name}`, () => engine.stop());
        await ensureTestImage(engine.socketPath);
        log(`engine ${name}: dockerd pid ${engine.pid}, ${engine.dir}`);
        return { name, engine };
      }),
    );
    const engines = starts.map((start) => {
      if (start.status === 'rejected') throw start.reason;
      return start.value;
    });
    log(`creating ${options.containers} stopped containers on each`);
    await Promise.all(engines.map(({ engine }) => createStopped(engine, options.containers)));

    // (a) and (b): one gateway over the three engines, with the default call timeout.
    const named = engines.map(({ name, engine }) => ({ name, dockerHost: engine.dockerHost }));
    const gateway = await startGateway('three-engine gateway', named);
    const client = openClient(gateway.url);
    const expectList = (what: string, perEngine: Record<string, number>) => (res: GraphQLResponse<ListData>) => {
      if (res.errors?.length || !res.data) throw new Error(`${what}: the gateway answered errors: ${JSON.stringify(res.errors)}`);
      checkCounts(what, res.data, perEngine);
    };
    const all = Object.fromEntries(ENGINE_NAMES.map((name) => [name, options.containers]));
    log(`merged vs single-engine lists: ${options.warmup} warm-up + ${options.iterations} interleaved rounds`);
    const cpuBefore = processCpuMs(gateway.pid);
    const dockerdCpu = () => engines.map(({ engine }) => processCpuMs(engine.pid));
    const dockerdBefore = dockerdCpu();
    // The engines' own lists on their sockets, alone and all at once: what three dockerds answering together cost on this machine.
    const raws = await Promise.all(engines.map(({ engine }) => engineHttp(engine.socketPath)));
    for (const raw of raws) cleanup.add('close an engine client', () => raw.close());
    const rawList = (raw: EngineHttp) => raw.getJson<unknown[]>('/containers/json?all=1');
    const expectRaw = (n: number) => (lists: unknown[][]) => {
      for (const list of lists) if (list.length !== n) throw new Error(`raw list: ${list.length} containers, not ${n}`);
    };
    const samples = await interleave<unknown[]>(
      [
        contender(() => client.post<ListData>(listQuery()), expectList('merged list', all)),
        ...ENGINE_NAMES.map((name) =>
          contender(() => client.post<ListData>(listQuery(name)), expectList(`list of ${name}`, { [name]: options.containers })),
        ),
        ...raws.map((raw) => contender(async () => [await rawList(raw)], expectRaw(options.containers))),
        contender(() => Promise.all(raws.map(rawList)), expectRaw(options.containers)),
      ],
      options,
    );
    const cpuAfter = processCpuMs(gateway.pid);
    const dockerdAfter = dockerdCpu();
    // Each round, each engine serves four lists: the merged one, its own through Wharf, and two raw.
    const lists = (options.warmup + options.iterations) * 4;
    const dockerdCpuMsPerList = dockerdAfter.map((after, i) => {
      const before = dockerdBefore[i];
      return after === undefined || before === undefined ? undefined : (after - before) / lists;
    });
    const rounds = (options.warmup + options.iterations) * (1 + ENGINE_NAMES.length);
    const gatewayCpuMsPerOp = cpuBefore === undefined || cpuAfter === undefined ? undefined : (cpuAfter - cpuBefore) / rounds;
    // Stopped now, so it competes for no CPU with the second gateway (and, when profiled, writes its profile).
    await gateway.stop();

    // (c): two real engines and a black hole, with a short call timeout.
    const hole = await startBlackHole();
    cleanup.add('close the black hole', () => hole.close());
    const [first, second] = named;
    if (!first || !second) throw new Error('two engines are needed');
    const holeGateway = await startGateway(
      'black-holed gateway',
      [first, { name: HOLE_NAME, dockerHost: hole.dockerHost }, second],
      options.callTimeoutMs,
    );
    const holeClient = openClient(holeGateway.url);
    const expected = { [first.name]: options.containers, [second.name]: options.containers };
    const checkHoled = (res: GraphQLResponse<ListData>): void => {
      if (!res.data) throw new Error(`black-holed list: no data: ${JSON.stringify(res.errors)}`);
      checkCounts('black-holed list', res.data, expected);
      const errors = res.errors ?? [];
      const named = errors.filter((e) => e.extensions?.code === 'DOCKER_UNAVAILABLE' && e.extensions.engine === HOLE_NAME);
      if (errors.length !== 1 || named.length !== 1) {
        throw new Error(`black-holed list: expected one DOCKER_UNAVAILABLE error naming ${HOLE_NAME}, got ${JSON.stringify(errors)}`);
      }
    };
    log(`black-holed list: 1 untimed + ${options.holeRounds} rounds of about ${options.callTimeoutMs} ms`);
    checkHoled(await holeClient.post<ListData>(listQuery()));
    const holeSamples: number[] = [];
    for (let round = 0; round < options.holeRounds; round++) {
      const t0 = performance.now();
      const res = await holeClient.post<ListData>(listQuery());
      holeSamples.push(performance.now() - t0);
      checkHoled(res);
    }
    await holeGateway.stop();
    const holeFigures = figures(holeSamples);

    const n = ENGINE_NAMES.length;
    const merged = figures(samples[0] ?? []);
    const single = ENGINE_NAMES.map((engine, i) => ({ engine, figures: figures(samples[1 + i] ?? []) }));
    const raw = ENGINE_NAMES.map((engine, i) => ({ engine, figures: figures(samples[1 + n + i] ?? []) }));
    const rawTogether = figures(samples[1 + 2 * n] ?? []);
    const slowest = Math.max(...single.map((s) => s.figures.median));
    return {
      containersPerEngine: options.containers,
      iterations: options.iterations,
      warmup: options.warmup,
      merged,
      single,
      raw,
      rawTogether,
      ratio: merged.median / slowest,
      gatewayCpuMsPerOp,
      dockerdCpuMsPerList,
      cpus: cpus().length,
      load: loadavg()[0] ?? 0,
      hole: {
        callTimeoutMs: options.callTimeoutMs,
        rounds: options.holeRounds,
        figures: holeFigures,
        excessMs: holeFigures.max - options.callTimeoutMs,
        accepted: hole.accepted(),
      },
      nodeEnv: gatewayNodeEnv(),
      totalSeconds: (performance.now() - started) / 1000,
      profileDir: options.cpuProfDir,
    };
  } finally {
    log('cleaning up');
    await cleanup.run();
    activeCleanup = undefined;
  }
}

/** Wharf as bin/wharf.js runs it (the built dist/, with the Node flags of its first line), on a free port, over these engines. */
function startWharf(
  label: string,
  engines: Array<{ name: string; dockerHost: string }>,
  callTimeoutMs: number | undefined,
  nodeArgs: string[],
): Promise<GatewayProcess> {
  const [first] = engines;
  if (!first) throw new Error('at least one engine');
  const flags = [
    ...engines.flatMap(({ name, dockerHost }) => ['--engine', `${name}=${dockerHost}`]),
    ...(callTimeoutMs === undefined ? [] : ['--engine-timeout', String(callTimeoutMs)]),
  ];
  return startGatewayProcess({ dockerHost: first.dockerHost, label, nodeArgs, args: flags });
}

/** `count` containers of busybox `true`, created and never started, through the raw Engine API. */
async function createStopped(engine: PrivateEngine, count: number): Promise<void> {
  const raw = rawEngine(engine.socketPath);
  try {
    let next = 0;
    const worker = async (): Promise<void> => {
      for (let i = next++; i < count; i = next++) {
        await raw.json('POST', `/containers/create?name=wharf-engines-${String(i).padStart(2, '0')}`, {
          Image: TEST_IMAGE,
          Cmd: ['true'],
          Labels: { [BENCH_LABEL]: '1' },
          HostConfig: { NetworkMode: 'none' },
        });
      }
    };
    await Promise.all(Array.from({ length: Math.min(SETUP_CONCURRENCY, count) }, worker));
    const listed = await raw.json<unknown[]>('GET', '/containers/json?all=1');
    if (listed.length !== count) throw new Error(`${engine.dir}: ${listed.length} containers after creating ${count}`);
  } finally {
    await raw.close();
  }
}

/** Throws unless the list holds exactly these many containers of each engine, all of them stopped. */
function checkCounts(what: string, data: ListData, perEngine: Record<string, number>): void {
  const seen: Record<string, number> = {};
  for (const c of data.containers) {
    seen[c.engine.name] = (seen[c.engine.name] ?? 0) + 1;
    if (c.state !== 'CREATED') throw new Error(`${what}: ${c.engine.name}/${c.name} is ${c.state}, not created`);
  }
  const want = JSON.stringify(Object.entries(perEngine).sort());
  const got = JSON.stringify(Object.entries(seen).sort());
  if (want !== got) throw new Error(`${what}: containers per engine ${got}, not ${want}`);
}

/** One contender of an interleaved comparison, typed loosely so that contenders of several answer types share one list. */
function contender<T>(run: () => Promise<T>, check: (value: T) => void): Contender<unknown> {
  return { run, check: (value) => check(value as T) };
}

function figures(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, median: quantile(sorted, 0.5), p90: quantile(sorted, 0.9), max: sorted[sorted.length - 1] ?? Number.NaN };
}

// --- the report ---------------------------------------------------------------------------------

export function formatEngineResults(r: EngineBenchResults): string {
  const ms = (x: number) => x.toFixed(3);
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  const slowest = Math.max(...r.single.map((s) => s.figures.median));
  const h = r.hole;
  const out = [
    `Wharf over several engines: ${r.single.length} private engines of ${r.containersPerEngine} stopped containers each; ` +
      `gateway NODE_ENV=${r.nodeEnv}, its own process (bin/wharf.js --engine NAME=unix://...); ` +
      `${r.iterations} timed rounds after ${r.warmup} warm-up, interleaved`,
    '',
    `Latency, ms: ${listQuery()} over all engines vs the same with engine: NAME (one engine per query, same gateway)`,
    ...table(
      ['figure', 'median', 'p90', 'ratio', 'target', ''],
      [
        ...r.single.map((s) => [`engine: "${s.engine}"`, ms(s.figures.median), ms(s.figures.p90), '', '', '']),
        [
          `all ${r.single.length} engines (merged)`,
          ms(r.merged.median),
          ms(r.merged.p90),
          (r.merged.median / slowest).toFixed(2),
          `<= ${MERGED_MAX_RATIO.toFixed(2)}`,
          verdict(r.ratio <= MERGED_MAX_RATIO),
        ],
      ],
    ),
    `(ratio = merged median / the slowest single-engine median; gateway CPU per operation over the comparison: ` +
      `${r.gatewayCpuMsPerOp === undefined ? 'n/a' : `${ms(r.gatewayCpuMsPerOp)} ms`})`,
    '',
    "Reference points, ms (same rounds, no target): GET /containers/json?all=1 on each engine's socket (no gateway), alone and",
    `all ${r.raw.length} at once (to the last answer): what ${r.raw.length} dockerds answering together cost on this machine`,
    ...table(
      ['figure', 'median', 'p90', 'ratio', ''],
      [
        ...r.raw.map((s) => [`raw ${s.engine}`, ms(s.figures.median), ms(s.figures.p90), '', '']),
        [
          `raw, all ${r.raw.length} at once`,
          ms(r.rawTogether.median),
          ms(r.rawTogether.p90),
          (r.rawTogether.median / Math.max(...r.raw.map((s) => s.figures.median))).toFixed(2),
          '',
        ],
      ],
    ),
    '(ratio = all at once / the slowest alone)',
    `dockerd CPU per list: ${r.dockerdCpuMsPerList.map((x, i) => `${r.raw[i]?.engine} ${x === undefined ? 'n/a' : ms(x)}`).join(', ')} ms; ` +
      `Wharf's own time beyond the engines' (median Wharf - median raw): ` +
      `merged ${ms(r.merged.median - r.rawTogether.median)}, single ${r.single
        .map((s, i) => ms(s.figures.median - (r.raw[i]?.figures.median ?? Number.NaN)))
        .join(' / ')}; ${r.cpus} CPUs, 1-minute load average ${r.load.toFixed(1)} after the comparison`,
    '',
    `One engine black-holed (a socket that accepts and never answers), --engine-timeout ${h.callTimeoutMs}: the same listing, ` +
      `${h.rounds} rounds, each checked for both real engines' containers and one DOCKER_UNAVAILABLE error naming "${HOLE_NAME}"`,
    ...table(
      ['figure', 'median', 'p90', 'max', 'max - timeout', 'target', ''],
      [
        [
          `all 3 engines, "${HOLE_NAME}" black-holed`,
          ms(h.figures.median),
          ms(h.figures.p90),
          ms(h.figures.max),
          ms(h.excessMs),
          `<= ${HOLE_MAX_EXCESS_MS}`,
          verdict(h.excessMs <= HOLE_MAX_EXCESS_MS),
        ],
      ],
    ),
    `(the black hole took ${h.accepted} connections)`,
    '',
    `Total ${r.totalSeconds.toFixed(0)} s.`,
  ];
  if (r.profileDir)
    out.push(`CPU profiles of the gateways: ${r.profileDir}; summarise them: npx tsx bench/profile-summary.ts ${r.profileDir}`);
  return out.join('\n');
}

// --- the command --------------------------------------------------------------------------------

const USAGE = `Usage: npx tsx bench/engines.ts [options]

  --iterations N      timed interleaved rounds of the merged and single-engine lists (default ${DEFAULT_ENGINE_BENCH_OPTIONS.iterations})
  --warmup N          untimed rounds first (default ${DEFAULT_ENGINE_BENCH_OPTIONS.warmup})
  --containers N      stopped containers on each engine (default ${DEFAULT_ENGINE_BENCH_OPTIONS.containers})
  --hole-rounds N     timed rounds with one engine black-holed (default ${DEFAULT_ENGINE_BENCH_OPTIONS.holeRounds})
  --engine-timeout MS the black-holed gateway's call timeout (default ${DEFAULT_ENGINE_BENCH_OPTIONS.callTimeoutMs})
  --cpu-prof          profile the gateways (node --cpu-prof); profiles go to --cpu-prof-dir DIR or a new /tmp directory`;

function readOptions(argv: string[]): EngineBenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      iterations: { type: 'string' },
      warmup: { type: 'string' },
      containers: { type: 'string' },
      'hole-rounds': { type: 'string' },
      'engine-timeout': { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'cpu-prof-dir': { type: 'string' },
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
  const d = DEFAULT_ENGINE_BENCH_OPTIONS;
  return {
    iterations: count('iterations', values.iterations, d.iterations, 1),
    warmup: count('warmup', values.warmup, d.warmup, 0),
    containers: count('containers', values.containers, d.containers, 1),
    holeRounds: count('hole-rounds', values['hole-rounds'], d.holeRounds, 1),
    callTimeoutMs: count('engine-timeout', values['engine-timeout'], d.callTimeoutMs, 100),
    cpuProfDir:
      values['cpu-prof'] || values['cpu-prof-dir'] ? (values['cpu-prof-dir'] ?? mkdtempSync('/tmp/wharf-engines-prof.')) : undefined,
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runBenchCommand({
    name: 'engines',
    usage: USAGE,
    readOptions,
    run: runEngineBenchmarks,
    format: formatEngineResults,
    stop: stopEngineBenchmarks,
  });
}
