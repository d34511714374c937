// The dashboard over two engines in a real Chromium: each container's engine, the engine filter, actions and logs on the right engine, the engines view, and a halted engine named beside the other's containers.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ensureTestImage, type PrivateEngine, startPrivateEngine } from '../../scripts/engine.js';
import type { ContainerInspectWire, InfoWire, SystemDfWire, VersionWire } from '../../src/docker/types.js';
import { buildIfStale, openBrowser, type TestBrowser, watchPage } from '../helpers/browser.js';
import { createTestContainer, type RawEngine, rawEngine, removeContainer, uniqueName } from '../helpers/engine-api.js';
import { startEnginesGateway } from '../helpers/engines.js';
import type { TestGateway } from '../helpers/gateway.js';

/** `main`: the shared test engine; `spare`: a private one this file halts and resumes. */
type Name = 'main' | 'spare';

/** Exits at once on SIGTERM, so a stop (and a halt of its engine) takes milliseconds. */
const STOPS_ON_TERM = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];
/** Prints `line-0`, `line-1` ... five times a second; exits on SIGTERM. */
const NUMBERED_LINES = ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'];

const PAGE_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 8_000;

let spare: PrivateEngine | undefined;
const raw = {} as Record<Name, RawEngine>;
let gateway: TestGateway;
/** One browser for the file, launched while the spare engine starts; each test loads the page afresh in it. */
let browser: TestBrowser | undefined;
/** The page's uncaught and console errors since the test's load. */
const errors: string[] = [];

beforeAll(async () => {
  const [built, started, opened] = await Promise.allSettled([buildIfStale(), startPrivateEngine(), openBrowser()]);
  if (started.status === 'fulfilled') spare = started.value;
  if (opened.status === 'fulfilled') browser = opened.value;
  for (const step of [built, started, opened]) if (step.status === 'rejected') throw step.reason;
  const engine = started.status === 'fulfilled' ? started.value : undefined;
  if (!engine || !browser) return;
  await ensureTestImage(engine.socketPath);
  raw.main = rawEngine(inject('dockerSocket'));
  raw.spare = rawEngine(engine.socketPath);
  // A short call timeout: the page's reads over a halted engine answer within it.
  gateway = await startEnginesGateway(
    [
      { name: 'main', dockerHost: inject('dockerHost') },
      { name: 'spare', dockerHost: engine.dockerHost },
    ],
    { callTimeoutMs: 1_500 },
  );
  const { page } = browser;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  watchPage(page, { errors });
}, 90_000);

/** The shared engine's containers of this file; the spare's go with it. */
const made: string[] = [];
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await Promise.all(made.splice(0).map((id) => removeContainer(raw.main, id)));
  await Promise.all([raw.main?.close(), raw.spare?.close()]);
  await spare?.stop();
}, 60_000);

/** One container of this name on each engine: the same name makes the engine column the only difference. */
async function twins(spareCmd = STOPS_ON_TERM): Promise<{ name: string; ids: Record<Name, string> }> {
  const name = uniqueName('wharf-dash-eng');
  const [onMain, onSpare] = await Promise.all([
    createTestContainer(raw.main, { name, cmd: STOPS_ON_TERM }),
    createTestContainer(raw.spare, { name, cmd: spareCmd }),
  ]);
  made.push(onMain.id);
  return { name, ids: { main: onMain.id, spare: onSpare.id } };
}

/** Loads the dashboard afresh and waits until its WebSocket is acknowledged. */
async function openDashboard(): Promise<{ browser: TestBrowser; page: Page; errors: string[] }> {
  if (!browser) throw new Error('the browser is opened in beforeAll');
  errors.length = 0;
  await browser.page.goto(`${gateway.origin}/`, { timeout: PAGE_TIMEOUT_MS });
  await browser.page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  return { browser, page: browser.page, errors };
}

const row = (page: Page, name: string, engine: Name): Locator =>
  page.locator(`[data-testid="container-row"][data-name="${name}"][data-engine="${engine}"]`);
const card = (page: Page, engine: Name): Locator => page.locator(`[data-testid="engine-card"][data-engine="${engine}"]`);
const inspect = (engine: Name, id: string) => raw[engine].json<ContainerInspectWire>('GET', `/containers/${id}/json`);
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP_TIMEOUT_MS });

