// The lifecycle mutations against a real engine: each one's effect and answer checked against the engine's own inspect.
import { mkdtemp, rm } from 'node:fs/promises';
import type { ContainerInspectWire } from '../src/docker/types.js';
import { afterEach, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import type { LifecycleContainerFragment } from './gql/graphql.js';
import { createTestContainer, removeContainer, TEST_LABEL, uniqueName } from './helpers/engine-api.js';
import { errorCodes, gql, gqlData, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Every container a test made or may have made, by id or name; removed after each test. */
const made = new Set<string>();
afterEach(async () => {
  await Promise.all([...made].map((ref) => removeContainer(engine, ref)));
  made.clear();
});

async function testContainer(cmd: string[], options: { start?: boolean } = {}): Promise<{ id: string; name: string }> {
  const container = await createTestContainer(engine, { cmd, start: options.start ?? true });
  made.add(container.id);
  return container;
}

/** busybox `sleep` as pid 1 ignores SIGTERM: a stop waits the whole timeout, then kills (exit 137). */
const IGNORES_TERM = ['sleep', '300'];
/** Stops promptly on SIGTERM, with exit code 0. */
const HONOURS_TERM = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];
const TEST_LABEL_INPUT = { key: TEST_LABEL, value: '1' };

type EngineInspect = ContainerInspectWire;

const inspectRaw = (ref: string) => engine.json<EngineInspect>('GET', `/containers/${encodeURIComponent(ref)}/json`);

async function engineStatusOf(ref: string): Promise<number> {
  return (await engine.request('GET', `/containers/${encodeURIComponent(ref)}/json`)).status;
}

const realTime = (time: string) => (time.startsWith('0001-01-01') ? null : time);

/** The lifecycle answer the engine's inspect implies. */
function asEngineReports(raw: EngineInspect): Omit<LifecycleContainerFragment, 'status'> {
  return {
    id: raw.Id,
    name: raw.Name.replace(/^\//, ''),
    state: raw.State.Status.toUpperCase() as LifecycleContainerFragment['state'],
    inspect: {
      restartCount: raw.RestartCount,
      state: {
        status: raw.State.Status,
        running: raw.State.Running,
        paused: raw.State.Paused,
        restarting: raw.State.Restarting,
        oomKilled: raw.State.OOMKilled,
        dead: raw.State.Dead,
        pid: raw.State.Pid,
        exitCode: raw.State.ExitCode,
        error: raw.State.Error,
        startedAt: realTime(raw.State.StartedAt),
        finishedAt: realTime(raw.State.FinishedAt),
      },
    },
  };
}

graphql(`
  fragment LifecycleContainer on Container {
    id
    name
    state
    status
    inspect {
      restartCount
      state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }
    }
  }
`);

const LifecycleCreate = graphql(`
  mutation LifecycleCreate($input: CreateContainerInput!) {
    createContainer(input: $input) {
      ...LifecycleContainer
      inspect {
        path
        args
        config {
          hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes
          labels { key value }
        }
        hostConfig {
          binds
          portBindings { containerPort hostIp hostPort }
          publishAllPorts privileged networkMode autoRemove
          restartPolicy { name maximumRetryCount }
          memory memorySwap nanoCpus cpuShares pidsLimit capAdd capDrop readonlyRootfs
          mounts { type source target readOnly }
          pidMode ipcMode utsMode
        }
      }
    }
  }
`);

const LifecycleStart = graphql(`
  mutation LifecycleStart($id: String!) {
    startContainer(id: $id) { ...LifecycleContainer }
  }
`);

const LifecycleStop = graphql(`
  mutation LifecycleStop($id: String!, $timeout: Int) {
    stopContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }
  }
`);

const LifecycleRestart = graphql(`
  mutation LifecycleRestart($id: String!, $timeout: Int) {
    restartContainer(id: $id, timeout: $timeout) { ...LifecycleContainer }
  }
`);

const LifecycleKill = graphql(`
  mutation LifecycleKill($id: String!, $signal: String) {
    killContainer(id: $id, signal: $signal) { ...LifecycleContainer }
  }
`);

const LifecyclePause = graphql(`
  mutation LifecyclePause($id: String!) {
    pauseContainer(id: $id) { ...LifecycleContainer }
  }
`);

const LifecycleUnpause = graphql(`
  mutation LifecycleUnpause($id: String!) {
    unpauseContainer(id: $id) { ...LifecycleContainer }
  }
`);

const LifecycleRename = graphql(`
  mutation LifecycleRename($id: String!, $name: String!) {
    renameContainer(id: $id, name: $name) { ...LifecycleContainer }
  }
`);

const LifecycleRemove = graphql(`
  mutation LifecycleRemove($id: String!, $force: Boolean, $volumes: Boolean) {
    removeContainer(id: $id, force: $force, volumes: $volumes)
  }
`);

describe('createContainer', () => {
  it('records every container setting of the input in the engine, and does not start it by default', async () => {
    const name = uniqueName('wharf-create-config');
    made.add(name);
    const data = await gqlData(gateway.url, LifecycleCreate, {
      input: {
        image: TEST_IMAGE,
        name,
        entrypoint: ['/bin/sh'],
        cmd: ['-c', 'echo "$GREETING"'],
        env: ['GREETING=hello world', 'EMPTY='],
        labels: [TEST_LABEL_INPUT, { key: 'tier', value: 'web' }],
        workingDir: '/tmp',
        user: '1000:1000',
        hostname: 'wharf-host',
        tty: true,
        openStdin: true,
        exposedPorts: ['22/tcp', '53/udp'],
        volumes: ['/data', '/cache'],
      },
    });
    const raw = await inspectRaw(name);

    expect(raw.Name).toBe(`/${name}`);
    expect(raw.State.Status).toBe('created');
    expect(raw.Config.Entrypoint).toEqual(['/bin/sh']);
    expect(raw.Config.Cmd).toEqual(['-c', 'echo "$GREETING"']);
    expect(raw.Config.Env).toEqual(expect.arrayContaining(['GREETING=hello world', 'EMPTY=']));
    expect(raw.Config.Labels).toEqual({ [TEST_LABEL]: '1', tier: 'web' });
    expect(raw.Config.WorkingDir).toBe('/tmp');
    expect(raw.Config.User).toBe('1000:1000');
    expect(raw.Config.Hostname).toBe('wharf-host');
    expect(raw.Config.Tty).toBe(true);
    expect(raw.Config.OpenStdin).toBe(true);
    expect(raw.Config.ExposedPorts).toEqual({ '22/tcp': {}, '53/udp': {} });
    expect(raw.Config.Volumes).toEqual({ '/data': {}, '/cache': {} });

    const created = data.createContainer;
    expect(created).toMatchObject(asEngineReports(raw));
    expect(created.status).toBe('Created');
    expect(created.inspect.path).toBe('/bin/sh');
    expect(created.inspect.args).toEqual(['-c', 'echo "$GREETING"']);
    expect(created.inspect.config).toEqual({
      hostname: raw.Config.Hostname,
      user: raw.Config.User,
      image: raw.Config.Image,
      workingDir: raw.Config.WorkingDir,
      env: raw.Config.Env,
      cmd: raw.Config.Cmd,
      entrypoint: raw.Config.Entrypoint,
      tty: raw.Config.Tty,
      openStdin: raw.Config.OpenStdin,
      exposedPorts: Object.keys(raw.Config.ExposedPorts ?? {}).sort(),
      volumes: Object.keys(raw.Config.Volumes ?? {}).sort(),
      labels: expect.arrayContaining([
        { key: TEST_LABEL, value: '1' },
        { key: 'tier', value: 'web' },
      ]),
    });
    expect(created.inspect.config.labels).toHaveLength(2);
  });

  it('records binds, port bindings, publishAllPorts, privileged, networkMode, restart policy and mounts', async () => {
    const hostDir = await mkdtemp('/tmp/wharf-bind.');
    try {
      const name = uniqueName('wharf-create-host');
      made.add(name);
      const data = await gqlData(gateway.url, LifecycleCreate, {
        input: {
          image: TEST_IMAGE,
          name,
          cmd: ['sleep', '300'],
          labels: [TEST_LABEL_INPUT],
          exposedPorts: ['22/tcp'],
          hostConfig: {
            binds: [`${hostDir}:/host-data:ro`],
            portBindings: [
              { containerPort: '22/tcp', hostIp: '127.0.0.1', hostPort: '11022' },
              { containerPort: '22/tcp', hostPort: '12022' },
              { containerPort: '53/udp', hostPort: '11053' },
            ],
            publishAllPorts: true,
            privileged: true,
            networkMode: 'none',
            restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
            mounts: [
              { type: 'tmpfs', target: '/scratch' },
              { type: 'bind', source: hostDir, target: '/mnt/bound', readOnly: true },
            ],
          },
        },
      });
      const raw = await inspectRaw(name);

      expect(raw.HostConfig.Binds).toEqual([`${hostDir}:/host-data:ro`]);
      expect(raw.HostConfig.PortBindings).toEqual({
        '22/tcp': [
          { HostIp: '127.0.0.1', HostPort: '11022' },
          { HostIp: '', HostPort: '12022' },
        ],
        '53/udp': [{ HostIp: '', HostPort: '11053' }],
      });
      expect(raw.HostConfig.PublishAllPorts).toBe(true);
      expect(raw.HostConfig.Privileged).toBe(true);
      expect(raw.HostConfig.NetworkMode).toBe('none');
      expect(raw.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
      expect(raw.HostConfig.Mounts).toEqual([
        { Type: 'tmpfs', Target: '/scratch' },
        { Type: 'bind', Source: hostDir, Target: '/mnt/bound', ReadOnly: true },
      ]);

      const hostConfig = data.createContainer.inspect.hostConfig;
      expect(hostConfig).toMatchObject({
        binds: raw.HostConfig.Binds,
        portBindings: expect.arrayContaining([
          { containerPort: '22/tcp', hostIp: '127.0.0.1', hostPort: '11022' },
          { containerPort: '22/tcp', hostIp: null, hostPort: '12022' },
          { containerPort: '53/udp', hostIp: null, hostPort: '11053' },
        ]),
        publishAllPorts: true,
        privileged: true,
        networkMode: 'none',
        restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
        mounts: [
          { type: 'tmpfs', source: null, target: '/scratch', readOnly: false },
          { type: 'bind', source: hostDir, target: '/mnt/bound', readOnly: true },
        ],
      });
      expect(hostConfig.portBindings).toHaveLength(3);
    } finally {
      await Promise.all([...made].map((ref) => removeContainer(engine, ref)));
      await rm(hostDir, { recursive: true, force: true });
    }
  });

  it('records memory beyond 32 bits and the other resource limits', async () => {
    const GiB = 1024 ** 3;
    const name = uniqueName('wharf-create-limits');
    made.add(name);
    const data = await gqlData(gateway.url, LifecycleCreate, {
      input: {
        image: TEST_IMAGE,
        name,
        cmd: ['sleep', '300'],
        labels: [TEST_LABEL_INPUT],
        hostConfig: {
          memory: 6 * GiB,
          memorySwap: 8 * GiB,
          memoryReservation: GiB,
          nanoCpus: 1_500_000_000,
          cpuShares: 512,
          pidsLimit: 100,
          shmSize: 128 * 1024 * 1024,
        },
      },
    });
    const raw = await inspectRaw(name);

    expect(6 * GiB).toBeGreaterThan(2 ** 32);
    expect(raw.HostConfig).toMatchObject({
      Memory: 6 * GiB,
      MemorySwap: 8 * GiB,
      MemoryReservation: GiB,
      NanoCpus: 1_500_000_000,
      CpuShares: 512,
      PidsLimit: 100,
      ShmSize: 128 * 1024 * 1024,
    });
    expect(data.createContainer.inspect.hostConfig).toMatchObject({
      memory: raw.HostConfig.Memory,
      memorySwap: raw.HostConfig.MemorySwap,
      nanoCpus: raw.HostConfig.NanoCpus,
      cpuShares: raw.HostConfig.CpuShares,
      pidsLimit: raw.HostConfig.PidsLimit,
    });
  });

  it('records capabilities, devices, security options, init, a read-only rootfs and namespace modes', async () => {
    const name = uniqueName('wharf-create-security');
    made.add(name);
    const data = await gqlData(gateway.url, LifecycleCreate, {
      input: {
        image: TEST_IMAGE,
        name,
        cmd: ['sleep', '300'],
        labels: [TEST_LABEL_INPUT],
        hostConfig: {
          capAdd: ['NET_ADMIN', 'SYS_TIME'],
          capDrop: ['MKNOD'],
          devices: [{ pathOnHost: '/dev/null', pathInContainer: '/dev/wharf-null', cgroupPermissions: 'rw' }],
          securityOpt: ['no-new-privileges'],
          init: true,
          readonlyRootfs: true,
          pidMode: 'host',
          ipcMode: 'private',
          utsMode: 'host',
        },
      },
    });
    const raw = await inspectRaw(name);

    expect(raw.HostConfig.CapAdd).toEqual(['NET_ADMIN', 'SYS_TIME']);
    expect(raw.HostConfig.CapDrop).toEqual(['MKNOD']);
    expect(raw.HostConfig.Devices).toEqual([{ PathOnHost: '/dev/null', PathInContainer: '/dev/wharf-null', CgroupPermissions: 'rw' }]);
    // The engine adds label=disable of its own for a host pid namespace.
    expect(raw.HostConfig.SecurityOpt).toEqual(expect.arrayContaining(['no-new-privileges']));
    expect(raw.HostConfig.Init).toBe(true);
    expect(raw.HostConfig.ReadonlyRootfs).toBe(true);
    expect(raw.HostConfig.PidMode).toBe('host');
    expect(raw.HostConfig.IpcMode).toBe('private');
    expect(raw.HostConfig.UTSMode).toBe('host');
    expect(data.createContainer.inspect.hostConfig).toMatchObject({
      capAdd: raw.HostConfig.CapAdd,
      capDrop: raw.HostConfig.CapDrop,
      readonlyRootfs: true,
      pidMode: 'host',
      ipcMode: 'private',
      utsMode: 'host',
    });
  });

  it('records autoRemove', async () => {
    const name = uniqueName('wharf-create-autoremove');
    made.add(name);
    const data = await gqlData(gateway.url, LifecycleCreate, {
      input: { image: TEST_IMAGE, name, cmd: ['true'], labels: [TEST_LABEL_INPUT], hostConfig: { autoRemove: true } },
    });
    const raw = await inspectRaw(name);
    expect(raw.HostConfig.AutoRemove).toBe(true);
    expect(data.createContainer.inspect.hostConfig.autoRemove).toBe(true);
  });

  it('with start: true creates and starts the container, and answers it running', async () => {
    const name = uniqueName('wharf-create-start');
    made.add(name);
    const data = await gqlData(gateway.url, LifecycleCreate, {
      input: { image: TEST_IMAGE, name, cmd: IGNORES_TERM, labels: [TEST_LABEL_INPUT], start: true },
    });
    const raw = await inspectRaw(name);
    expect(raw.State.Running).toBe(true);
    expect(data.createContainer).toMatchObject(asEngineReports(raw));
    expect(data.createContainer.state).toBe('RUNNING');
    expect(data.createContainer.status).toMatch(/^Up /);
  });

  it('reports a container that cannot start, and leaves none behind', async () => {
    const name = uniqueName('wharf-create-nostart');
    made.add(name);
    const result = await gql(gateway.url, LifecycleCreate, {
      input: { image: TEST_IMAGE, name, cmd: ['/bin/wharf-no-such-executable'], labels: [TEST_LABEL_INPUT], start: true },
    });
    expect(result.data).toBeNull();
    expect(result.errors).toHaveLength(1);
    expect(result.errors?.[0]?.message).toMatch(/wharf-no-such-executable/);
    expect(errorCodes(result)[0]).toMatch(/^(BAD_USER_INPUT|DOCKER_ERROR)$/);
    expect(await engineStatusOf(name)).toBe(404);
  });

  it('answers NOT_FOUND for an image the engine does not have, and creates nothing', async () => {
    const name = uniqueName('wharf-create-noimage');
    made.add(name);
    const result = await gql(gateway.url, LifecycleCreate, {
      input: { image: 'wharf-test/no-such-image:latest', name, cmd: ['true'], labels: [TEST_LABEL_INPUT] },
    });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
    expect(result.errors?.[0]?.message).toMatch(/no-such-image/);
    expect(await engineStatusOf(name)).toBe(404);
  });

  it('answers CONFLICT for a name in use, and leaves the holder alone', async () => {
    const holder = await testContainer(['true'], { start: false });
    const result = await gql(gateway.url, LifecycleCreate, {
      input: { image: TEST_IMAGE, name: holder.name, cmd: ['sleep', '1'], labels: [TEST_LABEL_INPUT] },
    });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    const raw = await inspectRaw(holder.name);
    expect(raw.Id).toBe(holder.id);
    expect(raw.Config.Cmd).toEqual(['true']);
  });
});

describe('startContainer', () => {
  it('starts a created container and answers it as the engine reports it', async () => {
    const { id } = await testContainer(IGNORES_TERM, { start: false });
    const data = await gqlData(gateway.url, LifecycleStart, { id });
    const raw = await inspectRaw(id);
    expect(raw.State.Running).toBe(true);
    expect(data.startContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Up /) });
  });

  it('leaves a running container as it is, without an error', async () => {
    const { id, name } = await testContainer(IGNORES_TERM);
    const before = await inspectRaw(id);
    const data = await gqlData(gateway.url, LifecycleStart, { id: name });
    const after = await inspectRaw(id);
    expect(after.State.StartedAt).toBe(before.State.StartedAt);
    expect(after.State.Pid).toBe(before.State.Pid);
    expect(data.startContainer).toEqual({ ...asEngineReports(after), status: expect.stringMatching(/^Up /) });
  });
});

describe('stopContainer', () => {
  it('waits the timeout given, then kills a container that ignores SIGTERM', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const started = Date.now();
    const data = await gqlData(gateway.url, LifecycleStop, { id, timeout: 1 });
    const elapsed = Date.now() - started;
    const raw = await inspectRaw(id);

    expect(raw.State.Status).toBe('exited');
    expect(raw.State.ExitCode).toBe(137);
    // t=1 was honoured: not at once, and far from the engine's default of 10 s.
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(6_000);
    expect(data.stopContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Exited \(137\) /) });
  });

  it('stops a container that honours SIGTERM before its timeout', async () => {
    const { id } = await testContainer(HONOURS_TERM);
    const started = Date.now();
    const data = await gqlData(gateway.url, LifecycleStop, { id, timeout: 20 });
    expect(Date.now() - started).toBeLessThan(10_000);
    const raw = await inspectRaw(id);
    expect(raw.State.Status).toBe('exited');
    expect(raw.State.ExitCode).toBe(0);
    expect(data.stopContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Exited \(0\) /) });
  });

  it('leaves a stopped container as it is, without an error', async () => {
    const { id } = await testContainer(['sh', '-c', 'exit 3']);
    await engine.json('POST', `/containers/${id}/wait`);
    const before = await inspectRaw(id);
    const data = await gqlData(gateway.url, LifecycleStop, { id, timeout: 0 });
    const after = await inspectRaw(id);
    expect(after.State.Status).toBe('exited');
    expect(after.State.ExitCode).toBe(3);
    expect(after.State.FinishedAt).toBe(before.State.FinishedAt);
    expect(data.stopContainer).toEqual({ ...asEngineReports(after), status: expect.stringMatching(/^Exited \(3\) /) });
  });

  it('leaves a container that never ran as it is, without an error', async () => {
    const { id } = await testContainer(['true'], { start: false });
    const data = await gqlData(gateway.url, LifecycleStop, { id, timeout: 0 });
    const raw = await inspectRaw(id);
    expect(raw.State.Status).toBe('created');
    expect(data.stopContainer).toEqual({ ...asEngineReports(raw), status: 'Created' });
  });
});

