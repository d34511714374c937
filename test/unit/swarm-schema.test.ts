// The swarm schema's pure helpers: the spec docker service create would post, updates and scaling applied to a spec read back, the running count, a viewer's redaction.
import { describe, expect, it } from 'vitest';
import type { NodeWire, ServiceSpecWire, ServiceWire, TaskWire } from '../../src/docker/types.js';
import {
  createServiceSpec,
  imageName,
  redactService,
  runningTaskCount,
  scaledSpec,
  serviceMode,
  updatedSpec,
} from '../../src/schema/swarm/spec.js';

const base: ServiceSpecWire = {
  Name: 'web',
  Labels: { team: 'a' },
  TaskTemplate: {
    ContainerSpec: { Image: 'busybox:latest@sha256:abc', Args: ['sleep', '1'], Env: ['A=1'], StopGracePeriod: 5 },
    RestartPolicy: { Condition: 'any' },
  },
  Mode: { Replicated: { Replicas: 3 } },
  UpdateConfig: { Parallelism: 1 },
};

describe('createServiceSpec', () => {
  it('puts cmd in Args, as the CLI does with what follows the image, and the rest where the engine reads it', () => {
    expect(
      createServiceSpec({
        name: 'web',
        image: 'busybox',
        cmd: ['sh', '-c', 'echo hi'],
        env: ['A=1'],
        labels: [{ key: 'k', value: 'v' }],
        replicas: 4,
        mounts: [{ type: 'bind', source: '/srv/x', target: '/x', readOnly: true }],
        constraints: ['node.role==worker'],
        stopGracePeriod: 1,
      }),
    ).toEqual({
      Name: 'web',
      Labels: { k: 'v' },
      TaskTemplate: {
        ContainerSpec: {
          Image: 'busybox',
          Args: ['sh', '-c', 'echo hi'],
          Env: ['A=1'],
          Mounts: [{ Type: 'bind', Source: '/srv/x', Target: '/x', ReadOnly: true }],
          StopGracePeriod: 1_000_000_000,
        },
        Placement: { Constraints: ['node.role==worker'] },
      },
      Mode: { Replicated: { Replicas: 4 } },
    });
  });

  it('is one replica by default, global when asked; refuses what the engine would misread', () => {
    expect(createServiceSpec({ name: 'a', image: 'b' }).Mode).toEqual({ Replicated: { Replicas: 1 } });
    expect(createServiceSpec({ name: 'a', image: 'b', global: true }).Mode).toEqual({ Global: {} });
    expect(() => createServiceSpec({ name: 'a', image: 'b', env: ['NOEQUALS'] })).toThrow(/KEY=value/);
    expect(() => createServiceSpec({ name: 'a', image: 'b', replicas: -1 })).toThrow(/negative/);
    expect(() => createServiceSpec({ name: 'a', image: 'b', mounts: [{ type: 'npipe', target: '/x' }] })).toThrow(/bind, volume or tmpfs/);
    expect(() => createServiceSpec({ name: 'a', image: 'b', mounts: [{ type: 'bind', target: '/x' }] })).toThrow(/needs a source/);
  });
});

describe('a spec read back and changed', () => {
  it('an update changes only what it names and keeps the rest of the spec', () => {
    const next = updatedSpec(base, { image: 'busybox:v2', env: ['B=2'], labels: [{ key: 'team', value: 'b' }] });
    expect(next).toEqual({
      ...base,
      Labels: { team: 'b' },
      TaskTemplate: { ...base.TaskTemplate, ContainerSpec: { ...base.TaskTemplate.ContainerSpec, Image: 'busybox:v2', Env: ['B=2'] } },
    });
    expect(updatedSpec(base, { cmd: ['true'] }).TaskTemplate.ContainerSpec?.Args).toEqual(['true']);
    expect(base.TaskTemplate.ContainerSpec?.Image).toBe('busybox:latest@sha256:abc');
  });

  it('scaling sets the replica count; a global service cannot be scaled', () => {
    expect(scaledSpec(base, 1)).toEqual({ ...base, Mode: { Replicated: { Replicas: 1 } } });
    expect(() => scaledSpec({ ...base, Mode: { Global: {} } }, 2)).toThrow(/global service cannot be scaled/);
    expect(() => scaledSpec(base, -1)).toThrow(/negative/);
    expect(serviceMode({ ...base, Mode: { ReplicatedJob: {} } })).toBe('replicated-job');
  });
});

describe('what a service shows', () => {
  const service = { ID: 's1', Version: { Index: 1 }, CreatedAt: '', UpdatedAt: '', Spec: base } as ServiceWire;
  const task = (id: string, state: TaskWire['Status']['State'], node: string, serviceId = 's1') =>
    ({ ID: id, ServiceID: serviceId, NodeID: node, Status: { State: state }, DesiredState: 'running' }) as TaskWire;
  const node = (id: string, state: NodeWire['Status']['State']) => ({ ID: id, Status: { State: state } }) as NodeWire;

  it("counts running tasks as docker service ls: the engine's own count when it gave one, else its running tasks on nodes not down", () => {
    const tasks = [task('a', 'running', 'n1'), task('b', 'running', 'n2'), task('c', 'starting', 'n1'), task('d', 'running', 'n1', 's2')];
    expect(runningTaskCount(service, tasks, [node('n1', 'ready'), node('n2', 'down')])).toBe(1);
    expect(runningTaskCount(service, tasks, [node('n1', 'ready'), node('n2', 'ready')])).toBe(2);
    expect(runningTaskCount({ ...service, ServiceStatus: { RunningTasks: 7, DesiredTasks: 7 } }, tasks, [])).toBe(7);
  });

  it('shows the image without its pinned digest', () => {
    expect(imageName('busybox:latest@sha256:abc')).toBe('busybox:latest');
    expect(imageName('busybox')).toBe('busybox');
  });

  it("redacts a viewer's view of the environment in the spec and the previous spec", () => {
    const redacted = redactService({ ...service, PreviousSpec: base });
    expect(redacted.Spec.TaskTemplate.ContainerSpec?.Env).toEqual(['A=***']);
    expect(redacted.PreviousSpec?.TaskTemplate.ContainerSpec?.Env).toEqual(['A=***']);
    expect(service.Spec.TaskTemplate.ContainerSpec?.Env).toEqual(['A=1']);
  });
});
