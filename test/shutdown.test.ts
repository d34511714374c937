// A graceful stop of the real `wharf` process: SIGTERM or SIGINT ends open subscriptions with `complete`, lets an export finish, exits 0 within 5 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { print } from 'graphql';
import { graphql } from './gql/index.js';
import { startCountingProxy, type CountingProxy } from './helpers/counting-proxy.js';
import { createTestContainer, rawEngine, removeContainer } from './helpers/engine-api.js';
import { openSse } from './helpers/sse.js';
import { record, waitUntil } from './helpers/subscriptions.js';
import { RawSocket, wsClient } from './helpers/ws.js';

const engine = rawEngine(inject('dockerSocket'));
let proxy: CountingProxy;
beforeAll(async () => {
  proxy = await startCountingProxy(inject('dockerSocket'));
});
afterAll(async () => {
  await proxy.close();
  await engine.close();
});

const created: string[] = [];
const processes: ChildProcess[] = [];
afterEach(async () => {
  for (const child of processes.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  await Promise.all(created.splice(0).map((id) => removeContainer(engine, id)));
});

const ShutdownStop = graphql(`
  mutation ShutdownStop($id: String!, $timeout: Int) {
    stopContainer(id: $id, timeout: $timeout) { id state }
  }
`);

const ShutdownLogLines = graphql(`
  subscription ShutdownLogLines($id: String!, $tail: Int) {
    containerLogs(id: $id, tail: $tail) {
      message
    }
  }
`);

interface RunningWharf {
  child: ChildProcess;
  origin: string;
  wsUrl: string;
  output: () => string;
  /** Resolves with the exit code and how long after `since` the process exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
}

/** Starts `bin/wharf.js` on port 0 against the counting proxy and waits for its listening line. */
async function startWharf(): Promise<RunningWharf> {
  // Run as `npm start` runs it: the file itself, with the Node flags of its first line.
  const child = spawn('bin/wharf.js', ['--port', '0', '--docker-host', proxy.dockerHost], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  processes.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() })),
  );
  await waitUntil(
    () => /http:\/\/127\.0\.0\.1:\d+\/graphql/.test(output) || child.exitCode !== null,
    () => `wharf to listen; output: ${output}`,
    { timeoutMs: 20_000 },
  );
  const port = /http:\/\/127\.0\.0\.1:(\d+)\/graphql/.exec(output)?.[1];
  if (!port) throw new Error(`wharf did not start: ${output}`);
  return { child, origin: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/graphql`, output: () => output, exited };
}

async function chattyContainer(): Promise<string> {
  const { id } = await createTestContainer(engine, {
    cmd: ['sh', '-c', 'i=0; while true; do echo "line $i"; i=$((i+1)); sleep 0.1; done'],
  });
  created.push(id);
  return id;
}

/** A container whose export is big enough to be in progress while its reader pauses: 16 MiB written into it. */
async function bigContainer(): Promise<string> {
  const { id } = await createTestContainer(engine, {
    cmd: ['sh', '-c', 'dd if=/dev/zero of=/big bs=1048576 count=16 2>/dev/null; echo written; sleep 1000'],
  });
  created.push(id);
  await waitUntil(
    async () => (await engine.request('GET', `/containers/${id}/logs?stdout=1`)).body.toString().includes('written'),
    'the 16 MiB file',
    {
      timeoutMs: 20_000,
      intervalMs: 100,
    },
  );
  return id;
}

/** Accepts nothing: the port refuses connections. */
function refusesConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('graceful stop', () => {
  it('on SIGTERM, completes open WebSocket and SSE subscriptions, finishes an export, closes the engine streams and exits 0 within 5 s', async () => {
    const logId = await chattyContainer();
    const exportId = await bigContainer();

    const wharf = await startWharf();
    const client = wsClient(wharf.wsUrl);
    const ws = record(client, ShutdownLogLines, { id: logId, tail: 1 });
    const sse = await openSse(`${wharf.origin}/graphql`, ShutdownLogLines, { id: logId, tail: 1 });
    await ws.until(() => ws.results.length >= 3, 'three results', 10_000);
    await waitUntil(() => sse.events.filter((e) => e.event === 'next').length >= 3, 'three SSE events', { timeoutMs: 10_000 });

    // The export starts, and its reader stops reading after the first chunk.
    const exportRes = await fetch(`${wharf.origin}/containers/${exportId}/export`);
    expect(exportRes.status).toBe(200);
    const reader = exportRes.body!.getReader();
    const first = await reader.read();
    let exported = first.value?.byteLength ?? 0;
    // Open on the engine: the one follow both subscribers share, and the export.
    expect(proxy.open()).toBe(2);

    const port = Number(new URL(wharf.origin).port);
    const signalled = performance.now();
    wharf.child.kill('SIGTERM');

    // Clients see a clean end: `complete` on the WebSocket, `complete` on SSE.
    await expect(ws.ended.then(() => ws.state)).resolves.toBe('complete');
    await sse.ended;
    expect(sse.events.at(-1)?.event).toBe('complete');
    // The export goes on to its end once its reader reads again.
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      exported += value.byteLength;
    }
    expect(exported).toBeGreaterThan(16 * 1024 * 1024);

    const exit = await wharf.exited;
    expect({ code: exit.code, signal: exit.signal }).toEqual({ code: 0, signal: null });
    expect(exit.at - signalled).toBeLessThan(5_000);
    expect(await refusesConnections(port)).toBe(true);
    // Nothing is left open on the engine: every upstream request through the proxy has ended.
    await waitUntil(
      () => proxy.open() === 0,
      () => `engine requests to end; open: ${proxy.open()}`,
      { timeoutMs: 2_000 },
    );
    await client.dispose();
  });

  it('lets a mutation in flight over WebSocket and one over HTTP finish, then exits 0 within 5 s', async () => {
    // busybox sleep as pid 1 ignores SIGTERM: each stop takes its whole timeout, 1 s, well inside the 3 s drain even on a loaded machine.
    const viaWs = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    const viaHttp = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    created.push(viaWs.id, viaHttp.id);
    const wharf = await startWharf();
    const client = wsClient(wharf.wsUrl);
    const overWs = record(client, ShutdownStop, { id: viaWs.id, timeout: 1 });
    const overHttp = fetch(`${wharf.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: print(ShutdownStop), variables: { id: viaHttp.id, timeout: 1 } }),
    }).then(async (res) => (await res.json()) as { data?: { stopContainer: { state: string } }; errors?: unknown[] });
    // Both stops are with the engine: the stop request of each is open behind the proxy.
    await waitUntil(
      () => proxy.calls.filter((c) => /\/containers\/[^/]+\/stop$/.test(c.path) && c.closedAt === undefined).length === 2,
      'two stop requests in flight',
      { timeoutMs: 10_000 },
    );
    const signalled = performance.now();
    wharf.child.kill('SIGTERM');

    await expect(overWs.ended.then(() => overWs.state)).resolves.toBe('complete');
    expect(overWs.results).toEqual([{ data: { stopContainer: { id: viaWs.id, state: 'EXITED' } } }]);
    expect(await overHttp).toEqual({ data: { stopContainer: { id: viaHttp.id, state: 'EXITED' } } });
    const exit = await wharf.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(5_000);
    await client.dispose();
  });

  it('on SIGTERM, closes an idle WebSocket as going away, refuses new connections and exits 0', async () => {
    const wharf = await startWharf();
    const port = Number(new URL(wharf.origin).port);
    const ws = new RawSocket(wharf.wsUrl);
    await ws.upgrade;
    const closed = ws.closed.then(({ code }) => code);
    wharf.child.kill('SIGTERM');
    // An idle WebSocket is closed as "going away".
    expect(await closed).toBe(1001);
    expect(await refusesConnections(port)).toBe(true);
    const exit = await wharf.exited;
    expect(exit.code).toBe(0);
  });

  it('on SIGINT, exits 0 as on SIGTERM', async () => {
    const wharf = await startWharf();
    const logId = await chattyContainer();
    const client = wsClient(wharf.wsUrl);
    const ws = record(client, ShutdownLogLines, { id: logId, tail: 1 });
    await ws.until(() => ws.results.length >= 2, 'two results', 10_000);
    const signalled = performance.now();
    wharf.child.kill('SIGINT');
    await expect(ws.ended.then(() => ws.state)).resolves.toBe('complete');
    const exit = await wharf.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(5_000);
    await client.dispose();
  });

  it('cuts an export that outlasts the drain and still exits 0 within 5 s', async () => {
    const id = await bigContainer();
    const wharf = await startWharf();
    const res = await fetch(`${wharf.origin}/containers/${id}/export`);
    const reader = res.body!.getReader();
    await reader.read();
    const signalled = performance.now();
    wharf.child.kill('SIGTERM');
    // The reader never reads again: the stop may not wait for it past its deadline.
    const exit = await wharf.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - signalled).toBeLessThan(5_000);
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'ended';
      })(),
    ).rejects.toThrow();
  });
});
