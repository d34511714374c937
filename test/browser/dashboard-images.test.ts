// The dashboard's images view in a real Chromium, over a private engine and a registry on loopback: the list with its users, a pull with its progress per layer, a removal and a prune with the engine's answers.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureTestImage, type PrivateEngine, startPrivateEngine, TEST_IMAGE } from '../../scripts/engine.js';
import { type LoopbackRegistry, startRegistry } from '../../scripts/registry.js';
import { buildIfStale, openBrowser, type TestBrowser, watchPage } from '../helpers/browser.js';
import { createTestContainer, type RawEngine, rawEngine, removeContainer, uniqueName } from '../helpers/engine-api.js';
import { gqlData, startGateway, type TestGateway } from '../helpers/gateway.js';
import { graphql } from '../gql/index.js';

/** Writes 300 kB of noise into its own layer and exits: committed, an image with a layer of its own to download. */
const FILLS_LAYER = ['sh', '-c', 'head -c 300000 /dev/urandom > /fill'];
/** Exits at once on SIGTERM. */
const STOPS_ON_TERM = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];

const PAGE_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 8_000;

const PushImage = graphql(`
  mutation DashboardImagesPush($ref: String!) {
    pushImage(ref: $ref)
  }
`);

let engine: PrivateEngine | undefined;
let registry: LoopbackRegistry | undefined;
let raw: RawEngine;
let gateway: TestGateway;
let browser: TestBrowser | undefined;
/** The page's uncaught and console errors since the test's load. */
const errors: string[] = [];
/** The confirm() questions the page asked; each is accepted. */
const questions: string[] = [];

/** What the tests make: a container of the test image, the image pushed to the registry (then gone locally), an untagged image. */
const made = { user: { id: '', name: '' }, pushed: '', dangling: '' };

/** Commits a container that filled its layer: tagged `repo:tag` when given, else dangling. Answers the image id. */
async function committedImage(repo?: string, tag?: string): Promise<string> {
  const source = await createTestContainer(raw, { name: uniqueName('wharf-dash-fill'), cmd: FILLS_LAYER });
  await raw.json('POST', `/containers/${source.id}/wait`);
  const naming = repo ? `&repo=${encodeURIComponent(repo)}&tag=${tag ?? 'latest'}` : '';
  const { Id } = await raw.json<{ Id: string }>('POST', `/commit?container=${source.id}${naming}`);
  await removeContainer(raw, source.id);
  return Id;
}

beforeAll(async () => {
  const [built, started, opened, served] = await Promise.allSettled([buildIfStale(), startPrivateEngine(), openBrowser(), startRegistry()]);
  if (started.status === 'fulfilled') engine = started.value;
  if (opened.status === 'fulfilled') browser = opened.value;
  if (served.status === 'fulfilled') registry = served.value;
  for (const step of [built, started, opened, served]) if (step.status === 'rejected') throw step.reason;
  if (!engine || !browser || !registry) return;
  await ensureTestImage(engine.socketPath);
  raw = rawEngine(engine.socketPath);
  gateway = await startGateway(engine.dockerHost);

  // An image of its own in the registry (its base layer is the test image's, its top one is new), absent locally.
  made.pushed = `${registry.address}/test/busybox:1`;
  const [user, , dangling] = await Promise.all([
    createTestContainer(raw, { name: uniqueName('wharf-dash-user'), cmd: STOPS_ON_TERM }),
    committedImage(`${registry.address}/test/busybox`, '1').then(async () => {
      // The gateway's push sends the X-Registry-Auth header the engine insists on.
      await gqlData(gateway.url, PushImage, { ref: made.pushed });
      await raw.json('DELETE', `/images/${encodeURIComponent(made.pushed)}`);
    }),
    committedImage(),
  ]);
  made.user = user;
  made.dangling = dangling;

  const { page } = browser;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  watchPage(page, { errors, questions });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await raw?.close();
  await registry?.stop();
  // The engine and all it holds go together.
  await engine?.stop();
}, 60_000);

async function openImages(): Promise<Page> {
  if (!browser) throw new Error('the browser is opened in beforeAll');
  errors.length = 0;
  const { page } = browser;
  await page.goto(`${gateway.origin}/`, { timeout: PAGE_TIMEOUT_MS });
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  await page.getByTestId('tab-images').click();
  await page.locator('[data-testid="images"][data-loading="false"]').waitFor();
  return page;
}

const imageRow = (page: Page, tag: string): Locator => page.locator(`[data-testid="image-row"][data-tags~="${tag}"]`);
const names = (rows: Locator): Promise<string[]> => rows.evaluateAll((all) => all.map((each) => each.getAttribute('data-name') ?? ''));
const poll = <T>(read: () => Promise<T>) => expect.poll(read, { timeout: STEP_TIMEOUT_MS });

