// What an idle WebSocket connection costs the real `wharf` process: its resident memory per acknowledged connection, and that closing them gives the sockets back.
import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, inject, it } from 'vitest';
import { waitUntil } from './helpers/subscriptions.js';
import { RawSocket } from './helpers/ws.js';

const CONNECTIONS = 2_000;
/** Opened at once; more would overflow the listen backlog and wait out SYN retries. */
const BATCH = 200;
/**
 * Resident memory per idle connection, in KiB. Measured at 11.7 and 12.4 KiB (Node 20, 2 cores);
 * the bound is about twice that, room for the garbage collector's timing.
 */
const MAX_KIB_PER_CONNECTION = 25;

const WHARF = fileURLToPath(new URL('../bin/wharf.js', import.meta.url));

const children: ChildProcess[] = [];
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.terminate();
  for (const child of children.splice(0)) {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    }
  }
});

/** The soft limit on open files of this process (the gateway it spawns inherits it). */
function openFilesLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  const soft = line?.split(/\s{2,}/)[1];
  return soft === 'unlimited' ? Number.POSITIVE_INFINITY : Number(soft);
}

const residentKiB = (pid: number) => Number(/^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** `bin/wharf.js` as `npm start` runs it (the file itself, with its first line's Node flags); resolves with its port. */
async function startWharf(args: string[]): Promise<{ pid: number; wsUrl: string }> {
  const child = spawn(WHARF, ['--port', '0', ...args], {
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/tmp',
      DOCKER_HOST: inject('dockerHost'),
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  let port: string | undefined;
  await waitUntil(
    () => {
      port = /Wharf listening on http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(output)?.[1];
      if (child.exitCode !== null) throw new Error(`wharf exited ${child.exitCode}: ${output}`);
      return port !== undefined;
    },
    () => `wharf to listen; output: ${output}`,
    { timeoutMs: 20_000, intervalMs: 25 },
  );
  return { pid: child.pid!, wsUrl: `ws://127.0.0.1:${port}/graphql` };
}

/** An idle connection: graphql-ws's connection_init acknowledged, no operation. */
function idleConnection(wsUrl: string): Promise<RawSocket> {
  const raw = new RawSocket(wsUrl);
  sockets.push(raw);
  raw.socket.on('open', () => raw.socket.send(JSON.stringify({ type: 'connection_init' })));
  return new Promise((resolve, reject) => {
    raw.socket.on('message', (data: Buffer) => {
      if ((JSON.parse(data.toString('utf8')) as { type: string }).type === 'connection_ack') resolve(raw);
    });
    void raw.closed.then(({ code, reason }) => reject(new Error(`closed before connection_ack: ${code} ${reason}`)));
  });
}

async function openIdle(wsUrl: string, count: number): Promise<RawSocket[]> {
  const opened: RawSocket[] = [];
  for (let start = 0; start < count; start += BATCH) {
    opened.push(...(await Promise.all(Array.from({ length: Math.min(BATCH, count - start) }, () => idleConnection(wsUrl)))));
  }
  return opened;
}

async function closeAll(opened: RawSocket[]): Promise<void> {
  await Promise.all(
    opened.map((raw) => {
      raw.socket.close(1000);
      return raw.closed;
    }),
  );
}

it(`holds ${CONNECTIONS} idle WebSocket connections within ${MAX_KIB_PER_CONNECTION} KiB each, and gives their sockets back when they close`, async () => {
  const limit = openFilesLimit();
  // This process holds the client ends, the gateway the server ends (it inherits the limit).
  if (limit < CONNECTIONS + 500) {
    throw new Error(
      `ulimit -n is ${limit}: ${CONNECTIONS} connections need at least ${CONNECTIONS + 500}; raise it (ulimit -n 4096) to run this test`,
    );
  }
  const wharf = await startWharf(['--max-ws-connections-per-address', String(CONNECTIONS)]);

  // Warm up: the code paths compiled and the first buffers allocated before the baseline.
  const filesBefore = openFiles(wharf.pid);
  await closeAll(await openIdle(wharf.wsUrl, BATCH));
  await waitUntil(() => openFiles(wharf.pid) <= filesBefore, 'the warm-up connections to close on the gateway');

  const rssBefore = residentKiB(wharf.pid);
  const opened = await openIdle(wharf.wsUrl, CONNECTIONS);
  const rssAfter = residentKiB(wharf.pid);
  expect(openFiles(wharf.pid)).toBeGreaterThanOrEqual(filesBefore + CONNECTIONS);

  const perConnection = (rssAfter - rssBefore) / CONNECTIONS;
  console.log(
    `${CONNECTIONS} idle WebSocket connections: VmRSS ${rssBefore} -> ${rssAfter} KiB, ${perConnection.toFixed(1)} KiB per connection`,
  );
  expect(perConnection).toBeLessThanOrEqual(MAX_KIB_PER_CONNECTION);

  await closeAll(opened);
  await waitUntil(
    () => openFiles(wharf.pid) <= filesBefore + 10,
    () => `the gateway's open files back near ${filesBefore}; now ${openFiles(wharf.pid)}`,
  );
  // And it takes as many again: every place under the per-address cap freed.
  await closeAll(await openIdle(wharf.wsUrl, CONNECTIONS));
  // About 10 s on an idle machine; the rest is for a loaded one.
}, 60_000);