describe('restartContainer', () => {
  it('stops within the timeout and starts again: a new StartedAt and pid', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const before = await inspectRaw(id);
    const started = Date.now();
    const data = await gqlData(gateway.url, LifecycleRestart, { id, timeout: 1 });
    const elapsed = Date.now() - started;
    const after = await inspectRaw(id);

    expect(after.State.Running).toBe(true);
    expect(after.State.StartedAt).not.toBe(before.State.StartedAt);
    expect(Date.parse(after.State.StartedAt)).toBeGreaterThan(Date.parse(before.State.StartedAt));
    expect(after.State.Pid).not.toBe(before.State.Pid);
    expect(elapsed).toBeGreaterThanOrEqual(900);
    expect(elapsed).toBeLessThan(6_000);
    expect(data.restartContainer).toEqual({ ...asEngineReports(after), status: expect.stringMatching(/^Up /) });
  });
});

describe('killContainer', () => {
  it('sends SIGKILL by default: the container exits with 137', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const data = await gqlData(gateway.url, LifecycleKill, { id });
    const raw = await inspectRaw(id);
    expect(raw.State.Status).toBe('exited');
    expect(raw.State.ExitCode).toBe(137);
    expect(data.killContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Exited \(137\) /) });
  });

  it('sends the signal given', async () => {
    const { id } = await testContainer(['sh', '-c', 'trap "exit 42" USR1; while true; do sleep 0.1; done']);
    const data = await gqlData(gateway.url, LifecycleKill, { id, signal: 'SIGUSR1' });
    expect(data.killContainer.id).toBe(id);
    const waited = await engine.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
    expect(waited.StatusCode).toBe(42);
    expect((await inspectRaw(id)).State.ExitCode).toBe(42);
  });

  it('answers CONFLICT for a container that is not running', async () => {
    const { id } = await testContainer(['true'], { start: false });
    const result = await gql(gateway.url, LifecycleKill, { id });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await inspectRaw(id)).State.Status).toBe('created');
  });

  it('answers BAD_USER_INPUT for an invalid signal, and the container goes on running', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    for (const signal of ['SIGWHARF', 'not a signal']) {
      const result = await gql(gateway.url, LifecycleKill, { id, signal });
      expect(errorCodes(result), signal).toEqual(['BAD_USER_INPUT']);
    }
    expect((await inspectRaw(id)).State.Running).toBe(true);
  });
});

