// Container.top against a real engine: titles and processes checked against GET /containers/{id}/top.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { errorCodes, gql, gqlData, startGateway, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Containers made by one test, removed after it. */
const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((id) => removeContainer(engine, id)));
});

const ContainerTop = graphql(`
  query ContainerTop($id: String!, $psArgs: String) {
    container(id: $id) {
      top(psArgs: $psArgs) {
        titles
        processes { pid ppid user command cells }
      }
    }
  }
`);

interface EngineTop {
  Titles: string[];
  Processes: string[][];
}

interface Process {
  pid: number;
  ppid: number | null;
  user: string | null;
  command: string;
  cells: string[];
}

/** Columns whose value ps recomputes on every call (CPU share, CPU time): not comparable between two calls. */
const VOLATILE = new Set(['C', '%CPU', 'TIME', '%MEM']);

function topQuery(psArgs?: string): string {
  return psArgs === undefined ? '' : `?ps_args=${encodeURIComponent(psArgs)}`;
}

async function engineTop(id: string, psArgs?: string): Promise<EngineTop> {
  return engine.json<EngineTop>('GET', `/containers/${id}/top${topQuery(psArgs)}`);
}

/** The engine's rows read by their titles, as the contract's Process describes them. */
function expectedProcesses(top: EngineTop): Process[] {
  const column = (...names: string[]) => top.Titles.findIndex((t) => names.includes(t));
  const pid = column('PID');
  const ppid = column('PPID');
  const user = column('UID', 'USER');
  const command = column('CMD', 'COMMAND');
  return top.Processes.map((cells) => ({
    pid: Number(cells[pid]),
    ppid: ppid === -1 ? null : Number(cells[ppid]),
    user: user === -1 ? null : cells[user]!,
    command: cells[command]!,
    cells,
  }));
}

/** The volatile cells blanked, so that two calls of ps can be compared. */
function stable(titles: string[], processes: Process[]): Process[] {
  return processes.map((p) => ({ ...p, cells: p.cells.map((cell, i) => (VOLATILE.has(titles[i]!) ? '*' : cell)) }));
}

async function topOf(id: string, psArgs?: string): Promise<{ titles: string[]; processes: Process[] }> {
  const data = await gqlData(gateway.url, ContainerTop, psArgs === undefined ? { id } : { id, psArgs });
  expect(data.container).not.toBeNull();
  return data.container!.top;
}

