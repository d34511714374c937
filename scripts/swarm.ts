// Starts a real two-node Docker Swarm (one manager, one worker) out of two private engines, and takes it down again.
import { readFileSync } from 'node:fs';
import { Client } from 'undici';
import { startPrivateEngine, TEST_IMAGE, type PrivateEngine } from './engine.js';

/** A second tag of TEST_IMAGE on both engines: a service updated to it rolls its tasks over without a registry. */
export const TEST_IMAGE_V2 = 'wharf-test/busybox:v2';

const SWARM_PORT = 2377;
const NODES_READY_TIMEOUT_MS = 30_000;
const REQUEST_TIMEOUT_MS = 30_000;

export interface SwarmOptions {
  /** A loopback address of its own for the manager (e.g. 127.0.0.2): it listens there on port 2377. */
  managerAddress: string;
  /** A loopback address of its own for the worker (e.g. 127.0.0.3). */
  workerAddress: string;
}

export interface TestSwarm {
  manager: PrivateEngine;
  worker: PrivateEngine;
  managerNodeId: string;
  workerNodeId: string;
  /** Both nodes leave the swarm, then both engines stop and their directories go. Idempotent. */
  stop(): Promise<void>;
}

interface NodeWire {
  ID: string;
  Spec: { Role: string };
  Status: { State: string; Addr?: string };
}

/**
 * Two private engines, the manager initialising a swarm on `managerAddress` and the worker joining
 * it on `workerAddress`; resolves once the manager sees both nodes Ready. TEST_IMAGE and
 * TEST_IMAGE_V2 exist on both. Whatever it started is stopped again if a step fails.
 */
export async function startSwarm(options: SwarmOptions): Promise<TestSwarm> {
  const started = await Promise.allSettled([startPrivateEngine(), startPrivateEngine()]);
  const engines = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(engines.map((e) => e.stop()));
    throw failed.reason;
  }
  const [manager, worker] = engines as [PrivateEngine, PrivateEngine];

  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopped ??= takeDown(manager, worker);
    return stopped;
  };

  try {
    await Promise.all([tagTestImageV2(manager.socketPath), tagTestImageV2(worker.socketPath)]);
    const { managerAddress: m, workerAddress: w } = options;
    await engineCall(manager.socketPath, 'POST', '/swarm/init', {
      ListenAddr: `${m}:${SWARM_PORT}`,
      AdvertiseAddr: m,
      DataPathAddr: m,
    });
    const swarm = await engineCall<{ JoinTokens: { Worker: string } }>(manager.socketPath, 'GET', '/swarm');
    await engineCall(worker.socketPath, 'POST', '/swarm/join', {
      ListenAddr: `${w}:${SWARM_PORT}`,
      AdvertiseAddr: w,
      DataPathAddr: w,
      RemoteAddrs: [`${m}:${SWARM_PORT}`],
      JoinToken: swarm.JoinTokens.Worker,
    });
    const [managerInfo, workerInfo] = await Promise.all([
      engineCall<{ Swarm: { NodeID: string } }>(manager.socketPath, 'GET', '/info'),
      engineCall<{ Swarm: { NodeID: string } }>(worker.socketPath, 'GET', '/info'),
    ]);
    const managerNodeId = managerInfo.Swarm.NodeID;
    const workerNodeId = workerInfo.Swarm.NodeID;
    await waitForNodesReady(manager.socketPath, [managerNodeId, workerNodeId]);
    return { manager, worker, managerNodeId, workerNodeId, stop };
  } catch (err) {
    await stop();
    throw new Error(`Could not start a two-node swarm on ${options.managerAddress} and ${options.workerAddress}: ${errorMessage(err)}`, {
      cause: err,
    });
  }
}

/** The worker leaves first, so the manager never waits for a node that is going away; then both engines stop. */
async function takeDown(manager: PrivateEngine, worker: PrivateEngine): Promise<void> {
  for (const engine of [worker, manager]) {
    // Best effort: an engine that never joined answers 503, and stop() below ends it either way.
    await engineCall(engine.socketPath, 'POST', '/swarm/leave?force=1').catch(() => undefined);
  }
  await Promise.all([worker.stop(), manager.stop()]);
  const left = mountsUnder([manager.dir, worker.dir]);
  if (left.length > 0) throw new Error(`mounts left behind after the swarm stopped: ${left.join(', ')}`);
}

async function tagTestImageV2(socketPath: string): Promise<void> {
  const [repo, tag] = TEST_IMAGE_V2.split(':') as [string, string];
  const query = new URLSearchParams({ repo, tag });
  await engineCall(socketPath, 'POST', `/images/${TEST_IMAGE}/tag?${query}`);
}

/** Polls the manager's node list until every node in `ids` is Ready (a worker shows as Unknown, then Ready). */
async function waitForNodesReady(socketPath: string, ids: string[]): Promise<void> {
  const deadline = Date.now() + NODES_READY_TIMEOUT_MS;
  let seen = 'no answer yet';
  for (;;) {
    const nodes = await engineCall<NodeWire[]>(socketPath, 'GET', '/nodes');
    if (ids.every((id) => nodes.some((n) => n.ID === id && n.Status.State === 'ready'))) return;
    seen = nodes.map((n) => `${n.ID} ${n.Spec.Role} ${n.Status.State}`).join('; ');
    if (Date.now() > deadline) throw new Error(`the nodes were not all ready within ${NODES_READY_TIMEOUT_MS / 1000} s (${seen})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** One request to an engine's socket; JSON in and out; a status of 400 or more is an error with the engine's message. */
async function engineCall<T = unknown>(socketPath: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
  const client = new Client('http://localhost', { socketPath });
  try {
    const res = await client.request({
      method,
      path,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      headersTimeout: REQUEST_TIMEOUT_MS,
      bodyTimeout: REQUEST_TIMEOUT_MS,
    });
    const text = await res.body.text();
    if (res.statusCode >= 400) throw new Error(`${method} ${path} answered ${res.statusCode}: ${engineMessage(text)}`);
    return (text.trim() ? JSON.parse(text) : undefined) as T;
  } finally {
    await client.close().catch(() => undefined);
  }
}

function mountsUnder(dirs: string[]): string[] {
  let mounts: string;
  try {
    mounts = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return [];
  }
  return mounts
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((mp) => dirs.some((dir) => mp === dir || mp.startsWith(`${dir}/`)));
}

function engineMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 500);
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
