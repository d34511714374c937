// `npx tsx bench/streams.ts`: log streaming through the gateway on one private engine: whole-log throughput vs the raw engine, per-line rate, and fan-out.
import { mkdtempSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Client } from 'graphql-ws';
import { startPrivateEngine, type PrivateEngine } from '../scripts/engine.js';
import { startCountingProxy } from '../test/helpers/counting-proxy.js';
import { streamBenchEngine, type RawLogRead, type StreamBenchEngine } from './streams-engine.js';
import { startStreamBenchGateway, type StreamBenchGateway } from './streams-gateway.js';
import { readIncremental } from '../test/helpers/incremental.js';
import { connectGraphqlWs, subscribeLines, type LineSubscription } from './streams-ws.js';
import { Cleanup } from './cleanup.js';
import { runBenchCommand } from './command.js';

export interface StreamBenchOptions {
  /** Lines in the big exited log (`seq 1 N`). */
  lines: number;
  /** Timed rounds of the whole-log comparison, after `warmup` untimed ones. */
  runs: number;
  warmup: number;
  /** The one-line-per-event rate reads the last this-many lines of the big log (`tail`); at most `lines`. */
  perLineLines: number;
  /** Subscribers to one chatty container, spread over `connections` WebSockets. */
  subscribers: number;
  connections: number;
  fanoutSeconds: number;
  /** Pause between the chatty container's lines, in seconds (busybox sleep takes fractions). */
  chattyInterval: number;
  /** Which of the three benchmarks to run (all by default; fewer to profile one alone). */
  parts: ReadonlyArray<1 | 2 | 3>;
  /** Where the gateways write `--cpu-prof` profiles; none when undefined. */
  cpuProfDir: string | undefined;
  /** Progress messages (stderr by default). */
  log?: (message: string) => void;
}

export const DEFAULT_STREAM_BENCH_OPTIONS: StreamBenchOptions = {
  lines: 1_000_000,
  runs: 3,
  warmup: 1,
  perLineLines: 200_000,
  subscribers: 200,
  connections: 5,
  fanoutSeconds: 10,
  chattyInterval: 0.01,
  parts: [1, 2, 3],
  cpuProfDir: undefined,
};

/** Targets. */
export const WHOLE_LOG_MAX_RATIO = 1.15;
/** Container.logs under @stream, over multipart HTTP, against the engine's own read. */
export const STREAM_LOG_MAX_RATIO = 1.3;
export const PER_LINE_MIN_RATE = 50_000;
export const FANOUT_MAX_FOLLOWS = 1;
export const FANOUT_MAX_PEAK_RSS = 150 * 1024 * 1024;
/** graphql-ws operations one connection may carry (the gateway's default limit). */
const MAX_OPERATIONS_PER_CONNECTION = 50;
/** A streaming run gives up after this long and reports what it got. */
const RUN_TIMEOUT_MS = 90_000;
/** Time for the timed whole-log rounds: as many as fit, judged by the warm-up (the whole run should stay near 4 minutes). */
const WHOLE_LOG_BUDGET_MS = 140_000;
const RSS_SAMPLE_MS = 100;
/** Every fan-out subscriber must have had lines in the window's last this-many milliseconds. */
const STILL_RECEIVING_MS = 2_000;

export interface WholeLogResult {
  lines: number;
  /** Timed rounds asked for; fewer ran when the warm-up showed they would not fit the time budget. */
  runsAsked: number;
  /** A gateway run that hit RUN_TIMEOUT_MS: how far it got, and the CPU it used. */
  timedOut: { lines: number; ms: number; cpuMs: number } | undefined;
  engineMs: number[];
  gatewayMs: number[];
  /** CPU the gateway process used per timed run (a figure that load from other processes barely moves). */
  gatewayCpuMs: number[];
  engineMedianMs: number;
  gatewayMedianMs: number;
  ratio: number;
  pass: boolean;
  /** `container { logs @stream { message } }` over multipart HTTP, in the same rounds. */
  streamMs: number[];
  streamMedianMs: number;
  streamRatio: number;
  streamPass: boolean;
}

export interface PerLineResult {
  lines: number;
  /** CPU the gateway process used for the run. */
  gatewayCpuMs: number;
  /** CPU this process (the graphql-ws client) used for the run: near `ms`, the client is the bottleneck. */
  clientCpuMs: number;
  expected: number;
  ms: number;
  linesPerSecond: number;
  completed: boolean;
  pass: boolean;
}

