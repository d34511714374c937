// GraphiQL at /graphql in a real Chromium without network: a self-contained page, queries and live log subscriptions through its UI.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type TestBrowser } from '../helpers/browser.js';
import { createTestContainer, removeContainer, uniqueName, type TestContainerOptions } from '../helpers/engine-api.js';
import { issueTokens } from '../helpers/access.js';
import { gatewayForFile, startGateway, type ProxiedGateway } from '../helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Every browser and container a test opens, closed and removed after it. */
const browsers: TestBrowser[] = [];
const containers: string[] = [];
afterEach(async () => {
  // Browsers first: closing one ends its subscriptions before their containers go.
  await Promise.all(browsers.splice(0).map((browser) => browser.close()));
  await Promise.all(containers.splice(0).map((id) => removeContainer(engine, id)));
});

async function container(options: TestContainerOptions): Promise<{ id: string; name: string }> {
  const created = await createTestContainer(engine, { name: uniqueName('wharf-graphiql'), ...options });
  containers.push(created.id);
  return created;
}

/** Prints `line-0`, `line-1` ... five times a second until stopped. */
const NUMBERED_LINES = ['sh', '-c', 'i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'];

/** The first page load imports the inlined renderer and sends ~9 MB: allow more than for later steps. */
const PAGE_TIMEOUT_MS = 30_000;
const STEP_TIMEOUT_MS = 10_000;

interface GraphiQLPage {
  browser: TestBrowser;
  page: Page;
  /** Every URL the page and its workers requested or opened a WebSocket to, in order. */
  requested: string[];
  /** Uncaught errors in the page. */
  errors: string[];
}

/**
 * Opens GraphiQL with `document` in its editor (GraphiQL reads `?query=`) and waits until the editor
 * shows it; `headers` go into its headers editor, as a user would paste a token there.
 */
