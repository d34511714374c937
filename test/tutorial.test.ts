// The Docker Remote API tutorial (reference/seed-docker-remote-api-tutorial.txt), its curl sessions in order, through Wharf.
//
// The tutorial works on three containers: a running registry (top, logs, export), a fresh one
// created with `Cmd: ["date"]` (inspect, start with binds and port bindings) and an older one
// (stop, restart, kill). Each step goes through GraphQL or the export route and is checked against
// what the engine itself answers for the same curl request.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import { createTestContainer, rawEngine, removeContainer, TEST_LABEL } from './helpers/engine-api.js';
import { gqlData, startGateway, type TestGateway } from './helpers/gateway.js';

const engine = rawEngine(inject('dockerSocket'));
let gateway: TestGateway;

/** The tutorial's 27ab5fdd7ff0: a running service with a parent and two children, logging to stdout and stderr. */
let registry: { id: string; name: string };
/** The tutorial's angry_fermi: exited with a non-zero code. */
let failed: { id: string; name: string };
/** The tutorial's a716706a96dc: stopped, restarted and killed; it honours SIGTERM. */
let happy: { id: string; name: string };
/** The tutorial's 37ce0155248072b3c6a: created with `date`, started later. */
let createdId: string | undefined;

beforeAll(async () => {
  gateway = await startGateway(inject('dockerHost'));
  registry = await createTestContainer(engine, {
    cmd: [
      'sh',
      '-c',
      'echo "registry listening on :5000"; echo "DEBUG: Will return docker-registry.drivers.file.Storage" >&2; ' +
        'sleep 3600 & sleep 3600 & wait',
    ],
    extra: {
      ExposedPorts: { '5000/tcp': {} },
      HostConfig: { PortBindings: { '5000/tcp': [{ HostIp: '0.0.0.0', HostPort: '5000' }] } },
    },
  });
  failed = await createTestContainer(engine, { cmd: ['sh', '-c', 'exit 100'] });
  await engine.json('POST', `/containers/${failed.id}/wait`);
  happy = await createTestContainer(engine, { cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'] });
  // Until the registry has written both lines, its logs are not what the steps below compare.
  await untilLogged(registry.id, 2);
});

afterAll(async () => {
  await Promise.all(
    [registry?.id, failed?.id, happy?.id, createdId].filter((id): id is string => Boolean(id)).map((id) => removeContainer(engine, id)),
  );
  await gateway?.close();
  await engine.close();
});

interface EngineSummary {
  Id: string;
  Names: string[];
  Image: string;
  Command: string;
  Created: number;
  State: string;
  Status: string;
  Ports: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }>;
}

interface EngineInspect {
  Id: string;
  Name: string;
  Path: string;
  Args: string[];
  State: { Status: string; Running: boolean; Pid: number; ExitCode: number; StartedAt: string; FinishedAt: string };
  Config: {
    Hostname: string;
    User: string;
    Env: string[] | null;
    Cmd: string[] | null;
    Tty: boolean;
    OpenStdin: boolean;
    ExposedPorts: Record<string, object> | null;
    Volumes: Record<string, object> | null;
    WorkingDir: string;
    Entrypoint: string[] | null;
  };
  HostConfig: {
    Binds: string[] | null;
    PortBindings: Record<string, Array<{ HostIp: string; HostPort: string }>> | null;
    PublishAllPorts: boolean;
    Privileged: boolean;
    NetworkMode: string;
  };
  Mounts: Array<{ Type: string; Source: string; Destination: string }>;
}

const inspectRaw = (id: string) => engine.json<EngineInspect>('GET', `/containers/${id}/json`);
const realTime = (time: string) => (time.startsWith('0001-01-01') ? null : time);

/** Docker's status text with its durations blanked out: two reads a second apart still compare equal. */
const statusShape = (status: string) =>
  status.replace(/(Less than a second|About a minute|About an hour|\d+ (seconds?|minutes|hours|days|weeks|months|years))/, '<time>');

interface RawLogLine {
  stream: 'STDOUT' | 'STDERR';
  timestamp: string;
  message: string;
}

/** GET /containers/{id}/logs?stdout=1&stderr=1&timestamps=1, demultiplexed by hand. */
async function rawLogs(id: string): Promise<RawLogLine[]> {
  const res = await engine.request('GET', `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1`);
  expect(res.status).toBe(200);
  const lines: RawLogLine[] = [];
  const pending: Record<'STDOUT' | 'STDERR', string> = { STDOUT: '', STDERR: '' };
  for (let at = 0; at + 8 <= res.body.length; ) {
    const stream = res.body[at] === 2 ? 'STDERR' : 'STDOUT';
    const size = res.body.readUInt32BE(at + 4);
    pending[stream] += res.body.toString('utf8', at + 8, at + 8 + size);
    at += 8 + size;
    let newline = pending[stream].indexOf('\n');
    while (newline !== -1) {
      const line = pending[stream].slice(0, newline);
      pending[stream] = pending[stream].slice(newline + 1);
      const space = line.indexOf(' ');
      lines.push({ stream, timestamp: line.slice(0, space), message: line.slice(space + 1) });
      newline = pending[stream].indexOf('\n');
    }
  }
  return lines;
}

async function untilLogged(id: string, lines: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while ((await rawLogs(id)).length < lines) {
    if (Date.now() > deadline) throw new Error(`container ${id} did not log ${lines} lines in time`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The entries of a tar archive: name and size, from the 512-byte ustar headers. */
function tarEntries(tar: Buffer): Array<{ name: string; size: number }> {
  const entries: Array<{ name: string; size: number }> = [];
  let longName: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((byte) => byte === 0)) break;
    const field = (from: number, length: number) => header.toString('utf8', from, from + length).replace(/\0.*$/s, '');
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    const body = at + 512;
    at = body + Math.ceil(size / 512) * 512;
    if (type === 'L') {
      longName = tar.toString('utf8', body, body + size).replace(/\0.*$/s, '');
      continue;
    }
    if (type === 'x' || type === 'g') continue;
    const prefix = field(345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(0, 100)}` : field(0, 100));
    longName = undefined;
    entries.push({ name: name.replace(/^\.\//, ''), size });
  }
  return entries;
}

const TutorialListAll = graphql(`
  query TutorialListAll {
    containers(all: true) {
      id
      names
      image
      command
      createdAt
      state
      status
      ports { ip privatePort publicPort type }
    }
  }
`);

const TutorialCreate = graphql(`
  mutation TutorialCreate($input: CreateContainerInput!) {
    createContainer(input: $input) { id shortId state }
  }
`);

const TutorialInspect = graphql(`
  query TutorialInspect($id: String!) {
    container(id: $id) {
      id
      name
      inspect {
        path
        args
        state { status running pid exitCode startedAt finishedAt }
        config { hostname user env cmd entrypoint tty openStdin exposedPorts volumes workingDir }
        hostConfig { binds portBindings { containerPort hostIp hostPort } publishAllPorts privileged networkMode }
        raw
      }
    }
  }
`);

const TutorialTop = graphql(`
  query TutorialTop($id: String!) {
    container(id: $id) {
      id
      top { titles processes { pid ppid user command cells } }
    }
  }
`);

const TutorialLogs = graphql(`
  query TutorialLogs($id: String!) {
    container(id: $id) {
      id
      logs(stdout: true, stderr: true) { stream timestamp message }
    }
  }
`);

const TutorialExportUrl = graphql(`
  query TutorialExportUrl($id: String!) {
    container(id: $id) { id exportUrl }
  }
`);

const TutorialStart = graphql(`
  mutation TutorialStart($id: String!) {
    startContainer(id: $id) { id inspect { state { startedAt } } }
  }
`);

const TutorialStop = graphql(`
  mutation TutorialStop($id: String!, $timeout: Int) {
    stopContainer(id: $id, timeout: $timeout) { id state inspect { state { running exitCode finishedAt } } }
  }
`);

const TutorialRestart = graphql(`
  mutation TutorialRestart($id: String!, $timeout: Int) {
    restartContainer(id: $id, timeout: $timeout) { id state inspect { state { running pid startedAt } } }
  }
`);

const TutorialKill = graphql(`
  mutation TutorialKill($id: String!) {
    killContainer(id: $id) { id state status inspect { state { running exitCode } } }
  }
`);

const TutorialPsA = graphql(`
  query TutorialPsA($id: String!) {
    containers(all: true, filters: { id: [$id] }) { id image command state status name }
  }
`);

describe('the Docker Remote API tutorial, through Wharf', () => {
  it('GET /containers/json?all=1: lists running and exited containers as the engine does', async () => {
    const data = await gqlData(gateway.url, TutorialListAll, {});
    const listed = await engine.json<EngineSummary[]>('GET', '/containers/json?all=1');
    // Other test files share the engine: compare the tutorial's own containers, in the engine's order.
    const ours = new Set([registry.id, failed.id, happy.id]);
    const fromEngine = listed.filter((c) => ours.has(c.Id));
    const fromWharf = data.containers.filter((c) => ours.has(c.id));
    expect(fromWharf.map((c) => c.id)).toEqual(fromEngine.map((c) => c.Id));
    expect(fromWharf.map((c) => c.id)).toEqual([happy.id, failed.id, registry.id]);

    for (const [i, summary] of fromEngine.entries()) {
      const container = fromWharf[i]!;
      expect(container).toEqual({
        id: summary.Id,
        names: summary.Names.map((n) => n.replace(/^\//, '')),
        image: summary.Image,
        command: summary.Command,
        createdAt: new Date(summary.Created * 1000).toISOString().replace('.000Z', 'Z'),
        state: summary.State.toUpperCase(),
        status: expect.any(String),
        ports: summary.Ports.map((p) => ({ ip: p.IP ?? null, privatePort: p.PrivatePort, publicPort: p.PublicPort ?? null, type: p.Type })),
      });
      expect(statusShape(container.status)).toBe(statusShape(summary.Status));
    }
    expect(fromWharf.find((c) => c.id === failed.id)?.status).toMatch(/^Exited \(100\) /);
    expect(fromWharf.find((c) => c.id === registry.id)?.status).toMatch(/^Up /);
  });

  it('POST /containers/create: Cmd ["date"], Volumes /tmp, ExposedPorts 22/tcp, and the binds and port bindings of its start', async () => {
    // The tutorial passes Binds and PortBindings to start, which API 1.24 and later refuse: they belong to create.
    const data = await gqlData(gateway.url, TutorialCreate, {
      input: {
        image: TEST_IMAGE,
        hostname: '',
        user: '',
        tty: false,
        openStdin: false,
        cmd: ['date'],
        volumes: ['/tmp'],
        workingDir: '',
        exposedPorts: ['22/tcp'],
        labels: [{ key: TEST_LABEL, value: '1' }],
        hostConfig: {
          binds: ['/tmp:/tmp'],
          portBindings: [{ containerPort: '22/tcp', hostPort: '11022' }],
          publishAllPorts: false,
          privileged: false,
        },
      },
    });
    createdId = data.createContainer.id;
    expect(createdId).toMatch(/^[0-9a-f]{64}$/);
    expect(data.createContainer.shortId).toBe(createdId.slice(0, 12));
    expect(data.createContainer.state).toBe('CREATED');

    const raw = await inspectRaw(createdId);
    expect(raw.Config.Cmd).toEqual(['date']);
    expect(raw.Config.Volumes).toEqual({ '/tmp': {} });
    expect(raw.Config.ExposedPorts).toEqual({ '22/tcp': {} });
    expect(raw.Config.Tty).toBe(false);
    expect(raw.Config.OpenStdin).toBe(false);
    // No hostname given: the engine names the host after the short id, as in the tutorial's inspect.
    expect(raw.Config.Hostname).toBe(createdId.slice(0, 12));
    expect(raw.HostConfig.Binds).toEqual(['/tmp:/tmp']);
    expect(raw.HostConfig.PortBindings).toEqual({ '22/tcp': [{ HostIp: '', HostPort: '11022' }] });
    expect(raw.HostConfig.PublishAllPorts).toBe(false);
    expect(raw.HostConfig.Privileged).toBe(false);
    expect(raw.State.Running).toBe(false);
    expect(raw.State.StartedAt).toMatch(/^0001-01-01/);
  });

  it('GET /containers/(id)/json: the created container as the engine inspects it', async () => {
    const id = createdId!;
    const data = await gqlData(gateway.url, TutorialInspect, { id });
    const raw = await inspectRaw(id);
    const container = data.container!;
    expect(container.id).toBe(raw.Id);
    expect(container.name).toBe(raw.Name.replace(/^\//, ''));
    expect(container.inspect).toEqual({
      path: 'date',
      args: [],
      state: { status: 'created', running: false, pid: 0, exitCode: 0, startedAt: null, finishedAt: null },
      config: {
        hostname: raw.Config.Hostname,
        user: '',
        env: raw.Config.Env ?? [],
        cmd: ['date'],
        entrypoint: raw.Config.Entrypoint,
        tty: false,
        openStdin: false,
        exposedPorts: ['22/tcp'],
        volumes: ['/tmp'],
        workingDir: '',
      },
      hostConfig: {
        binds: ['/tmp:/tmp'],
        portBindings: [{ containerPort: '22/tcp', hostIp: null, hostPort: '11022' }],
        publishAllPorts: false,
        privileged: false,
        networkMode: raw.HostConfig.NetworkMode,
      },
      raw,
    });
  });

  it('GET /containers/(id)/top: the processes of the running registry, by its short id', async () => {
    const data = await gqlData(gateway.url, TutorialTop, { id: registry.id.slice(0, 12) });
    const top = await engine.json<{ Titles: string[]; Processes: string[][] }>('GET', `/containers/${registry.id}/top`);
    expect(top.Processes).toHaveLength(3);
    const processes = data.container!.top.processes;
    expect(data.container!.id).toBe(registry.id);
    expect(data.container!.top.titles).toEqual(top.Titles);
    expect(top.Titles).toEqual(['UID', 'PID', 'PPID', 'C', 'STIME', 'TTY', 'TIME', 'CMD']);
    expect(processes).toEqual(
      top.Processes.map((cells) => ({
        pid: Number(cells[1]),
        ppid: Number(cells[2]),
        user: cells[0],
        command: cells[7],
        cells: expect.any(Array),
      })),
    );
    // The two sleeps are children of the shell, as the gunicorn workers were of their master.
    const shell = processes.find((p) => p.command.startsWith('sh '));
    expect(processes.filter((p) => p.command === 'sleep 3600').map((p) => p.ppid)).toEqual([shell?.pid, shell?.pid]);
    for (const [i, process] of processes.entries()) {
      expect(process.cells.filter((_cell, column) => column !== 3 && column !== 6)).toEqual(
        top.Processes[i]!.filter((_cell, column) => column !== 3 && column !== 6),
      );
    }
  });

  it('GET /containers/(id)/logs?stderr=1&stdout=1&timestamps=1: both streams, timestamped', async () => {
    const data = await gqlData(gateway.url, TutorialLogs, { id: registry.id.slice(0, 12) });
    const raw = await rawLogs(registry.id);
    expect(data.container!.logs).toEqual(raw);
    expect(raw.map(({ stream, message }) => ({ stream, message }))).toEqual(
      expect.arrayContaining([
        { stream: 'STDOUT', message: 'registry listening on :5000' },
        { stream: 'STDERR', message: 'DEBUG: Will return docker-registry.drivers.file.Storage' },
      ]),
    );
    for (const line of data.container!.logs) expect(line.timestamp).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{1,9}Z$/);
  });

  it('GET /containers/(id)/export: the filesystem as a tar, entry for entry what the engine exports', async () => {
    const data = await gqlData(gateway.url, TutorialExportUrl, { id: registry.id.slice(0, 12) });
    expect(data.container!.exportUrl).toBe(`/containers/${registry.id}/export`);
    const res = await fetch(`${gateway.origin}${data.container!.exportUrl}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    const tar = Buffer.from(await res.arrayBuffer());
    const direct = await engine.request('GET', `/containers/${registry.id}/export`);
    expect(direct.status).toBe(200);

    const entries = tarEntries(tar);
    expect(entries.map((e) => e.name)).toContain('bin/busybox');
    expect(entries.find((e) => e.name === 'bin/busybox')?.size).toBeGreaterThan(100_000);
    expect(entries).toEqual(tarEntries(direct.body));
    expect(tar.length).toBe(direct.body.length);
  });

  it('POST /containers/(id)/start: by an id prefix, with its binds and port bindings in effect', async () => {
    const id = createdId!;
    const data = await gqlData(gateway.url, TutorialStart, { id: id.slice(0, 19) });
    expect(data.startContainer.id).toBe(id);
    const started = await inspectRaw(id);
    expect(realTime(started.State.StartedAt)).not.toBeNull();
    expect(data.startContainer.inspect.state.startedAt).toBe(started.State.StartedAt);
    expect(started.Mounts).toEqual(
      expect.arrayContaining([expect.objectContaining({ Type: 'bind', Source: '/tmp', Destination: '/tmp' })]),
    );
    expect(started.HostConfig.PortBindings).toEqual({ '22/tcp': [{ HostIp: '', HostPort: '11022' }] });

    const waited = await engine.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
    expect(waited.StatusCode).toBe(0);
    const logs = await gqlData(gateway.url, TutorialLogs, { id });
    expect(logs.container!.logs).toEqual(await rawLogs(id));
    expect(logs.container!.logs).toHaveLength(1);
    expect(logs.container!.logs[0]).toMatchObject({ stream: 'STDOUT', message: expect.stringMatching(/ UTC \d{4}$/) });
  });

  it('POST /containers/(id)/stop?t=5: stops the container, which honours SIGTERM well within t', async () => {
    const started = Date.now();
    const data = await gqlData(gateway.url, TutorialStop, { id: happy.id.slice(0, 12), timeout: 5 });
    expect(Date.now() - started).toBeLessThan(5_000);
    const raw = await inspectRaw(happy.id);
    expect(raw.State.Status).toBe('exited');
    expect(raw.State.ExitCode).toBe(0);
    expect(data.stopContainer).toEqual({
      id: happy.id,
      state: 'EXITED',
      inspect: { state: { running: false, exitCode: 0, finishedAt: raw.State.FinishedAt } },
    });
  });

  it('POST /containers/(id)/restart?t=5: runs again, with a new start time', async () => {
    const before = await inspectRaw(happy.id);
    const data = await gqlData(gateway.url, TutorialRestart, { id: happy.id.slice(0, 12), timeout: 5 });
    const raw = await inspectRaw(happy.id);
    expect(raw.State.Running).toBe(true);
    expect(raw.State.StartedAt).not.toBe(before.State.StartedAt);
    expect(data.restartContainer).toEqual({
      id: happy.id,
      state: 'RUNNING',
      inspect: { state: { running: true, pid: raw.State.Pid, startedAt: raw.State.StartedAt } },
    });
  });

  it('POST /containers/(id)/kill, then docker ps -a: killed, Exited (137)', async () => {
    const data = await gqlData(gateway.url, TutorialKill, { id: happy.id.slice(0, 12) });
    const raw = await inspectRaw(happy.id);
    expect(raw.State.Running).toBe(false);
    expect(raw.State.ExitCode).toBe(137);
    expect(data.killContainer).toEqual({
      id: happy.id,
      state: 'EXITED',
      status: expect.stringMatching(/^Exited \(137\) /),
      inspect: { state: { running: false, exitCode: 137 } },
    });

    const ps = await gqlData(gateway.url, TutorialPsA, { id: happy.id });
    const [summary] = await engine.json<EngineSummary[]>(
      'GET',
      `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [happy.id] }))}`,
    );
    expect(ps.containers).toEqual([
      {
        id: happy.id,
        image: summary!.Image,
        command: summary!.Command,
        state: 'EXITED',
        status: expect.stringMatching(/^Exited \(137\) /),
        name: happy.name,
      },
    ]);
    expect(statusShape(ps.containers[0]!.status)).toBe(statusShape(summary!.Status));
  });
});
