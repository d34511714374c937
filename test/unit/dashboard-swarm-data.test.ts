// The swarm view's reading of a manager's answer: which tasks it shows, a service's desired count, and whether the swarm still converges (so the page reads it again soon).
import { describe, expect, it } from 'vitest';
import {
  converging,
  currentTasks,
  desiredTasks,
  type SwarmData,
  type SwarmService,
  type SwarmTask,
} from '../../src/dashboard/swarm-data.js';

const task = (id: string, state: string, desiredState: string): SwarmTask => ({
  id,
  slot: 1,
  state,
  desiredState,
  error: null,
  node: { id: 'node-a' },
  container: null,
});

const service = (replicas: number | null, runningTasks: number, tasks: SwarmTask[], updateState: string | null = null): SwarmService => ({
  id: 'svc',
  name: 'web',
  image: 'busybox',
  mode: replicas === null ? 'global' : 'replicated',
  replicas,
  runningTasks,
  updateState,
  tasks,
});

const swarmOf = (...services: SwarmService[]): SwarmData => ({ id: 'swarm', nodes: [], services });

describe('the swarm view’s reading of a service', () => {
  it('shows the tasks meant to run and those still going down, not the history', () => {
    const tasks = [
      task('up', 'running', 'running'),
      task('going', 'running', 'shutdown'),
      task('gone', 'shutdown', 'shutdown'),
      task('bad', 'failed', 'shutdown'),
    ];
    expect(currentTasks(service(1, 1, tasks)).map((each) => each.id)).toEqual(['up', 'going']);
  });

  it('counts a replicated service’s replicas as desired, and a global one’s tasks meant to run', () => {
    expect(desiredTasks(service(3, 1, [task('a', 'running', 'running')]))).toBe(3);
    expect(
      desiredTasks(service(null, 1, [task('a', 'running', 'running'), task('b', 'pending', 'running'), task('c', 'shutdown', 'shutdown')])),
    ).toBe(2);
  });

  it('converges while a count is off, an update runs, or a task is not yet where it is meant to be', () => {
    const settled = service(2, 2, [task('a', 'running', 'running'), task('b', 'running', 'running'), task('old', 'shutdown', 'shutdown')]);
    expect(converging(swarmOf(settled))).toBe(false);
    expect(converging(swarmOf(settled, service(3, 2, [task('c', 'running', 'running')])))).toBe(true);
    expect(converging(swarmOf(service(1, 1, [task('a', 'running', 'running')], 'updating')))).toBe(true);
    expect(converging(swarmOf(service(1, 1, [task('a', 'starting', 'running')])))).toBe(true);
    expect(converging(swarmOf(service(1, 1, [task('a', 'running', 'running'), task('b', 'running', 'shutdown')])))).toBe(true);
    expect(converging(swarmOf(service(null, 1, [task('a', 'running', 'running')])))).toBe(false);
  });
});
