// A 50 MiB image of random data pulled from a loopback registry: through Wharf's pullImage and through the engine API directly, alternated; prints the ratio.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { Pool } from 'undici';
import { type PrivateEngine, startPrivateEngine } from '../scripts/engine.js';
import { startRegistry } from '../scripts/registry.js';
import { startGatewayProcess } from './gateway-process.js';
import { gatewayHttp } from './http.js';
import { summarize } from './stats.js';

const IMAGE_BYTES = 50 * 1024 * 1024;
const DEFAULT_ROUNDS = 5;

/** A one-file ustar archive: the image's only layer. */
function tarOfOneFile(name: string, data: Buffer): Buffer {
  const header = Buffer.alloc(512);
  header.write(name, 0, 100);
  header.write('0000644\0', 100);
  header.write('0000000\0', 108);
  header.write('0000000\0', 116);
  header.write(`${data.length.toString(8).padStart(11, '0')}\0`, 124);
  header.write(
    `${Math.floor(Date.now() / 1000)
      .toString(8)
      .padStart(11, '0')}\0`,
    136,
  );
  header.write('        ', 148);
  header.write('0', 156);
  header.write('ustar\0', 257);
  header.write('00', 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512), Buffer.alloc(1024)]);
}

/** A request on the engine's socket whose NDJSON answer is read to the end; rejects on an error status or error line. */
async function engineStream(
  pool: Pool,
  method: 'POST' | 'DELETE',
  path: string,
  body?: Buffer,
  headers: Record<string, string> = {},
): Promise<void> {
  const res = await pool.request({ method, path, body, headers, headersTimeout: 120_000, bodyTimeout: 120_000 });
  const text = await res.body.text();
  if (res.statusCode >= 300) throw new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
  const failed = text.split('\n').find((line) => line.includes('"errorDetail"'));
  if (failed) throw new Error(`${method} ${path} failed: ${failed}`);
}

export interface ImagePullFigures {
  rounds: number;
  engineMs: number[];
  wharfMs: number[];
  ratio: number;
}

/** Pushes the image to a registry of its own, then times the pulls; everything it starts it stops. */
export async function runImagePullBenchmark(engine: PrivateEngine, rounds = DEFAULT_ROUNDS): Promise<ImagePullFigures> {
  const registry = await startRegistry();
  const pool = new Pool('http://localhost', { socketPath: engine.socketPath, connections: 2 });
  const gateway = await startGatewayProcess({ dockerHost: engine.dockerHost, label: 'image-pull gateway' });
  const client = gatewayHttp(gateway.url);
  const repo = `${registry.address}/bench/random`;
  const ref = `${repo}:1`;
  try {
    const ping = await pool.request({ method: 'GET', path: '/_ping' });
    await ping.body.dump();
    const api = `/v${String(ping.headers['api-version'])}`;
    await engineStream(
      pool,
      'POST',
      `${api}/images/create?fromSrc=-&repo=${encodeURIComponent(repo)}&tag=1`,
      tarOfOneFile('random.bin', randomBytes(IMAGE_BYTES)),
    );
    await engineStream(pool, 'POST', `${api}/images/${encodeURIComponent(repo)}/push?tag=1`, undefined, { 'x-registry-auth': 'e30=' });
    const removeLocally = () => engineStream(pool, 'DELETE', `${api}/images/${encodeURIComponent(ref)}`);
    await removeLocally();

    const direct = async () => engineStream(pool, 'POST', `${api}/images/create?fromImage=${encodeURIComponent(repo)}&tag=1`);
    const throughWharf = async () => {
      const answer = await client.post<{ pullImage: { id: string } }>(`mutation { pullImage(ref: ${JSON.stringify(ref)}) { id } }`);
      if (answer.errors?.length || !answer.data?.pullImage.id) throw new Error(`pullImage failed: ${JSON.stringify(answer.errors)}`);
    };
    const timed = async (pull: () => Promise<void>) => {
      const started = performance.now();
      await pull();
      const ms = performance.now() - started;
      await removeLocally();
      return ms;
    };
    // One of each first, untimed: the gateway's first operation also negotiates the API version.
    await timed(throughWharf);
    await timed(direct);
    const engineMs: number[] = [];
    const wharfMs: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      // Alternated, so neither always runs on a warmer cache.
      if (round % 2 === 0) {
        engineMs.push(await timed(direct));
        wharfMs.push(await timed(throughWharf));
      } else {
        wharfMs.push(await timed(throughWharf));
        engineMs.push(await timed(direct));
      }
    }
    return { rounds, engineMs, wharfMs, ratio: summarize(wharfMs).median / summarize(engineMs).median };
  } finally {
    await client.close();
    await gateway.stop();
    await pool.close();
    await registry.stop();
  }
}

export function formatImagePull(figures: ImagePullFigures): string {
  const engine = summarize(figures.engineMs);
  const wharf = summarize(figures.wharfMs);
  const ms = (n: number) => `${n.toFixed(0)} ms`;
  return [
    `Pull of a ${IMAGE_BYTES / 1024 / 1024} MiB image from a loopback registry, ${figures.rounds} rounds alternated (median, min-max):`,
    `  engine API directly   ${ms(engine.median)}  (${ms(engine.min)}-${ms(engine.max)})`,
    `  Wharf pullImage       ${ms(wharf.median)}  (${ms(wharf.min)}-${ms(wharf.max)})`,
    `  ratio                 ${figures.ratio.toFixed(3)}  (target <= 1.1)`,
  ].join('\n');
}

// Run alone: `npx tsx bench/image-pull.ts [ROUNDS]` on a private engine of its own.
if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const engine = await startPrivateEngine();
  let code = 0;
  try {
    process.stdout.write(`${formatImagePull(await runImagePullBenchmark(engine, Number(process.argv[2] ?? DEFAULT_ROUNDS)))}\n`);
  } catch (error) {
    process.stderr.write(`image-pull: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    code = 1;
  } finally {
    await engine.stop();
  }
  process.exit(code);
}
