// `npm run bench:ab -- --base REV`: this checkout's Wharf against another revision's, alternated in one sitting on one
// engine, so that a change's effect on per-operation cost is told apart from the machine's drift.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPrivateEngine } from '../scripts/engine.js';
import { Cleanup } from './cleanup.js';
import { runBenchCommand } from './command.js';
import { interleave } from './compare.js';
import { createFixture, type Fixture } from './fixture.js';
import { startGatewayProcess, type GatewayProcess } from './gateway-process.js';
import { gatewayHttp, type GraphQLResponse } from './http.js';
import { processCpuMs } from './process-cpu.js';
import { summarize } from './stats.js';
import { table } from './table.js';
import { THROUGHPUT, throughput, type ThroughputOptions } from './throughput.js';
import { inspectQuery, LIST_QUERY, type InspectData, type ListData } from './wharf-queries.js';

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

const USAGE = `Usage: npm run bench:ab -- --base REV [options]

Runs this checkout's Wharf and REV's (a git worktree of it, built) on one private engine, in turns:
each round starts one build, measures it, stops it, then the other, the order swapped every round.

  --base REV          the revision to compare with (a commit, branch or tag)
  --rounds N          rounds (default 4)
  --iterations N      sequential operations per figure and round (default 300)
  --containers N      containers in the engine (default 50)
  --cpu-prof          profile every gateway (node --cpu-prof) into a new /tmp directory`;

interface Options {
  base: string;
  rounds: number;
  iterations: number;
  containers: number;
  cpuProfDir: string | undefined;
}

interface Figures {
  inspectMs: number;
  inspectCpuMs: number | undefined;
  listMs: number;
  listCpuMs: number | undefined;
  inspectOps: number;
  listOps: number;
}

const FIGURES: Array<{ key: keyof Figures; name: string; digits: number }> = [
  { key: 'inspectMs', name: 'inspect, sequential, ms (median)', digits: 3 },
  { key: 'inspectCpuMs', name: 'inspect, gateway CPU per op, ms', digits: 3 },
  { key: 'listMs', name: 'list, sequential, ms (median)', digits: 3 },
  { key: 'listCpuMs', name: 'list, gateway CPU per op, ms', digits: 3 },
  { key: 'inspectOps', name: `inspect, throughput (${THROUGHPUT.clients} clients), ops/s`, digits: 0 },
  { key: 'listOps', name: `list, throughput (${THROUGHPUT.clients} clients), ops/s`, digits: 0 },
];

const WARMUP: ThroughputOptions = { ...THROUGHPUT, ms: 1_000, warmupMs: 0 };

const cleanup = new Cleanup(log);

function log(message: string): void {
  process.stderr.write(`bench:ab: ${message}\n`);
}

function git(args: string[]): string {
  const out = spawnSync('git', args, { cwd: REPO_ROOT, encoding: 'utf8' });
  if (out.status !== 0) throw new Error(`git ${args.join(' ')}: ${out.stderr.trim()}`);
  return out.stdout.trim();
}