describe('the dashboard over two engines', () => {
  it("shows each container's engine, filters by engine, and stops and follows the log of the container on its own engine", async () => {
    const { name, ids } = await twins(NUMBERED_LINES);
    const { page, browser, errors } = await openDashboard();

    await poll(() => row(page, name, 'main').getByTestId('engine').textContent()).toBe('main');
    await poll(() => row(page, name, 'spare').getByTestId('engine').textContent()).toBe('spare');
    await expect(page.locator('th', { hasText: /^engine$/ }).count()).resolves.toBe(1);
    await browser.screenshot('dashboard-engines-list');

    const filter = page.getByTestId('engine-filter');
    await filter.selectOption('spare');
    await row(page, name, 'main').waitFor({ state: 'detached' });
    const engines = await page.getByTestId('container-row').evaluateAll((rows) => rows.map((each) => each.getAttribute('data-engine')));
    expect(new Set(engines)).toEqual(new Set(['spare']));
    await filter.selectOption('');
    await row(page, name, 'main').waitFor();

    // The same name on both engines: only ENGINE/id reaches the spare's container.
    await row(page, name, 'spare').getByTestId('select-logs').click();
    await poll(() =>
      page
        .getByTestId('log-line')
        .filter({ hasText: /^line-\d+$/ })
        .count(),
    ).toBeGreaterThanOrEqual(2);
    const stop = row(page, name, 'spare').getByTestId('stop');
    await poll(() => stop.isEnabled()).toBe(true);
    await stop.click();
    await poll(() => row(page, name, 'spare').getByTestId('state').textContent()).toBe('EXITED');
    await expect(inspect('spare', ids.spare).then((c) => c.State.Running)).resolves.toBe(false);
    await expect(inspect('main', ids.main).then((c) => c.State.Running)).resolves.toBe(true);
    await page.getByTestId('log-note').waitFor();
    expect(errors).toEqual([]);
  });

  it('shows each engine in the engines view: version, platform, info and disk usage', async () => {
    const { page, browser, errors } = await openDashboard();
    await page.getByTestId('tab-engines').click();
    await card(page, 'spare').waitFor();
    // The spare engine is this file's alone: its figures are what it says now.
    const [version, info, df] = await Promise.all([
      raw.spare.json<VersionWire>('GET', '/version'),
      raw.spare.json<InfoWire>('GET', '/info'),
      raw.spare.json<SystemDfWire>('GET', '/system/df'),
    ]);
    const mainVersion = await raw.main.json<VersionWire>('GET', '/version');

    const spareCard = card(page, 'spare');
    await expect(spareCard.getAttribute('data-reachable')).resolves.toBe('true');
    await expect(spareCard.getByTestId('engine-version').textContent()).resolves.toBe(version.Version);
    await expect(spareCard.getByTestId('engine-platform').textContent()).resolves.toBe(`${version.Os}/${version.Arch}`);
    await expect(spareCard.getByTestId('info-cpus').textContent()).resolves.toBe(String(info.NCPU));
    await expect(spareCard.getByTestId('info-swarm').textContent()).resolves.toBe('inactive');
    await expect(spareCard.getByTestId('info-images').textContent()).resolves.toBe(String(info.Images));
    await expect(spareCard.getByTestId('layers-size').getAttribute('data-bytes')).resolves.toBe(String(df.LayersSize));
    await expect(spareCard.getByTestId('usage-images').textContent()).resolves.toBe(String(df.Images?.length ?? 0));
    await expect(spareCard.getByTestId('usage-containers').textContent()).resolves.toBe(String(df.Containers?.length ?? 0));
    await expect(spareCard.getByTestId('usage-volumes').textContent()).resolves.toBe(String(df.Volumes?.length ?? 0));

    const mainCard = card(page, 'main');
    await expect(mainCard.getAttribute('data-reachable')).resolves.toBe('true');
    await expect(mainCard.getByTestId('engine-version').textContent()).resolves.toBe(mainVersion.Version);
    await expect(mainCard.getByTestId('layers-size').getAttribute('data-bytes')).resolves.toMatch(/^\d+$/);
    await expect(page.getByTestId('prune-actions').count()).resolves.toBe(2);
    await browser.screenshot('dashboard-engines-view');
    expect(errors).toEqual([]);
  });

  it('with an engine halted, shows the other engine’s containers and a warning naming it, until it is back', async () => {
    const { name } = await twins();
    const { page, browser } = await openDashboard();
    await row(page, name, 'spare').waitFor();
    await row(page, name, 'main').waitFor();
    await expect(page.getByTestId('engine-warning').count()).resolves.toBe(0);

    await spare?.halt();
    const warning = page.locator('[data-testid="engine-warning"][data-engine="spare"]');
    await warning.waitFor();
    await expect(warning.textContent()).resolves.toContain('DOCKER_UNAVAILABLE');
    await row(page, name, 'spare').waitFor({ state: 'detached' });
    await expect(row(page, name, 'main').getByTestId('state').textContent()).resolves.toBe('RUNNING');
    await expect(page.getByTestId('error').isHidden()).resolves.toBe(true);
    await browser.screenshot('dashboard-engines-halted');

    await page.getByTestId('tab-engines').click();
    await expect(card(page, 'spare').getAttribute('data-reachable', { timeout: STEP_TIMEOUT_MS })).resolves.toBe('false');
    await expect(card(page, 'main').getAttribute('data-reachable')).resolves.toBe('true');
    await browser.screenshot('dashboard-engines-view-halted');
    await page.getByTestId('tab-containers').click();

    await spare?.resume();
    await row(page, name, 'spare').waitFor({ timeout: STEP_TIMEOUT_MS });
    await warning.waitFor({ state: 'detached' });
  });
});