export interface FanoutResult {
  subscribers: number;
  connections: number;
  seconds: number;
  followRequests: number;
  /** All GET /containers/{id}/logs, history reads included. */
  logRequests: number;
  receiving: number;
  /** Subscribers that got lines in the window's last STILL_RECEIVING_MS. */
  stillReceiving: number;
  failed: string[];
  minLines: number;
  maxLines: number;
  /** From subscribing to the first line, over all subscribers (milliseconds). */
  firstLineMedianMs: number;
  firstLineMaxMs: number;
  /** Lines the container wrote in the window, as one subscriber saw them. */
  containerLinesPerSecond: number;
  /** Events sent by the gateway per second, over all subscribers. */
  deliveredPerSecond: number;
  /** The gateway's CPU use over the window, in percent of one core. */
  gatewayCpuPercent: number;
  rssBefore: number;
  rssMax: number;
  peakRss: number;
  pass: { follows: boolean; receiving: boolean; rss: boolean };
}

export interface StreamBenchResults {
  engineVersion: string;
  wholeLog: WholeLogResult | undefined;
  perLine: PerLineResult | undefined;
  fanout: FanoutResult | undefined;
  /** VmHWM of the gateway that served parts 1 and 2, in bytes. */
  wholeLogGatewayPeakRss: number | undefined;
  totalSeconds: number;
  profileDir: string | undefined;
}

const batchesQuery = (id: string): string => `subscription { containerLogBatches(id: "${id}", tail: null) { stream timestamp message } }`;
const linesQuery = (id: string, tail: number | null): string =>
  `subscription { containerLogs(id: "${id}", tail: ${tail === null ? 'null' : String(tail)}) { stream timestamp message } }`;

let activeCleanup: Cleanup | undefined;

/** `engine`: one already running (npm run bench shares its engine); otherwise a private one is started and stopped. */
export async function runStreamBenchmarks(
  opts: Partial<StreamBenchOptions> & { engine?: PrivateEngine } = {},
): Promise<StreamBenchResults> {
  const options: StreamBenchOptions = { ...DEFAULT_STREAM_BENCH_OPTIONS, ...opts };
  const log = options.log ?? ((message: string) => process.stderr.write(`streams: ${message}\n`));
  if (options.subscribers > options.connections * MAX_OPERATIONS_PER_CONNECTION) {
    throw new Error(
      `${options.subscribers} subscribers need at least ${Math.ceil(options.subscribers / MAX_OPERATIONS_PER_CONNECTION)} connections`,
    );
  }
  const started = performance.now();
  const cleanup = new Cleanup(log);
  activeCleanup = cleanup;
  const nodeArgs = options.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', options.cpuProfDir] : [];

  try {
    let privateEngine = opts.engine;
    if (!privateEngine) {
      log('starting a private engine');
      const started = await startPrivateEngine();
      cleanup.add('stop the engine', () => started.stop());
      privateEngine = started;
    }
    log(`engine in ${privateEngine.dir} (dockerd pid ${privateEngine.pid})`);
    const engine = streamBenchEngine(privateEngine.socketPath);
    cleanup.add('close the engine client', () => engine.close());
    cleanup.add('remove the containers', () => engine.removeAll());
    const engineVersion = await engine.version();

    let wholeLog: WholeLogResult | undefined;
    let perLine: PerLineResult | undefined;
    let fanout: FanoutResult | undefined;
    let wholeLogGatewayPeakRss: number | undefined;
    if (options.parts.includes(1) || options.parts.includes(2)) {
      log(`writing a ${options.lines}-line log (seq 1 ${options.lines})`);
      const bigLog = await engine.run(['seq', '1', String(options.lines)]);
      const exitCode = await engine.wait(bigLog);
      if (exitCode !== 0) throw new Error(`seq exited with ${exitCode}`);

      log('starting the gateway');
      const gateway = await startStreamBenchGateway({ dockerHost: privateEngine.dockerHost, label: 'gateway', nodeArgs });
      cleanup.add('stop the gateway', () => gateway.stop());
      const client = await connectGraphqlWs(gateway.wsUrl);
      cleanup.add('close the WebSocket', () => client.dispose());

      if (options.parts.includes(1)) wholeLog = await benchWholeLog(engine, gateway, client, bigLog, options, log);
      if (options.parts.includes(2)) {
        perLine = await benchPerLine(gateway, client, bigLog, Math.min(options.perLineLines, options.lines), options.lines, log);
      }
      wholeLogGatewayPeakRss = gateway.memory().peakRss;
      await client.dispose();
      await gateway.stop();
    }
    if (options.parts.includes(3)) fanout = await benchFanout(privateEngine.socketPath, engine, cleanup, options, nodeArgs, log);

    return {
      engineVersion,
      wholeLog,
      perLine,
      fanout,
      wholeLogGatewayPeakRss,
      totalSeconds: (performance.now() - started) / 1000,
      profileDir: options.cpuProfDir,
    };
  } finally {
    log('cleaning up');
    await cleanup.run();
    activeCleanup = undefined;
  }
}