describe('Container.top of a running container', () => {
  /** sh with two sleeping children. */
  let running: string;
  beforeAll(async () => {
    ({ id: running } = await createTestContainer(engine, { cmd: ['sh', '-c', 'sleep 300 & sleep 301; wait'] }));
    const deadline = Date.now() + 5_000;
    while ((await engineTop(running)).Processes.length < 3) {
      if (Date.now() > deadline) throw new Error('the container did not start its two children');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });
  afterAll(async () => {
    await removeContainer(engine, running);
  });

  it("has the engine's titles and processes (ps -ef), each read by its column", async () => {
    const top = await topOf(running);
    const wire = await engineTop(running);
    expect(top.titles).toEqual(wire.Titles);
    expect(stable(top.titles, top.processes)).toEqual(stable(wire.Titles, expectedProcesses(wire)));
    expect(top.titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
  });

  it("names the main process by the engine's pid, and it is the parent of the other two", async () => {
    const { State } = await engine.json<{ State: { Pid: number } }>('GET', `/containers/${running}/json`);
    const { processes } = await topOf(running);
    expect(processes.map((p) => p.command)).toEqual(['sh -c sleep 300 & sleep 301; wait', 'sleep 300', 'sleep 301']);
    const [main, ...children] = processes;
    expect(main!.pid).toBe(State.Pid);
    for (const child of children) expect(child.ppid).toBe(State.Pid);
    expect(processes.every((p) => p.user === 'root')).toBe(true);
  });

  it("passes psArgs '-o pid,comm' to ps: no ppid nor user column, command from COMMAND", async () => {
    const top = await topOf(running, '-o pid,comm');
    const wire = await engineTop(running, '-o pid,comm');
    expect(top).toEqual({ titles: wire.Titles, processes: expectedProcesses(wire) });
    expect(top.titles).toEqual(['PID', 'COMMAND']);
    expect(top.processes.map((p) => [p.ppid, p.user, p.command])).toEqual([
      [null, null, 'sh'],
      [null, null, 'sleep'],
      [null, null, 'sleep'],
    ]);
  });

  it("passes psArgs 'aux' to ps: user from USER, no ppid", async () => {
    const top = await topOf(running, 'aux');
    const wire = await engineTop(running, 'aux');
    expect(top.titles).toEqual(wire.Titles);
    expect(stable(top.titles, top.processes)).toEqual(stable(wire.Titles, expectedProcesses(wire)));
    expect(top.titles).toEqual(expect.arrayContaining(['USER', 'PID', 'COMMAND']));
    expect(top.processes.map((p) => [p.user, p.ppid, p.command])).toEqual([
      ['root', null, 'sh -c sleep 300 & sleep 301; wait'],
      ['root', null, 'sleep 300'],
      ['root', null, 'sleep 301'],
    ]);
  });

  it("passes psArgs '-o pid,ppid,user,args' to ps", async () => {
    const top = await topOf(running, '-o pid,ppid,user,args');
    const wire = await engineTop(running, '-o pid,ppid,user,args');
    expect(top).toEqual({ titles: wire.Titles, processes: expectedProcesses(wire) });
    expect(top.processes[1]).toMatchObject({ ppid: top.processes[0]!.pid, user: 'root', command: 'sleep 300' });
  });

  it("reports ps's refusal of its arguments as DOCKER_ERROR with the engine's message", async () => {
    const refused = await engine.request('GET', `/containers/${running}/top${topQuery('--no-such-option')}`);
    expect(refused.status).toBe(500);
    const engineMessage = (JSON.parse(refused.body.toString('utf8')) as { message: string }).message;
    const result = await gql(gateway.url, ContainerTop, { id: running, psArgs: '--no-such-option' });
    expect(errorCodes(result)).toEqual(['DOCKER_ERROR']);
    expect(result.errors?.[0]?.message).toContain(engineMessage);
  });
});

describe('Container.top of a container that is not running', () => {
  it('is CONFLICT for a created container, as the engine refuses it', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'], start: false });
    created.push(id);
    expect((await engine.request('GET', `/containers/${id}/top`)).status).toBe(409);
    const result = await gql(gateway.url, ContainerTop, { id });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect(result.errors?.[0]?.path).toEqual(['container', 'top']);
  });

  it('is CONFLICT for an exited container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'] });
    created.push(id);
    await engine.json('POST', `/containers/${id}/wait`);
    const result = await gql(gateway.url, ContainerTop, { id });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
  });

  it('answers null, without an error, for a removed container', async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
    await removeContainer(engine, id);
    const result = await gql(gateway.url, ContainerTop, { id });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ container: null });
  });

  it('is NOT_FOUND when the container is removed after it was found and before top reaches the engine', async () => {
    const hold = await startTopHoldingProxy(inject('dockerSocket'));
    const held = await startGateway(hold.dockerHost);
    try {
      const { id } = await createTestContainer(engine, { cmd: ['sleep', '300'] });
      created.push(id);
      const pending = gql(held.url, ContainerTop, { id });
      await hold.arrived;
      await removeContainer(engine, id);
      hold.release();
      const result = await pending;
      expect(errorCodes(result)).toEqual(['NOT_FOUND']);
      expect(result.data).toEqual({ container: null });
    } finally {
      await held.close();
      await hold.close();
    }
  });
});

/** A pass-through proxy to the engine that holds each GET .../top until released. */
async function startTopHoldingProxy(targetSocket: string): Promise<{
  dockerHost: string;
  /** Resolves when the first top request has come in. */
  arrived: Promise<void>;
  release(): void;
  close(): Promise<void>;
}> {
  const dir = mkdtempSync('/tmp/wharf-hold.');
  const socketPath = join(dir, 'proxy.sock');
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  let signalArrival = (): void => undefined;
  const arrived = new Promise<void>((resolve) => (signalArrival = resolve));

  const server = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request({ socketPath: targetSocket, method: req.method, path: req.url, headers: req.headers }, (ures) => {
        res.writeHead(ures.statusCode ?? 502, ures.headers);
        ures.pipe(res);
      });
      upstream.once('error', () => res.destroy());
      req.pipe(upstream);
    };
    if (/\/containers\/[^/]+\/top(\?|$)/.test(req.url ?? '')) {
      signalArrival();
      void released.then(forward);
    } else {
      forward();
    }
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    dockerHost: `unix://${socketPath}`,
    arrived,
    release,
    async close() {
      release();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
