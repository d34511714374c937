// The terminal's keystroke round trip: a byte typed into a TTY `cat` to its echo, through the gateway's WebSocket vs a raw hijacked exec connection.
import type { Duplex } from 'node:stream';
import { Pool } from 'undici';
import WebSocket from 'ws';
import { ensureTestImage, startPrivateEngine, TEST_IMAGE, type PrivateEngine } from '../scripts/engine.js';
import { startGatewayProcess } from './gateway-process.js';
import { summarize, type Summary } from './stats.js';

export const KEYSTROKES = 1_000;
const WARMUP = 100;
/** The gateway may add at most this much to the median round trip. */
export const TERMINAL_TARGET_MS = 2;
const ECHO_TIMEOUT_MS = 5_000;

export interface TerminalResult {
  raw: Summary;
  gateway: Summary;
}

/** Something to type a byte into and read its echo from. */
interface KeyboardSide {
  send(byte: Buffer): void;
  /** Resolves with the next bytes that come back. */
  onData(listener: (chunk: Buffer) => void): void;
  close(): void;
}

/** A TTY `cat` exec in `container`, started on a hijacked connection of the engine's own API. */
async function rawSide(pool: Pool, container: string): Promise<KeyboardSide> {
  const created = await pool.request({
    method: 'POST',
    path: `/containers/${container}/exec`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Cmd: ['cat'], Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true }),
  });
  const { Id } = (await created.body.json()) as { Id: string };
  const options = {
    method: 'POST',
    path: `/exec/${Id}/start`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Detach: false, Tty: true }),
    protocol: 'tcp',
  };
  const { socket } = (await pool.upgrade(options)) as { socket: Duplex };
  return {
    send: (byte) => socket.write(byte),
    onData: (listener) => socket.on('data', listener),
    close: () => {
      // ^D at the start of a line ends cat.
      socket.end('\x04');
    },
  };
}

/** The same exec through the gateway's terminal WebSocket. */
async function gatewaySide(origin: string, container: string): Promise<KeyboardSide> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/containers/${container}/exec?cmd=cat&tty=1`);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    send: (byte) => ws.send(byte, { binary: true }),
    onData: (listener) => ws.on('message', (data: Buffer, isBinary: boolean) => isBinary && listener(data)),
    close: () => ws.close(),
  };
}

/** Types one byte and waits for its echo; the milliseconds it took. */
function roundTrip(side: KeyboardSide, waiting: { resolve?: (() => void) | undefined; expect?: number }, byte: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const timer = setTimeout(() => reject(new Error(`no echo of ${byte} in ${ECHO_TIMEOUT_MS} ms`)), ECHO_TIMEOUT_MS);
    waiting.expect = byte;
    waiting.resolve = () => {
      clearTimeout(timer);
      resolve(performance.now() - started);
    };
    side.send(Buffer.of(byte));
  });
}

/** Measures both sides alternately, keystroke by keystroke, so that the machine's noise falls on both alike. */
export async function runTerminalBenchmark({ engine }: { engine: PrivateEngine }): Promise<TerminalResult> {
  await ensureTestImage(engine.socketPath);
  const pool = new Pool('http://docker', { socketPath: engine.socketPath, connections: 4 });
  const name = `wharf-bench-terminal-${process.pid}`;
  const created = await pool.request({
    method: 'POST',
    path: `/containers/create?name=${name}`,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ Image: TEST_IMAGE, Cmd: ['sleep', '3600'], Labels: { 'wharf.bench': '1' } }),
  });
  const { Id: container } = (await created.body.json()) as { Id: string };
  const gateway = await startGatewayProcess({ dockerHost: engine.dockerHost, label: 'terminal gateway' });
  const sides: KeyboardSide[] = [];
  try {
    await (await pool.request({ method: 'POST', path: `/containers/${container}/start` })).body.dump();
    const raw = await rawSide(pool, container);
    sides.push(raw);
    const viaGateway = await gatewaySide(gateway.origin, container);
    sides.push(viaGateway);
    const samples = { raw: [] as number[], gateway: [] as number[] };
    const measured: Array<[KeyboardSide, number[]]> = [
      [raw, samples.raw],
      [viaGateway, samples.gateway],
    ];
    const waits = measured.map(([side]) => {
      const waiting: { resolve?: (() => void) | undefined; expect?: number } = {};
      side.onData((chunk) => {
        if (waiting.resolve && chunk.includes(waiting.expect ?? -1)) {
          const done = waiting.resolve;
          waiting.resolve = undefined;
          done();
        }
      });
      return waiting;
    });
    for (let i = 0; i < WARMUP + KEYSTROKES; i++) {
      // Letters only, and fewer than a line's 4095: the TTY echoes each as it comes.
      const byte = 0x61 + (i % 26);
      for (const [index, [side, into]] of measured.entries()) {
        const ms = await roundTrip(side, waits[index] as (typeof waits)[number], byte);
        if (i >= WARMUP) into.push(ms);
      }
    }
    return { raw: summarize(samples.raw), gateway: summarize(samples.gateway) };
  } finally {
    for (const side of sides) side.close();
    await gateway.stop();
    await (await pool.request({ method: 'DELETE', path: `/containers/${container}?force=1` })).body.dump();
    await pool.close();
  }
}

export function formatTerminalResult(result: TerminalResult): string {
  const row = (label: string, s: Summary) =>
    `${label.padEnd(28)} ${s.median.toFixed(3).padStart(8)} ${s.p95.toFixed(3).padStart(8)} ${s.max.toFixed(3).padStart(8)}`;
  const added = result.gateway.median - result.raw.median;
  return [
    `Terminal keystroke round trip (a byte typed into a TTY cat to its echo; median of ${result.raw.n}, ms)`,
    `${''.padEnd(28)} ${'median'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}`,
    row('raw hijacked exec', result.raw),
    row("gateway's terminal WebSocket", result.gateway),
    `added by the gateway: ${added.toFixed(3)} ms (target at most ${TERMINAL_TARGET_MS} ms: ${added <= TERMINAL_TARGET_MS ? 'met' : 'MISSED'})`,
  ].join('\n');
}

// `npx tsx bench/terminal.ts`: this benchmark alone, on a private engine of its own.
if (import.meta.url === `file://${process.argv[1]}`) {
  const engine = await startPrivateEngine();
  try {
    process.stdout.write(`${formatTerminalResult(await runTerminalBenchmark({ engine }))}\n`);
  } finally {
    await engine.stop();
  }
}