// --- 1. the whole log: containerLogBatches vs the engine's own GET /logs ------------------------

async function benchWholeLog(
  engine: StreamBenchEngine,
  gateway: StreamBenchGateway,
  client: Client,
  id: string,
  options: StreamBenchOptions,
  log: (message: string) => void,
): Promise<WholeLogResult> {
  const expected = options.lines;
  const last = String(expected);
  const check = (who: string, read: RawLogRead): void => {
    if (read.lines !== expected) throw new Error(`${who} gave ${read.lines} lines, not ${expected}`);
    if (read.lastMessage !== last) throw new Error(`${who}'s last line is "${read.lastMessage}", not "${last}"`);
  };
  const viaEngine = async (): Promise<number> => {
    const t0 = performance.now();
    const read = await engine.readLog(id);
    const ms = performance.now() - t0;
    check('the engine', read);
    return ms;
  };
  let timedOut: WholeLogResult['timedOut'];
  /** Wall and gateway CPU milliseconds, or undefined when the run hit RUN_TIMEOUT_MS. */
  const viaGateway = async (): Promise<{ ms: number; cpuMs: number } | undefined> => {
    const cpu0 = gateway.cpuMs();
    const t0 = performance.now();
    const sub = subscribeLines(client, batchesQuery(id), 'containerLogBatches');
    const finished = await withTimeout(sub.done, RUN_TIMEOUT_MS);
    const ms = performance.now() - t0;
    if (!finished) {
      sub.cancel();
      timedOut = { lines: sub.lines, ms, cpuMs: gateway.cpuMs() - cpu0 };
      log(`whole log: the gateway gave only ${sub.lines} lines in ${fmtMs(ms)}; giving up`);
      return undefined;
    }
    const cpuMs = gateway.cpuMs() - cpu0;
    check('containerLogBatches', sub);
    return { ms, cpuMs };
  };

  /** `logs @stream` over multipart HTTP: every line counted and checked in order as it comes. */
  const viaStream = async (): Promise<number> => {
    const t0 = performance.now();
    let next = 1;
    let misordered = 0;
    await readIncremental(
      gateway.url,
      'multipart',
      { query: 'query StreamedLog($id: String!) { container(id: $id) { logs @stream { message } } }', variables: { id } },
      (payload) => {
        for (const part of payload.incremental ?? []) {
          for (const item of part.items ?? []) {
            if ((item as { message: string }).message !== String(next)) misordered += 1;
            next += 1;
          }
        }
      },
    );
    const ms = performance.now() - t0;
    if (next - 1 !== expected || misordered > 0)
      throw new Error(`logs @stream gave ${next - 1} lines (${misordered} out of order), not ${expected}`);
    return ms;
  };
  const streamMs: number[] = [];

  let runs = options.runs;
  for (let i = 0; i < options.warmup; i++) {
    log(`whole log: warm-up ${i + 1}/${options.warmup}`);
    const engineWarm = await viaEngine();
    const run = await viaGateway();
    if (run === undefined) {
      runs = 0;
      break;
    }
    runs = Math.max(1, Math.min(options.runs, Math.floor(WHOLE_LOG_BUDGET_MS / (engineWarm + run.ms))));
  }
  const engineMs: number[] = [];
  const gatewayMs: number[] = [];
  const gatewayCpuMs: number[] = [];
  if (runs === 0) {
    // The gateway could not read the log in time even once: time the engine alone, for the record.
    engineMs.push(await viaEngine());
  }
  for (let round = 0; round < runs; round++) {
    // Alternate who goes first, so that none always runs on another's leftovers.
    const order = round % 2 === 0 ? ['engine', 'gateway', 'stream'] : ['stream', 'gateway', 'engine'];
    for (const who of order) {
      if (who === 'engine') engineMs.push(await viaEngine());
      else if (who === 'stream') streamMs.push(await viaStream());
      else {
        const run = await viaGateway();
        if (run) {
          gatewayMs.push(run.ms);
          gatewayCpuMs.push(run.cpuMs);
        }
      }
    }
    if (timedOut) break;
    log(
      `whole log: round ${round + 1}/${runs}: engine ${fmtMs(engineMs.at(-1))}, gateway ${fmtMs(gatewayMs.at(-1))}, logs @stream ${fmtMs(streamMs.at(-1))}`,
    );
  }
  const engineMedianMs = median(engineMs);
  // A run that timed out counts as at least as slow as the timeout.
  const gatewayMedianMs = timedOut ? Math.max(timedOut.ms, median(gatewayMs) || 0) : median(gatewayMs);
  const ratio = gatewayMedianMs / engineMedianMs;
  const streamMedianMs = median(streamMs);
  const streamRatio = streamMedianMs / engineMedianMs;
  return {
    streamMs,
    streamMedianMs,
    streamRatio,
    streamPass: streamMs.length > 0 && streamRatio <= STREAM_LOG_MAX_RATIO,
    lines: expected,
    runsAsked: options.runs,
    timedOut,
    engineMs,
    gatewayMs,
    gatewayCpuMs,
    engineMedianMs,
    gatewayMedianMs,
    ratio,
    pass: !timedOut && ratio <= WHOLE_LOG_MAX_RATIO,
  };
}