describe('the dashboard’s images view', () => {
  it('lists the images with their size and the containers created from each; an image in use is refused with CONFLICT', async () => {
    const page = await openImages();
    const row = imageRow(page, TEST_IMAGE);
    await row.waitFor();
    const inspect = await raw.json<{ Id: string; Size: number }>('GET', `/images/${TEST_IMAGE}/json`);
    await expect(row.getAttribute('data-id')).resolves.toBe(inspect.Id);
    await expect(row.getByTestId('image-size').getAttribute('data-bytes')).resolves.toBe(String(inspect.Size));
    await expect(row.getByTestId('image-size').textContent()).resolves.toMatch(/^\d+(\.\d+)? MB$/);
    await expect(names(row.getByTestId('resource-container'))).resolves.toEqual([made.user.name]);
    // Every image the engine has (the dangling one too); one engine: no engine column.
    const engineImages = await raw.json<{ Id: string }[]>('GET', '/images/json');
    await expect(
      page.getByTestId('image-row').evaluateAll((all) => all.map((each) => each.getAttribute('data-id')).sort()),
    ).resolves.toEqual(engineImages.map((image) => image.Id).sort());
    await expect(page.locator('th', { hasText: /^engine$/ }).count()).resolves.toBe(0);

    await row.getByTestId('remove').click();
    await poll(() => page.getByTestId('error-code').textContent()).toBe('CONFLICT');
    await expect(raw.request('GET', `/images/${TEST_IMAGE}/json`).then((r) => r.status)).resolves.toBe(200);

    // A user's name opens its log pane.
    await row.getByTestId('resource-container-logs').click();
    await poll(() => page.getByTestId('log-target').textContent()).toBe(made.user.name);
    expect(errors).toEqual([]);
  });

  it('pulls from the registry with a progress row per layer, lists the pulled image, then removes it showing what the engine untagged', async () => {
    const page = await openImages();
    await expect(imageRow(page, made.pushed).count()).resolves.toBe(0);
    await page.getByTestId('pull-ref').fill(made.pushed);
    await page.getByTestId('pull').click();
    const layers = page.getByTestId('pull-layer');
    await layers.first().waitFor();
    await browser?.screenshot('dashboard-images-pull');

    const run = page.locator(`[data-testid="pull-run"][data-ref="${made.pushed}"]`);
    await run.and(page.locator('[data-state="done"]')).waitFor();
    await imageRow(page, made.pushed).waitFor();
    await browser?.screenshot('dashboard-images-pulled');
    // The base layer the engine had already, and the new one downloaded with its bar full.
    await expect(layers.evaluateAll((all) => all.map((each) => each.getAttribute('data-status')).sort())).resolves.toEqual([
      'Already exists',
      'Pull complete',
    ]);
    const bar = layers.and(page.locator('[data-status="Pull complete"]')).locator('progress');
    const max = Number(await bar.getAttribute('max'));
    expect(max).toBeGreaterThan(0);
    await expect(bar.evaluate((element) => (element as HTMLProgressElement).value)).resolves.toBe(max);
    const lines = await page.getByTestId('pull-line').allTextContents();
    // Each as the engine sent it, once.
    expect(lines).toEqual([
      '1: Pulling from test/busybox',
      expect.stringMatching(/^Digest: sha256:[0-9a-f]{64}$/),
      `Status: Downloaded newer image for ${made.pushed}`,
    ]);
    await expect(page.getByTestId('pull').textContent()).resolves.toBe('pull');

    const pulled = imageRow(page, made.pushed);
    const id = await pulled.getAttribute('data-id');
    await pulled.getByTestId('remove').click();
    await pulled.waitFor({ state: 'detached' });
    const answer = page.getByTestId('image-removed-item');
    await expect(answer.evaluateAll((all) => all.map((each) => each.getAttribute('data-untagged')))).resolves.toContain(made.pushed);
    await expect(answer.evaluateAll((all) => all.map((each) => each.getAttribute('data-deleted')))).resolves.toContain(id);
    await expect(raw.request('GET', `/images/${encodeURIComponent(made.pushed)}/json`).then((r) => r.status)).resolves.toBe(404);
    expect(errors).toEqual([]);
  });

  it('a pull the registry cannot answer ends with the engine’s error', async () => {
    const page = await openImages();
    const ref = `${registry?.address}/test/nothing-here:1`;
    await page.getByTestId('pull-ref').fill(ref);
    await page.getByTestId('pull').click();
    const failed = page.locator(`[data-testid="pull-run"][data-ref="${ref}"][data-state="failed"]`);
    await failed.waitFor();
    await expect(failed.getByTestId('pull-error').getAttribute('data-code')).resolves.toBe('NOT_FOUND');
    // The pull is over: another may start.
    await poll(() => page.getByTestId('pull').isEnabled()).toBe(true);
    await expect(failed.getByTestId('pull-error').textContent()).resolves.toContain('nothing-here');
    expect(errors).toEqual([]);
  });

  it('prunes the dangling images after asking, showing what the engine deleted and reclaimed', async () => {
    const page = await openImages();
    questions.length = 0;
    const dangling = page.locator(`[data-testid="image-row"][data-id="${made.dangling}"]`);
    await dangling.waitFor();
    await page.getByTestId('prune-images').click();
    const pruned = page.getByTestId('images-pruned');
    await pruned.waitFor();
    expect(questions).toHaveLength(1);
    expect(questions[0]).toMatch(/dangling/);
    await expect(pruned.getAttribute('title').then((title) => title?.split('\n'))).resolves.toContain(made.dangling);
    expect(Number(await pruned.getAttribute('data-reclaimed'))).toBeGreaterThanOrEqual(300_000);
    await expect(pruned.textContent()).resolves.toMatch(/^\d+ deleted, \d+(\.\d+)? kB reclaimed$/);
    await dangling.waitFor({ state: 'detached' });
    await expect(raw.request('GET', `/images/${made.dangling}/json`).then((r) => r.status)).resolves.toBe(404);
    await browser?.screenshot('dashboard-images-pruned');
    expect(errors).toEqual([]);
  });
});