/** A detached worktree of `rev` sharing this checkout's node_modules; removed at cleanup. */
function checkout(rev: string): string {
  const commit = git(['rev-parse', '--verify', `${rev}^{commit}`]);
  const dir = mkdtempSync('/tmp/wharf-ab.');
  git(['worktree', 'add', '--detach', '--force', dir, commit]);
  cleanup.add(`remove the worktree ${dir}`, () => {
    git(['worktree', 'remove', '--force', dir]);
    rmSync(dir, { recursive: true, force: true });
  });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

async function measure(gateway: GatewayProcess, fixture: Fixture, options: Options): Promise<Figures> {
  const one = gatewayHttp(gateway.url);
  const many = gatewayHttp(gateway.url, THROUGHPUT.clients);
  try {
    const target = fixture.ids[0] ?? '';
    const inspectOp = inspectQuery(target);
    const sequential = async <T>(query: string, check: (res: GraphQLResponse<T>) => void) => {
      const warmup = Math.min(50, options.iterations);
      const before = processCpuMs(gateway.pid);
      const [samples = []] = await interleave<[GraphQLResponse<T>]>([{ run: () => one.post<T>(query), check }], {
        warmup,
        iterations: options.iterations,
      });
      const after = processCpuMs(gateway.pid);
      const cpu = before === undefined || after === undefined ? undefined : (after - before) / (warmup + options.iterations);
      return { ms: summarize(samples).median, cpu };
    };
    const ids = fixture.ids;
    // A fresh process first compiles its hot paths: warmed up under load, so that every figure is of warm code.
    await throughput(async (i) => inspected(await many.post<InspectData>(inspectQuery(ids[i % ids.length] ?? target))), WARMUP);
    await throughput(async () => listed(await many.post<ListData>(LIST_QUERY), options.containers), WARMUP);
    const inspect = await sequential<InspectData>(inspectOp, (res) => inspected(res));
    const list = await sequential<ListData>(LIST_QUERY, (res) => listed(res, options.containers));
    const inspectOps = await throughput(async (i) => inspected(await many.post<InspectData>(inspectQuery(ids[i % ids.length] ?? target))));
    const listOps = await throughput(async () => listed(await many.post<ListData>(LIST_QUERY), options.containers));
    return { inspectMs: inspect.ms, inspectCpuMs: inspect.cpu, listMs: list.ms, listCpuMs: list.cpu, inspectOps, listOps };
  } finally {
    await Promise.all([one.close(), many.close()]);
  }
}

function inspected(res: GraphQLResponse<InspectData>): void {
  if (res.errors?.length || !res.data?.container?.inspect.state.status) throw new Error(`inspect answered ${JSON.stringify(res)}`);
}

function listed(res: GraphQLResponse<ListData>, expected: number): void {
  const n = res.data?.containers.length;
  if (res.errors?.length || n !== expected) throw new Error(`list answered ${n} containers: ${JSON.stringify(res.errors)}`);
}

interface Result {
  base: string;
  head: string;
  rounds: Array<{ base: Figures; head: Figures }>;
  load: [number, number];
}

async function run(options: Options): Promise<Result> {
  const load0 = loadavg()[0] ?? 0;
  const baseCommit = git(['rev-parse', '--short', options.base]);
  const dirty = git(['status', '--porcelain', '--untracked-files=no']) !== '';
  const head = `${git(['rev-parse', '--short', 'HEAD'])}${dirty ? ' + changes' : ''}`;
  const baseRoot = checkout(options.base);
  log(`base ${baseCommit} in ${baseRoot}; head ${head} in ${REPO_ROOT}`);

  const engine = await startPrivateEngine();
  cleanup.add('stop the engine', () => engine.stop());
  const fixture = await createFixture(engine.socketPath, options.containers);
  cleanup.add('remove the containers', () => fixture.remove());

  const builds = { base: baseRoot, head: REPO_ROOT } as const;
  const rounds: Result['rounds'] = [];
  for (let round = 0; round < options.rounds; round++) {
    const order: Array<keyof typeof builds> = round % 2 === 0 ? ['base', 'head'] : ['head', 'base'];
    const figures: Partial<Record<keyof typeof builds, Figures>> = {};
    for (const which of order) {
      log(`round ${round + 1}/${options.rounds}: ${which}`);
      const gateway = await startGatewayProcess({
        dockerHost: engine.dockerHost,
        label: which,
        root: builds[which],
        nodeArgs: options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', join(options.cpuProfDir, which)] : [],
      });
      try {
        figures[which] = await measure(gateway, fixture, options);
      } finally {
        await gateway.stop();
      }
    }
    if (!figures.base || !figures.head) throw new Error('a round measured only one build');
    rounds.push({ base: figures.base, head: figures.head });
  }
  if (options.cpuProfDir) log(`profiles in ${options.cpuProfDir}/{base,head}; summarise: npx tsx bench/profile-summary.ts DIR`);
  return { base: baseCommit, head, rounds, load: [load0, loadavg()[0] ?? 0] };
}

function format(result: Result): string {
  const median = (xs: number[]) => summarize(xs).median;
  const rows = FIGURES.map(({ key, name, digits }) => {
    const of = (which: 'base' | 'head') => result.rounds.map((r) => r[which][key]).filter((x): x is number => x !== undefined);
    const base = of('base');
    const head = of('head');
    if (base.length === 0 || head.length === 0) return [name, 'n/a', 'n/a', 'n/a', ''];
    const each = result.rounds.map((r) => `${r.base[key]?.toFixed(digits)}/${r.head[key]?.toFixed(digits)}`).join(' ');
    return [name, median(base).toFixed(digits), median(head).toFixed(digits), (median(head) / median(base)).toFixed(3), each];
  });
  return [
    '',
    `Wharf A/B: base ${result.base} vs head ${result.head}, ${result.rounds.length} alternated rounds (medians over rounds); ` +
      `1-minute load ${result.load[0].toFixed(1)} before, ${result.load[1].toFixed(1)} after`,
    ...table(['figure', 'base', 'head', 'head / base', 'each round (base/head)'], rows),
    '',
  ].join('\n');
}

function readOptions(argv: string[]): Options | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      base: { type: 'string' },
      rounds: { type: 'string' },
      iterations: { type: 'string' },
      containers: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.help) return 'help';
  if (!values.base) throw new Error('--base REV is required');
  const count = (name: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${name} must be an integer of at least ${min}, not "${text}"`);
    return n;
  };
  return {
    base: values.base,
    rounds: count('rounds', values.rounds, 4, 1),
    iterations: count('iterations', values.iterations, 300, 1),
    containers: count('containers', values.containers, 50, 2),
    cpuProfDir: values['cpu-prof'] ? mkdtempSync('/tmp/wharf-ab-prof.') : undefined,
  };
}

await runBenchCommand({
  name: 'bench:ab',
  usage: USAGE,
  readOptions,
  run: async (options: Options) => {
    try {
      return await run(options);
    } finally {
      await cleanup.run();
    }
  },
  format,
  stop: () => cleanup.run(),
});