// --- 2. containerLogs, one line per event -------------------------------------------------------

/** The last `expected` lines of the `logLines`-line log (`seq 1 logLines`), through `tail`. */
async function benchPerLine(
  gateway: StreamBenchGateway,
  client: Client,
  id: string,
  expected: number,
  logLines: number,
  log: (message: string) => void,
): Promise<PerLineResult> {
  log(`per line: containerLogs(tail: ${expected})`);
  const cpu0 = gateway.cpuMs();
  const clientCpu0 = process.cpuUsage();
  const t0 = performance.now();
  const sub = subscribeLines(client, linesQuery(id, expected), 'containerLogs');
  const completed = await withTimeout(sub.done, RUN_TIMEOUT_MS);
  const ms = performance.now() - t0;
  const gatewayCpuMs = gateway.cpuMs() - cpu0;
  const clientCpu = process.cpuUsage(clientCpu0);
  const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
  if (!completed) {
    sub.cancel();
    log(`per line: gave up after ${RUN_TIMEOUT_MS / 1000} s with ${sub.lines} lines`);
  } else if (sub.lines !== expected || sub.lastMessage !== String(logLines)) {
    throw new Error(`containerLogs gave ${sub.lines} lines ending in "${sub.lastMessage}", not ${expected} ending in "${logLines}"`);
  }
  const linesPerSecond = sub.lines / (ms / 1000);
  return {
    lines: sub.lines,
    gatewayCpuMs,
    clientCpuMs,
    expected,
    ms,
    linesPerSecond,
    completed,
    pass: completed && linesPerSecond >= PER_LINE_MIN_RATE,
  };
}