async function openGraphiQL(document: string, options: { url?: string; headers?: Record<string, string> } = {}): Promise<GraphiQLPage> {
  const browser = await openBrowser();
  browsers.push(browser);
  const { page } = browser;
  if (options.headers) {
    const headers = JSON.stringify(options.headers);
    await page.addInitScript((text) => localStorage.setItem('graphiql:headers', text), headers);
  }
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const requested: string[] = [];
  const errors: string[] = [];
  browser.context.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (socket) => requested.push(socket.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(`${options.url ?? gateway.url}?query=${encodeURIComponent(document)}`, { timeout: PAGE_TIMEOUT_MS });
  await expect.poll(() => editorText(page), { timeout: PAGE_TIMEOUT_MS }).toBe(document);
  return { browser, page, requested, errors };
}

/** What Monaco shows, with its non-breaking spaces made plain. */
async function shownText(page: Page, selector: string): Promise<string> {
  const text = await page
    .locator(selector)
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's innerText is the text as rendered, what a person sees
    .innerText({ timeout: STEP_TIMEOUT_MS })
    .catch(() => '');
  return text.replace(/\u00a0/g, ' ').trim();
}

const editorText = (page: Page) => shownText(page, '.graphiql-query-editor .view-lines');
const resultText = (page: Page) => shownText(page, '.graphiql-response');

/** The highest `line-N` in the result pane, -1 while there is none. */
async function shownLineNumber(page: Page): Promise<number> {
  const numbers = [...(await resultText(page)).matchAll(/line-(\d+)/g)].map((match) => Number(match[1]));
  return numbers.length ? Math.max(...numbers) : -1;
}

/** Anything loaded from the gateway itself (or made from it in the page: blob: workers, data: icons). */
function fromGateway(url: string): boolean {
  if (url.startsWith('data:')) return true;
  const parsed = new URL(url.startsWith('blob:') ? url.slice('blob:'.length) : url);
  return parsed.host === new URL(gateway.origin).host && ['http:', 'ws:'].includes(parsed.protocol);
}

describe('GraphiQL at /graphql', () => {
  it('loads everything it needs from the gateway, reaching no other host', async () => {
    const { browser, page, requested, errors } = await openGraphiQL('{ engine { version } }');
    // The docs show the schema's root types once GraphiQL has introspected the gateway.
    await page.locator('.graphiql-sidebar button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer-root-type', { hasText: 'subscription' }).waitFor();
    // Everything the page loads on its own has loaded by now (networkidle is not reliable on a busy machine).
    await page.waitForLoadState('load', { timeout: PAGE_TIMEOUT_MS });

    expect(requested[0]).toBe(`${gateway.url}?query=${encodeURIComponent('{ engine { version } }')}`);
    expect(requested.filter((url) => !fromGateway(url))).toEqual([]);
    expect(errors).toEqual([]);

    // Nor does the page name an outside script, stylesheet, icon or frame for a browser that would fetch it.
    const html = await (await fetch(gateway.url, { headers: { accept: 'text/html' } })).text();
    expect(html).toContain('<title>Wharf</title>');
    expect(html.match(/<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?\/\//gi)).toBeNull();
    await browser.screenshot('graphiql-page');
  });

  it('runs a query from the editor with the run button and shows the result', async () => {
    const run = uniqueName('run');
    // Created, never started: only `containers(all: true)` lists it.
    const created = await container({ cmd: ['true'], start: false, labels: { 'wharf.graphiql': run } });
    const query = `{ containers(all: true, filters: { label: ["wharf.graphiql=${run}"] }) { name names state } }`;
    const { browser, page } = await openGraphiQL(query);

    await page.locator('.graphiql-execute-button').click();

    await expect.poll(() => resultText(page), { timeout: STEP_TIMEOUT_MS }).toMatch(new RegExp(`"name":\\s*"${created.name}"`));
    const shown = await resultText(page);
    expect(shown).toMatch(new RegExp(`"names":\\s*\\[\\s*"${created.name}"\\s*\\]`));
    expect(shown).toMatch(/"state":\s*"CREATED"/);
    expect(shown).not.toContain('"errors"');
    await browser.screenshot('graphiql-query');
  });

  it('runs a containerLogs subscription over graphql-ws with Ctrl-Enter and shows new lines as they come', async () => {
    const running = await container({ cmd: NUMBERED_LINES });
    const subscription = `subscription { containerLogs(id: "${running.name}", tail: 1) { message } }`;
    const { browser, page } = await openGraphiQL(subscription);

    const socket = page.waitForEvent('websocket');
    await page.locator('.graphiql-query-editor .view-lines').click();
    await page.keyboard.press('Control+Enter');
    expect((await socket).url()).toBe(gateway.wsUrl);

    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(0);
    const first = await shownLineNumber(page);
    await browser.screenshot('graphiql-subscription-first');
    // Five lines a second: three more within a few seconds, shown as each arrives over the open subscription.
    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(first + 3);
    expect(await editorText(page)).toBe(subscription);
    await browser.screenshot('graphiql-subscription-later');
  });
});

describe('GraphiQL in token mode', () => {
  const tokens = issueTokens('graphiql');
  let guarded: ProxiedGateway;
  beforeAll(async () => {
    guarded = await startGateway(inject('dockerHost'), { countingProxy: true, warm: true, tokens: [tokens.viewer] });
  });
  afterAll(async () => {
    await guarded.close();
  });

  it('runs a containerLogs subscription over SSE with the token from its headers editor', async () => {
    const running = await container({ cmd: NUMBERED_LINES });
    const subscription = `subscription { containerLogs(id: "${running.name}", tail: 1) { message } }`;
    const { browser, page } = await openGraphiQL(subscription, {
      url: guarded.url,
      headers: { Authorization: `Bearer ${tokens.viewer.token}` },
    });
    await page.locator('.graphiql-query-editor .view-lines').click();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(0);
    const first = await shownLineNumber(page);
    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(first + 3);
    expect(await resultText(page)).not.toContain('UNAUTHENTICATED');
    await browser.screenshot('graphiql-token-subscription');
  });
});
