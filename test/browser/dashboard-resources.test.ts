// The dashboard's networks and volumes views and an engine card's prune buttons in a real Chromium, over a private engine that only this file prunes.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, type PrivateEngine, startPrivateEngine } from '../../scripts/engine.js';
import type { ContainerInspectWire } from '../../src/docker/types.js';
import { buildIfStale, openBrowser, type TestBrowser, watchPage } from '../helpers/browser.js';
import { createTestContainer, type RawEngine, rawEngine, uniqueName } from '../helpers/engine-api.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

/** Exits at once on SIGTERM. */
const STOPS_ON_TERM = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];
/** Fills its anonymous volume with 200 kB, says so in its log, then waits for SIGTERM. */
const FILLS_VOLUME = [
  'sh',
  '-c',
  'trap "exit 0" TERM; yes wharf | head -c 200000 > /data/fill; echo filled; while true; do sleep 0.1; done',
];
/** Writes 100 kB into its own layer and exits: a stopped container with space to give back. */
const FILLS_LAYER = ['sh', '-c', 'yes wharf | head -c 100000 > /tmp/fill'];
const FILLED_BYTES = 200_000;

const PAGE_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 8_000;

let engine: PrivateEngine | undefined;
let raw: RawEngine;
let gateway: TestGateway;
let browser: TestBrowser | undefined;
/** The page's uncaught and console errors since the test's load. */
const errors: string[] = [];
/** The confirm() questions the page asked; each is accepted. */
const questions: string[] = [];

/** What the tests make: a network with a container on it, a container filling an anonymous volume, and a volume nothing uses. */
const made = { network: { id: '', name: '' }, onNetwork: { id: '', name: '' }, mounting: { id: '', name: '' }, volume: '', unused: '' };

beforeAll(async () => {
  const [built, started, opened] = await Promise.allSettled([buildIfStale(), startPrivateEngine(), openBrowser()]);
  if (started.status === 'fulfilled') engine = started.value;
  if (opened.status === 'fulfilled') browser = opened.value;
  for (const step of [built, started, opened]) if (step.status === 'rejected') throw step.reason;
  if (!engine || !browser) return;
  await ensureTestImage(engine.socketPath);
  raw = rawEngine(engine.socketPath);
  gateway = await startGateway(engine.dockerHost);

  const networkName = uniqueName('wharf-dash-net');
  const network = await raw.json<{ Id: string }>('POST', '/networks/create', { Name: networkName, CheckDuplicate: true });
  made.network = { id: network.Id, name: networkName };
  made.unused = (await raw.json<{ Name: string }>('POST', '/volumes/create', { Name: uniqueName('wharf-dash-unused') })).Name;
  const [onNetwork, mounting] = await Promise.all([
    createTestContainer(raw, {
      name: uniqueName('wharf-dash-on-net'),
      cmd: STOPS_ON_TERM,
      extra: { HostConfig: { NetworkMode: networkName } },
    }),
    // An anonymous volume: from API 1.42 on, a volume prune removes only those.
    createTestContainer(raw, { name: uniqueName('wharf-dash-mounts'), cmd: FILLS_VOLUME, extra: { Volumes: { '/data': {} } } }),
  ]);
  made.onNetwork = onNetwork;
  made.mounting = mounting;
  const inspect = await raw.json<ContainerInspectWire>('GET', `/containers/${mounting.id}/json`);
  made.volume = (inspect.Mounts ?? []).find((mount) => mount.Destination === '/data')?.Name ?? '';

  const { page } = browser;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  watchPage(page, { errors, questions });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await raw?.close();
  // The engine and all it holds go together.
  await engine?.stop();
}, 60_000);

async function openDashboard(): Promise<Page> {
  if (!browser) throw new Error('the browser is opened in beforeAll');
  errors.length = 0;
  await browser.page.goto(`${gateway.origin}/`, { timeout: PAGE_TIMEOUT_MS });
  await browser.page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  return browser.page;
}

const names = (rows: Locator): Promise<string[]> => rows.evaluateAll((all) => all.map((each) => each.getAttribute('data-name') ?? ''));
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP_TIMEOUT_MS });

