// The dashboard's swarm view in a real Chromium over a two-node swarm: its nodes and their engines, a service's counts and its tasks under their nodes, kept live through a scale from the page and one from outside, a task's container opened in the log pane, a viewer's scale refused; no tab over an engine that manages no swarm.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../../scripts/engine.js';
import { startSwarm, type TestSwarm } from '../../scripts/swarm.js';
import type { ContainerInspectWire, ServiceSpecWire, ServiceWire, TaskWire } from '../../src/docker/types.js';
import { type IssuedToken, issueTokens } from '../helpers/access.js';
import { buildIfStale, openBrowser, type TestBrowser, watchPage } from '../helpers/browser.js';
import { type RawEngine, rawEngine, uniqueName } from '../helpers/engine-api.js';
import { startEnginesGateway } from '../helpers/engines.js';
import type { TestGateway } from '../helpers/gateway.js';

const PAGE_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 10_000;
/** Tasks start in about a second each on this machine; a converging service is given this long. */
const CONVERGE_TIMEOUT_MS = 20_000;

const tokens = issueTokens(uniqueName('dash-swarm'));
let swarm: TestSwarm | undefined;
let manager: RawEngine;
let worker: RawEngine;
/** Token mode over both engines (`mgr` the manager, `wrk` the worker): operators scale, viewers are refused. */
let gateway: TestGateway;
/** Over the worker alone: no engine of it manages a swarm. */
let workerOnly: TestGateway;
let browser: TestBrowser | undefined;
/** The page's uncaught and console errors since the test's load. */
const errors: string[] = [];

const name = uniqueName('wharf-dash-svc');
let serviceId = '';

beforeAll(async () => {
  const [built, started, opened] = await Promise.allSettled([
    buildIfStale(),
    startSwarm({ managerAddress: '127.0.0.6', workerAddress: '127.0.0.7' }),
    openBrowser(),
  ]);
  if (started.status === 'fulfilled') swarm = started.value;
  if (opened.status === 'fulfilled') browser = opened.value;
  for (const step of [built, started, opened]) if (step.status === 'rejected') throw step.reason;
  if (!swarm || !browser) return;
  manager = rawEngine(swarm.manager.socketPath);
  worker = rawEngine(swarm.worker.socketPath);
  const spec: ServiceSpecWire = {
    Name: name,
    TaskTemplate: {
      // sh as pid 1 ignores SIGTERM: a short grace period keeps each task's stop to a second.
      ContainerSpec: { Image: TEST_IMAGE, Args: ['sh', '-c', 'exec sleep 3600'], StopGracePeriod: 1_000_000_000 },
    },
    Mode: { Replicated: { Replicas: 2 } },
  };
  const engines = [
    { name: 'mgr', dockerHost: swarm.manager.dockerHost },
    { name: 'wrk', dockerHost: swarm.worker.dockerHost },
  ];
  const [created, guarded, alone] = await Promise.all([
    manager.json<{ ID: string }>('POST', '/services/create', spec),
    startEnginesGateway(engines, { tokens: [tokens.operator, tokens.viewer] }),
    startEnginesGateway([engines[1] as (typeof engines)[number]]),
  ]);
  serviceId = created.ID;
  gateway = guarded;
  workerOnly = alone;
  const { page } = browser;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  watchPage(page, { errors });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([gateway?.close(), workerOnly?.close()]);
  await Promise.all([manager?.close(), worker?.close()]);
  await swarm?.stop();
}, 60_000);

/** Loads the dashboard of `on` afresh with `token` (none: local mode) and waits until its WebSocket is acknowledged. */
async function openDashboard(on: TestGateway, token?: IssuedToken): Promise<Page> {
  if (!browser) throw new Error('the browser is opened in beforeAll');
  const { page } = browser;
  await page.goto(`${on.origin}/`, { timeout: PAGE_TIMEOUT_MS });
  // The token as the page's form stores it, there before the page connects.
  await page.evaluate(
    (value) => (value ? sessionStorage.setItem('wharf.token', value) : sessionStorage.removeItem('wharf.token')),
    token?.token ?? '',
  );
  await page.reload({ timeout: PAGE_TIMEOUT_MS });
  errors.length = 0;
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  return page;
}

const serviceCard = (page: Page): Locator => page.locator(`[data-testid="service"][data-name="${name}"]`);
const nodeRow = (page: Page, nodeId: string): Locator => page.locator(`[data-testid="swarm-node"][data-node-id="${nodeId}"]`);

/** The manager's own view of the service's tasks that are meant to run, once every one of them is running. */
async function runningTasks(): Promise<TaskWire[]> {
  const filters = encodeURIComponent(JSON.stringify({ service: [serviceId], 'desired-state': ['running'] }));
  const tasks = await manager.json<TaskWire[]>('GET', `/tasks?filters=${filters}`);
  return tasks.every((task) => task.Status.State === 'running') ? tasks : [];
}

/** What the page shows of the service: its counts, and the ids of its running tasks under each node id. */
async function shown(page: Page): Promise<{ counts: string | null; byNode: Record<string, string[]> }> {
  const card = serviceCard(page);
  const counts = await card.getByTestId('service-counts').textContent();
  const byNode = await card
    .getByTestId('task-node')
    .evaluateAll((groups) =>
      Object.fromEntries(
        groups.map((group) => [
          group.getAttribute('data-node-id') ?? '',
          [...group.querySelectorAll('[data-testid="task"][data-state="running"]')]
            .map((task) => task.getAttribute('data-id') ?? '')
            .sort(),
        ]),
      ),
    );
  return { counts, byNode };
}

/** The engine's running tasks in the same shape. */
const tasksByNode = (tasks: readonly TaskWire[]): Record<string, string[]> => {
  const byNode: Record<string, string[]> = {};
  for (const task of tasks) (byNode[task.NodeID ?? ''] ??= []).push(task.ID);
  for (const ids of Object.values(byNode)) ids.sort();
  return byNode;
};