/** Whether `promise` settled within `ms`; its rejection, if it came in time, is thrown. */
async function withTimeout(promise: Promise<void>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

// --- 3. many subscribers, one chatty container, one upstream follow ----------------------------

async function benchFanout(
  engineSocket: string,
  engine: StreamBenchEngine,
  cleanup: Cleanup,
  options: StreamBenchOptions,
  nodeArgs: string[],
  log: (message: string) => void,
): Promise<FanoutResult> {
  const chatty = await engine.run(['sh', '-c', `i=0; while true; do i=$((i+1)); echo line $i; sleep ${options.chattyInterval}; done`]);

  const proxy = await startCountingProxy(engineSocket);
  cleanup.add('close the counting proxy', () => proxy.close());
  log('starting the gateway behind a counting proxy');
  const gateway = await startStreamBenchGateway({ dockerHost: proxy.dockerHost, label: 'fan-out gateway', nodeArgs });
  cleanup.add('stop the fan-out gateway', () => gateway.stop());

  const clients: Client[] = [];
  cleanup.add('close the fan-out WebSockets', async () => {
    await Promise.all(clients.map((c) => c.dispose()));
  });
  for (let i = 0; i < options.connections; i++) clients.push(await connectGraphqlWs(gateway.wsUrl));
  const rssBefore = gateway.memory().rss;
  let rssMax = rssBefore;
  const sampler = setInterval(() => {
    try {
      rssMax = Math.max(rssMax, gateway.memory().rss);
    } catch {
      // the gateway has gone; the failure shows elsewhere
    }
  }, RSS_SAMPLE_MS);
  cleanup.add('stop sampling memory', () => clearInterval(sampler));

  log(`fan-out: ${options.subscribers} subscribers on ${options.connections} connections for ${options.fanoutSeconds} s`);
  proxy.reset();
  const subs: LineSubscription[] = [];
  const failed: string[] = [];
  cleanup.add('end the fan-out subscriptions', () => {
    for (const sub of subs) sub.cancel();
  });
  const windowStart = performance.now();
  const cpu0 = gateway.cpuMs();
  const subscribedAt: number[] = [];
  for (let i = 0; i < options.subscribers; i++) {
    subscribedAt.push(performance.now());
    const client = clients[i % clients.length];
    if (!client) throw new Error('no WebSocket client');
    const sub = subscribeLines(client, linesQuery(chatty, 0), 'containerLogs');
    sub.done.then(
      () => failed.push(`subscriber ${i}: completed early`),
      (error: unknown) => failed.push(`subscriber ${i}: ${error instanceof Error ? error.message : String(error)}`),
    );
    subs.push(sub);
  }

  await sleep(Math.max(0, options.fanoutSeconds * 1000 - STILL_RECEIVING_MS));
  const before = subs.map((s) => s.lines);
  await sleep(STILL_RECEIVING_MS);
  const seconds = (performance.now() - windowStart) / 1000;
  const gatewayCpuPercent = (gateway.cpuMs() - cpu0) / 10 / seconds;
  const counts = subs.map((s) => s.lines);
  clearInterval(sampler);
  const memory = gateway.memory();
  rssMax = Math.max(rssMax, memory.rss);

  const logPath = /^\/containers\/[^/]+\/logs$/;
  const logCalls = proxy.calls.filter((c) => c.method === 'GET' && logPath.test(c.path));
  const followRequests = logCalls.filter((c) => /(?:^|&)follow=(?:1|true)(?:&|$)/.test(c.query)).length;
  const receiving = counts.filter((n) => n > 0).length;
  const stillReceiving = counts.filter((n, i) => n > (before[i] ?? 0)).length;
  const maxLines = Math.max(...counts);
  const total = counts.reduce((sum, n) => sum + n, 0);
  const firstLineMs = subs.flatMap((s, i) => (s.firstLineAt === undefined ? [] : [s.firstLineAt - (subscribedAt[i] ?? windowStart)]));
  // What ended before this point ended on its own; what follows is our own cancelling.
  const failures = [...failed];

  for (const sub of subs) sub.cancel();
  await Promise.all(clients.splice(0).map((c) => c.dispose()));
  await gateway.stop();

  return {
    subscribers: options.subscribers,
    connections: options.connections,
    seconds,
    followRequests,
    logRequests: logCalls.length,
    receiving,
    stillReceiving,
    failed: failures,
    minLines: Math.min(...counts),
    maxLines,
    firstLineMedianMs: median(firstLineMs),
    firstLineMaxMs: Math.max(...firstLineMs),
    containerLinesPerSecond: maxLines / seconds,
    deliveredPerSecond: total / seconds,
    gatewayCpuPercent,
    rssBefore,
    rssMax,
    peakRss: memory.peakRss,
    pass: {
      follows: followRequests === FANOUT_MAX_FOLLOWS,
      receiving: receiving === options.subscribers && stillReceiving === options.subscribers && failures.length === 0,
      rss: memory.peakRss <= FANOUT_MAX_PEAK_RSS,
    },
  };
}

// --- the report ---------------------------------------------------------------------------------

export function formatStreamResults(r: StreamBenchResults): string {
  const verdict = (pass: boolean) => (pass ? 'PASS' : 'FAIL');
  const { wholeLog: w, perLine: p, fanout: f } = r;
  const out = [`Wharf stream benchmarks (engine ${r.engineVersion}; gateway as a child process; graphql-ws client with ws)`];
  if (w) {
    out.push(
      '',
      `1. Whole log: ${fmtInt(w.lines)} lines of an exited container, ${w.gatewayMs.length} interleaved runs, median` +
        `${w.gatewayMs.length < w.runsAsked ? ` (${w.runsAsked} asked; fewer fit the time budget)` : ''}`,
      `   engine GET /logs?timestamps=1 + LogStreamParser      ${fmtMs(w.engineMedianMs).padStart(9)}   runs ${w.engineMs.map(fmtMs).join(', ')}`,
      `   containerLogBatches(tail: null) over graphql-ws     ${fmtMs(w.gatewayMedianMs).padStart(9)}   runs ${w.gatewayMs.map(fmtMs).join(', ') || '-'}`,
      ...(w.gatewayCpuMs.length > 0
        ? [
            `   gateway CPU per run (user+system)                  ${fmtMs(median(w.gatewayCpuMs)).padStart(9)}   runs ${w.gatewayCpuMs.map(fmtMs).join(', ')}`,
          ]
        : []),
      ...(w.timedOut
        ? [
            `   a gateway run gave up after ${fmtMs(w.timedOut.ms)} with ${fmtInt(w.timedOut.lines)} lines ` +
              `(gateway CPU ${fmtMs(w.timedOut.cpuMs)})`,
          ]
        : []),
      `   ratio gateway / engine  ${w.timedOut ? '>= ' : ''}${w.ratio.toFixed(2)}   target <= ${WHOLE_LOG_MAX_RATIO}   ${verdict(w.pass)}`,
      `   container { logs @stream { message } } over multipart HTTP ${fmtMs(w.streamMedianMs).padStart(9)}   runs ${w.streamMs.map(fmtMs).join(', ') || '-'}`,
      `   ratio logs @stream / engine  ${w.streamRatio.toFixed(2)}   target <= ${STREAM_LOG_MAX_RATIO}   ${verdict(w.streamPass)}`,
    );
  }
  if (p) {
    out.push(
      '',
      `2. containerLogs(tail: ${p.expected}), one line per event, same log: ${fmtInt(p.lines)} lines in ${fmtMs(p.ms)}` +
        `${p.completed ? '' : ` (gave up; ${fmtInt(p.expected)} asked)`}`,
      `   ${fmtInt(Math.round(p.linesPerSecond))} lines/s   target >= ${fmtInt(PER_LINE_MIN_RATE)}   ${verdict(p.pass)}` +
        `   (gateway CPU ${fmtMs(p.gatewayCpuMs)}: ${fmtInt(Math.round(p.lines / (Math.max(p.gatewayCpuMs, 10) / 1000)))} lines per CPU-second;` +
        ` client CPU ${fmtMs(p.clientCpuMs)})`,
    );
  }
  if (r.wholeLogGatewayPeakRss !== undefined) {
    out.push(`   (that gateway's peak RSS after parts 1-2: ${fmtMiB(r.wholeLogGatewayPeakRss)}; no target)`);
  }
  if (f) {
    out.push(
      '',
      `3. Fan-out: ${f.subscribers} containerLogs subscribers on ${f.connections} connections, one chatty container, ${f.seconds.toFixed(1)} s`,
      `   container wrote ~${fmtInt(Math.round(f.containerLinesPerSecond))} lines/s; gateway sent ~${fmtInt(Math.round(f.deliveredPerSecond))} events/s ` +
        `using ${f.gatewayCpuPercent.toFixed(0)}% of a core`,
      `   upstream follow requests  ${f.followRequests} (all GET /logs: ${f.logRequests})   target ${FANOUT_MAX_FOLLOWS}   ${verdict(f.pass.follows)}`,
      `   subscribers receiving     ${f.receiving}/${f.subscribers} (${f.stillReceiving} still in the last ${STILL_RECEIVING_MS / 1000} s; ` +
        `${fmtInt(f.minLines)}-${fmtInt(f.maxLines)} lines each; ${f.failed.length} ended early)   ${verdict(f.pass.receiving)}`,
      `   first line after subscribing: median ${fmtMs(f.firstLineMedianMs)}, slowest ${fmtMs(f.firstLineMaxMs)}`,
      `   gateway peak RSS          ${fmtMiB(f.peakRss)} (VmHWM; VmRSS ${fmtMiB(f.rssBefore)} before subscribing, ` +
        `${fmtMiB(f.rssMax)} at most during)   target <= ${fmtMiB(FANOUT_MAX_PEAK_RSS)}   ${verdict(f.pass.rss)}`,
    );
    for (const failure of f.failed.slice(0, 5)) out.push(`     ${failure}`);
  }
  out.push('', `Total ${r.totalSeconds.toFixed(0)} s.`);
  if (r.profileDir) out.push(`CPU profiles of the gateways: ${r.profileDir}`);
  return out.join('\n');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  if (sorted.length === 0) return Number.NaN;
  return Number.isInteger(mid) ? ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2 : (sorted[Math.floor(mid)] ?? 0);
}

const fmtInt = (n: number): string => n.toLocaleString('en-US');
const fmtMs = (ms: number | undefined): string => (ms === undefined ? '-' : `${fmtInt(Math.round(ms))} ms`);
const fmtMiB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// --- the command --------------------------------------------------------------------------------

const USAGE = `Usage: npx tsx bench/streams.ts [options]

  --lines N            lines of the big log (default ${DEFAULT_STREAM_BENCH_OPTIONS.lines})
  --runs N             timed whole-log rounds (default ${DEFAULT_STREAM_BENCH_OPTIONS.runs}), after --warmup N (default ${DEFAULT_STREAM_BENCH_OPTIONS.warmup})
  --per-line-lines N   lines (the log's last) for the containerLogs rate (default ${DEFAULT_STREAM_BENCH_OPTIONS.perLineLines})
  --subscribers N      fan-out subscribers (default ${DEFAULT_STREAM_BENCH_OPTIONS.subscribers}) on --connections N (default ${DEFAULT_STREAM_BENCH_OPTIONS.connections})
  --seconds N          fan-out duration (default ${DEFAULT_STREAM_BENCH_OPTIONS.fanoutSeconds})
  --interval S         the chatty container's pause between lines, seconds (default ${DEFAULT_STREAM_BENCH_OPTIONS.chattyInterval})
  --parts 1,2,3        which benchmarks to run (default all)
  --cpu-prof           profile the gateways (node --cpu-prof); profiles go to --cpu-prof-dir DIR or a new /tmp directory`;

function readOptions(argv: string[]): StreamBenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    options: {
      lines: { type: 'string' },
      runs: { type: 'string' },
      warmup: { type: 'string' },
      'per-line-lines': { type: 'string' },
      subscribers: { type: 'string' },
      connections: { type: 'string' },
      seconds: { type: 'string' },
      interval: { type: 'string' },
      parts: { type: 'string' },
      'cpu-prof': { type: 'boolean' },
      'cpu-prof-dir': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const number = (name: string, text: string | undefined, fallback: number, min: number): number => {
    if (text === undefined) return fallback;
    const n = Number(text);
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number >= ${min}, not "${text}"`);
    return n;
  };
  const d = DEFAULT_STREAM_BENCH_OPTIONS;
  const lines = number('lines', values.lines, d.lines, 1);
  return {
    lines,
    runs: number('runs', values.runs, d.runs, 1),
    warmup: number('warmup', values.warmup, d.warmup, 0),
    perLineLines: number('per-line-lines', values['per-line-lines'], d.perLineLines, 1),
    subscribers: number('subscribers', values.subscribers, d.subscribers, 1),
    connections: number('connections', values.connections, d.connections, 1),
    fanoutSeconds: number('seconds', values.seconds, d.fanoutSeconds, 3),
    chattyInterval: number('interval', values.interval, d.chattyInterval, 0),
    parts: readParts(values.parts),
    cpuProfDir:
      values['cpu-prof'] || values['cpu-prof-dir'] ? (values['cpu-prof-dir'] ?? mkdtempSync('/tmp/wharf-streams-prof.')) : undefined,
  };
}

function readParts(text: string | undefined): Array<1 | 2 | 3> {
  if (text === undefined) return [...DEFAULT_STREAM_BENCH_OPTIONS.parts];
  const parts = text.split(',').map((part) => part.trim());
  const known = (part: string): part is '1' | '2' | '3' => part === '1' || part === '2' || part === '3';
  if (parts.length === 0 || !parts.every(known)) throw new Error(`--parts takes 1, 2 and 3, comma-separated, not "${text}"`);
  return parts.map((part) => Number(part) as 1 | 2 | 3);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runBenchCommand({
    name: 'streams',
    usage: USAGE,
    readOptions,
    run: runStreamBenchmarks,
    format: formatStreamResults,
    stop: () => activeCleanup?.run() ?? Promise.resolve(),
  });
}