describe('pauseContainer and unpauseContainer', () => {
  it('pauses a running container', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const data = await gqlData(gateway.url, LifecyclePause, { id });
    const raw = await inspectRaw(id);
    expect(raw.State.Paused).toBe(true);
    expect(raw.State.Status).toBe('paused');
    expect(data.pauseContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Up .*\(Paused\)$/) });
  });

  it('unpauses a paused container', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    await engine.json('POST', `/containers/${id}/pause`);
    const data = await gqlData(gateway.url, LifecycleUnpause, { id });
    const raw = await inspectRaw(id);
    expect(raw.State.Paused).toBe(false);
    expect(raw.State.Status).toBe('running');
    expect(data.unpauseContainer).toEqual({ ...asEngineReports(raw), status: expect.stringMatching(/^Up /) });
  });
});

describe('renameContainer', () => {
  it('gives the container its new name in the engine; the old name is gone', async () => {
    const { id, name } = await testContainer(['true'], { start: false });
    const newName = uniqueName('wharf-renamed');
    const data = await gqlData(gateway.url, LifecycleRename, { id: name, name: newName });
    const raw = await inspectRaw(id);
    expect(raw.Name).toBe(`/${newName}`);
    expect(await engineStatusOf(name)).toBe(404);
    expect(data.renameContainer).toEqual({ ...asEngineReports(raw), status: 'Created' });
    expect(data.renameContainer.name).toBe(newName);
  });

  it('answers CONFLICT for a name in use, and renames nothing', async () => {
    const first = await testContainer(['true'], { start: false });
    const second = await testContainer(['true'], { start: false });
    const result = await gql(gateway.url, LifecycleRename, { id: first.id, name: second.name });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await inspectRaw(first.id)).Name).toBe(`/${first.name}`);
    expect((await inspectRaw(second.id)).Name).toBe(`/${second.name}`);
  });
});