const converged = async (replicas: number): Promise<TaskWire[]> => {
  let tasks: TaskWire[] = [];
  await expect.poll(async () => (tasks = await runningTasks()).length, { timeout: CONVERGE_TIMEOUT_MS, interval: 200 }).toBe(replicas);
  return tasks;
};

describe('the swarm view', () => {
  it('shows the nodes, the service 2/2 with its tasks under their nodes; + scales it to 3/3, and a scale from outside shows too', async () => {
    if (!swarm) throw new Error('the swarm is started in beforeAll');
    const page = await openDashboard(gateway, tokens.operator);
    await page.getByTestId('tab-swarm').click();

    const managerRow = nodeRow(page, swarm.managerNodeId);
    const workerRow = nodeRow(page, swarm.workerNodeId);
    await managerRow.waitFor();
    await expect(page.getByTestId('swarm-node').count()).resolves.toBe(2);
    await expect(managerRow.getByTestId('node-role').textContent()).resolves.toBe('manager (leader)');
    await expect(managerRow.getByTestId('node-engine').textContent()).resolves.toBe('mgr');
    await expect(managerRow.getByTestId('node-state').textContent()).resolves.toBe('ready');
    await expect(workerRow.getByTestId('node-role').textContent()).resolves.toBe('worker');
    await expect(workerRow.getByTestId('node-engine').textContent()).resolves.toBe('wrk');

    // Two tasks, as the engine itself places them; the page follows without being told.
    const two = await converged(2);
    await expect.poll(() => shown(page), { timeout: STEP_TIMEOUT_MS }).toEqual({ counts: '2/2', byNode: tasksByNode(two) });
    const card = serviceCard(page);
    await expect(card.getByTestId('service-image').textContent()).resolves.toBe(TEST_IMAGE);
    await expect(card.getByTestId('service-mode').textContent()).resolves.toBe('replicated');
    // Each task's container is named as its node's own engine names it.
    for (const task of two) {
      const own = task.NodeID === swarm.managerNodeId ? manager : worker;
      const container = await own.json<ContainerInspectWire>('GET', `/containers/${task.Status.ContainerStatus?.ContainerID}/json`);
      const link = card.locator(`[data-testid="task"][data-id="${task.ID}"] [data-testid="task-logs"]`);
      await expect(link.textContent()).resolves.toBe(container.Name.replace(/^\//, ''));
    }

    const scaleStarted = Date.now();
    await card.getByTestId('scale-up').click();
    await expect
      .poll(async () => (await manager.json<ServiceWire>('GET', `/services/${serviceId}`)).Spec.Mode?.Replicated?.Replicas)
      .toBe(3);
    const three = await converged(3);
    await expect.poll(() => shown(page), { timeout: STEP_TIMEOUT_MS }).toEqual({ counts: '3/3', byNode: tasksByNode(three) });
    const scaleShownMs = Date.now() - scaleStarted;
    await expect(card.getByTestId('replicas').textContent()).resolves.toBe('3');
    expect(new Set(three.map((task) => task.NodeID))).toEqual(new Set([swarm.managerNodeId, swarm.workerNodeId]));
    await browser?.screenshot('dashboard-swarm');

    // Scaled through the engine itself: its service event has the page read it again.
    const current = await manager.json<ServiceWire>('GET', `/services/${serviceId}`);
    await manager.json('POST', `/services/${serviceId}/update?version=${current.Version.Index}`, {
      ...current.Spec,
      Mode: { Replicated: { Replicas: 1 } },
    });
    await expect.poll(() => card.getByTestId('replicas').textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('1');
    const one = await converged(1);
    await expect.poll(() => shown(page), { timeout: STEP_TIMEOUT_MS }).toEqual({ counts: '1/1', byNode: tasksByNode(one) });

    // The remaining task's container opens in the containers view's log pane, on its own engine.
    const link = card.locator(`[data-testid="task"][data-id="${one[0]?.ID}"] [data-testid="task-logs"]`);
    const containerName = await link.textContent();
    await link.click();
    await expect(page.getByTestId('log-target').textContent()).resolves.toBe(containerName);
    await expect(page.locator('#containers-view').isVisible()).resolves.toBe(true);
    await expect(page.getByTestId('error').isHidden()).resolves.toBe(true);
    expect(errors).toEqual([]);
    console.info(`swarm view: + clicked to 3/3 shown in ${scaleShownMs} ms`);
  }, 60_000);

  it("refuses a viewer's scale: FORBIDDEN in the banner, and the service keeps its replicas", async () => {
    const page = await openDashboard(gateway, tokens.viewer);
    await page.getByTestId('tab-swarm').click();
    const card = serviceCard(page);
    await card.waitFor();
    const before = (await manager.json<ServiceWire>('GET', `/services/${serviceId}`)).Spec.Mode?.Replicated?.Replicas;
    await expect(card.getByTestId('replicas').textContent()).resolves.toBe(String(before));
    await card.getByTestId('scale-up').click();
    await expect.poll(() => page.getByTestId('error-code').textContent()).toBe('FORBIDDEN');
    const after = await manager.json<ServiceWire>('GET', `/services/${serviceId}`);
    expect(after.Spec.Mode?.Replicated?.Replicas).toBe(before);
  });

  it('has no swarm tab when no configured engine manages a swarm', async () => {
    const page = await openDashboard(workerOnly);
    await page.locator('#views[aria-busy="false"]').waitFor();
    await expect(page.getByTestId('tab-engines').count()).resolves.toBe(1);
    await expect(page.getByTestId('tab-swarm').count()).resolves.toBe(0);
  });
});