describe('the dashboard’s networks, volumes and prune buttons', () => {
  it('lists the networks and volumes with the containers on each, opens a container’s log from there, and shows a refused removal', async () => {
    expect(made.volume).not.toBe('');
    // The container has filled its volume before the page reads the volume's size.
    await poll(async () => (await raw.request('GET', `/containers/${made.mounting.id}/logs?stdout=1`)).body.toString()).toContain('filled');
    const page = await openDashboard();

    await page.getByTestId('tab-networks').click();
    const network = page.locator(`[data-testid="network-row"][data-name="${made.network.name}"]`);
    await network.waitFor();
    await expect(network.getAttribute('data-id')).resolves.toBe(made.network.id);
    await expect(names(network.getByTestId('resource-container'))).resolves.toEqual([made.onNetwork.name]);
    // Every network the engine has, the predefined ones too; one engine: no engine column.
    const engineNetworks = await raw.json<{ Name: string }[]>('GET', '/networks');
    await expect(names(page.getByTestId('network-row')).then((all) => all.sort())).resolves.toEqual(
      engineNetworks.map((n) => n.Name).sort(),
    );
    await expect(page.locator('th', { hasText: /^engine$/ }).count()).resolves.toBe(0);
    await expect(page.locator('[data-testid="network-row"][data-name="none"]').getByTestId('remove').isDisabled()).resolves.toBe(true);

    // In use: the engine refuses, and the page says why in its banner.
    await network.getByTestId('remove').click();
    await poll(() => page.getByTestId('error-code').textContent()).toBe('CONFLICT');
    await expect(page.getByTestId('error-message').textContent()).resolves.toMatch(/active endpoints/);
    await browser?.screenshot('dashboard-networks');

    await page.getByTestId('tab-volumes').click();
    const volume = page.locator(`[data-testid="volume-row"][data-name="${made.volume}"]`);
    await volume.waitFor();
    await expect(names(volume.getByTestId('resource-container'))).resolves.toEqual([made.mounting.name]);
    const size = Number(await volume.getByTestId('volume-size').getAttribute('data-bytes'));
    expect(size).toBeGreaterThanOrEqual(FILLED_BYTES);
    await browser?.screenshot('dashboard-volumes');

    // A volume nothing uses goes, and the list is read again without it.
    const unused = page.locator(`[data-testid="volume-row"][data-name="${made.unused}"]`);
    await expect(names(unused.getByTestId('resource-container'))).resolves.toEqual([]);
    await unused.getByTestId('remove').click();
    await unused.waitFor({ state: 'detached' });
    await expect(raw.request('GET', `/volumes/${made.unused}`).then((r) => r.status)).resolves.toBe(404);
    await volume.waitFor();

    await volume.getByTestId('resource-container-logs').click();
    await poll(() => page.getByTestId('log-target').textContent()).toBe(made.mounting.name);
    await expect(page.getByTestId('tab-containers').getAttribute('aria-selected')).resolves.toBe('true');
    await page
      .getByTestId('log-line')
      .filter({ hasText: /^filled$/ })
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('prunes the stopped containers, the unused networks and the anonymous volumes, showing what the engine reports and reading the disk usage again', async () => {
    // Nothing uses the network or the volume any more, and one container has stopped.
    await raw.json('POST', `/networks/${made.network.id}/disconnect`, { Container: made.onNetwork.id, Force: true });
    await Promise.all([made.onNetwork.id, made.mounting.id].map((id) => raw.json('DELETE', `/containers/${id}?force=1`)));
    // Gone already when the first test passed; either way this one starts from the anonymous volume alone.
    await raw.request('DELETE', `/volumes/${made.unused}`);
    const stopped = await createTestContainer(raw, { name: uniqueName('wharf-dash-stopped'), cmd: FILLS_LAYER });
    await raw.json('POST', `/containers/${stopped.id}/wait`);

    const page = await openDashboard();
    questions.length = 0;
    await page.getByTestId('tab-engines').click();
    const card = page.getByTestId('engine-card');
    await poll(() => card.getByTestId('usage-volumes').textContent()).toBe('1');
    await expect(card.getByTestId('usage-containers').textContent()).resolves.toBe('1');
    const pruned = card.getByTestId('pruned');

    await card.getByTestId('prune-containers').click();
    await pruned.and(page.locator('[data-kind="containers"]')).waitFor();
    await expect(pruned.getAttribute('title')).resolves.toBe(stopped.id);
    const containerSpace = Number(await pruned.getAttribute('data-reclaimed'));
    expect(containerSpace).toBeGreaterThanOrEqual(100_000);
    await expect(pruned.textContent()).resolves.toMatch(/^1 container deleted, \d+(\.\d+)? kB reclaimed$/);
    await poll(() => card.getByTestId('usage-containers').textContent()).toBe('0');
    await expect(raw.json<{ Id: string }[]>('GET', '/containers/json?all=1')).resolves.toEqual([]);

    await card.getByTestId('prune-networks').click();
    await pruned.and(page.locator('[data-kind="networks"]')).waitFor();
    await expect(pruned.getAttribute('title')).resolves.toBe(made.network.name);
    await expect(pruned.textContent()).resolves.toBe('1 network deleted, 0 B reclaimed');
    const networks = await raw.json<{ Name: string }[]>('GET', '/networks');
    expect(networks.map((n) => n.Name)).not.toContain(made.network.name);

    await card.getByTestId('prune-volumes').click();
    await pruned.and(page.locator('[data-kind="volumes"]')).waitFor();
    await expect(pruned.getAttribute('title')).resolves.toBe(made.volume);
    expect(Number(await pruned.getAttribute('data-reclaimed'))).toBeGreaterThanOrEqual(FILLED_BYTES);
    await poll(() => card.getByTestId('usage-volumes').textContent()).toBe('0');
    await expect(raw.json<{ Volumes: unknown[] | null }>('GET', '/volumes').then((v) => v.Volumes ?? [])).resolves.toEqual([]);
    await browser?.screenshot('dashboard-pruned');

    // Each prune was asked about first, naming what it removes.
    expect(questions).toHaveLength(3);
    expect(questions[0]).toMatch(/stopped container/);
    expect(questions[2]).toMatch(/volume/);
    expect(errors).toEqual([]);
  });
});