describe('removeContainer', () => {
  it('answers CONFLICT for a running container without force, and keeps it', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const result = await gql(gateway.url, LifecycleRemove, { id });
    expect(errorCodes(result)).toEqual(['CONFLICT']);
    expect((await inspectRaw(id)).State.Running).toBe(true);
  });

  it('with force removes a running container and answers its full id', async () => {
    const { id } = await testContainer(IGNORES_TERM);
    const data = await gqlData(gateway.url, LifecycleRemove, { id: id.slice(0, 12), force: true });
    expect(data.removeContainer).toBe(id);
    expect(await engineStatusOf(id)).toBe(404);
  });

  it('removes a container by name and answers its full id', async () => {
    const { id, name } = await testContainer(['true'], { start: false });
    const data = await gqlData(gateway.url, LifecycleRemove, { id: name });
    expect(data.removeContainer).toBe(id);
    expect(await engineStatusOf(id)).toBe(404);
  });

  it('with volumes: true removes its anonymous volumes; without, they stay', async () => {
    const withVolumes = await createTestContainer(engine, { cmd: ['true'], start: false, extra: { Volumes: { '/data': {} } } });
    made.add(withVolumes.id);
    const keepVolumes = await createTestContainer(engine, { cmd: ['true'], start: false, extra: { Volumes: { '/data': {} } } });
    made.add(keepVolumes.id);
    const volumeOf = async (id: string) => {
      const mount = (await inspectRaw(id)).Mounts?.find((m) => m.Destination === '/data');
      expect(mount?.Type).toBe('volume');
      return mount?.Name ?? '';
    };
    const removedVolume = await volumeOf(withVolumes.id);
    const keptVolume = await volumeOf(keepVolumes.id);
    try {
      await gqlData(gateway.url, LifecycleRemove, { id: withVolumes.id, volumes: true });
      await gqlData(gateway.url, LifecycleRemove, { id: keepVolumes.id });
      expect(await engineStatusOf(withVolumes.id)).toBe(404);
      expect(await engineStatusOf(keepVolumes.id)).toBe(404);
      expect((await engine.request('GET', `/volumes/${removedVolume}`)).status).toBe(404);
      expect((await engine.request('GET', `/volumes/${keptVolume}`)).status).toBe(200);
    } finally {
      await removeContainer(engine, keepVolumes.id);
      await engine.request('DELETE', `/volumes/${keptVolume}`);
    }
  });

  it('answers NOT_FOUND for a container that does not exist', async () => {
    const result = await gql(gateway.url, LifecycleRemove, { id: uniqueName('wharf-missing'), force: true });
    expect(errorCodes(result)).toEqual(['NOT_FOUND']);
  });
});
