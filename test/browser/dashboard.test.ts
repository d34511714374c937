// The dashboard at / in a real Chromium: the list kept live by events, a stop the engine confirms, live log lines, errors with codes.
import type { Locator, Page } from 'playwright-core';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { ContainerInspectWire } from '../../src/docker/types.js';
import { STRICT_CREATE_POLICY } from '../../src/schema/create-policy.js';
import { issueTokens } from '../helpers/access.js';
import { buildIfStale, openBrowser, type TestBrowser } from '../helpers/browser.js';
import { createTestContainer, removeContainer, uniqueName, type TestContainerOptions } from '../helpers/engine-api.js';
import { startGateway, type TestGateway, gatewayForFile } from '../helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

beforeAll(buildIfStale, 60_000);

/** Every browser, gateway and container a test opens, closed and removed after it. */
const browsers: TestBrowser[] = [];
const gateways: TestGateway[] = [];
const containers: string[] = [];
afterEach(async () => {
  // Browsers first: closing one ends its subscriptions before their containers go.
  await Promise.all(browsers.splice(0).map((browser) => browser.close()));
  await Promise.all(gateways.splice(0).map((opened) => opened.close()));
  await Promise.all(containers.splice(0).map((id) => removeContainer(engine, id)));
});

async function container(options: Partial<TestContainerOptions> = {}): Promise<{ id: string; name: string }> {
  const created = await createTestContainer(engine, { name: uniqueName('wharf-dash'), cmd: STOPS_ON_TERM, ...options });
  containers.push(created.id);
  return created;
}

/** Exits at once on SIGTERM, so a stop takes milliseconds rather than Docker's 10 s grace. */
const STOPS_ON_TERM = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 0.1; done'];
/** Prints `other` five times a second; exits on SIGTERM. */
const OTHER_LINES = ['sh', '-c', 'trap "exit 0" TERM; while true; do echo other; sleep 0.2; done'];
/** Prints `line-0`, `line-1` ... five times a second; exits on SIGTERM. */
const NUMBERED_LINES = ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do echo line-$i; i=$((i+1)); sleep 0.2; done'];

const PAGE_TIMEOUT_MS = 15_000;
const STEP_TIMEOUT_MS = 8_000;

interface DashboardPage {
  browser: TestBrowser;
  page: Page;
  /** Every URL the page requested or opened a WebSocket to, in order. */
  requested: string[];
  /** Uncaught errors and console errors (a CSP violation is one). */
  errors: string[];
}

/** Opens the dashboard and waits until its WebSocket is acknowledged. */
async function openDashboard(origin = gateway.origin): Promise<DashboardPage> {
  const browser = await openBrowser();
  browsers.push(browser);
  const { page } = browser;
  page.setDefaultTimeout(STEP_TIMEOUT_MS);
  const requested: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  page.on('websocket', (socket) => requested.push(socket.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(`${origin}/`, { timeout: PAGE_TIMEOUT_MS });
  await page.locator('[data-testid="connection"][data-state="live"]').waitFor({ timeout: PAGE_TIMEOUT_MS });
  return { browser, page, requested, errors };
}

const row = (page: Page, name: string): Locator => page.locator(`[data-testid="container-row"][data-name="${name}"]`);
const stateOf = (page: Page, name: string) => row(page, name).getByTestId('state');
const inspect = (id: string) => engine.json<ContainerInspectWire>('GET', `/containers/${id}/json`);

/** The highest `line-N` the log pane shows, -1 while there is none. */
async function shownLineNumber(page: Page): Promise<number> {
  const lines = await page.getByTestId('log-line').allTextContents();
  const numbers = lines
    .map((line) => /^line-(\d+)$/.exec(line)?.[1])
    .filter((n) => n !== undefined)
    .map(Number);
  return numbers.length ? Math.max(...numbers) : -1;
}

describe('the dashboard page', () => {
  it('lists a container with its image, state and status', async () => {
    const made = await container();
    const { page, browser, errors, requested } = await openDashboard();

    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('RUNNING');
    const raw = await inspect(made.id);
    await expect(row(page, made.name).locator('td.image').textContent()).resolves.toBe(raw.Config.Image);
    await expect(row(page, made.name).getByTestId('status').textContent()).resolves.toMatch(/^Up /);
    await browser.screenshot('dashboard-list');
    // Everything came from the gateway itself: the page, its bundle and styles, /graphql over HTTP and WebSocket.
    const gatewayHost = new URL(gateway.origin).host;
    expect(requested.filter((url) => new URL(url).host !== gatewayHost)).toEqual([]);
    expect(requested).toEqual(expect.arrayContaining([`${gateway.origin}/dashboard.js`, `${gateway.origin}/dashboard.css`, gateway.wsUrl]));
    expect(errors).toEqual([]);
  });

  it('shows containers made and stopped outside the page as the events come, without a reload', async () => {
    const { page, requested } = await openDashboard();
    const made = await container();
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('RUNNING');

    await engine.json('POST', `/containers/${made.id}/stop`);
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('EXITED');
    await removeContainer(engine, made.id);
    await row(page, made.name).waitFor({ state: 'detached' });
    expect(requested.filter((url) => url === `${gateway.origin}/`)).toHaveLength(1);
  });

  it('stops a running container with its stop button, and the engine agrees', async () => {
    const made = await container();
    const { page, browser, errors, requested } = await openDashboard();
    const stop = row(page, made.name).getByTestId('stop');
    await expect.poll(() => stop.isEnabled(), { timeout: STEP_TIMEOUT_MS }).toBe(true);

    await stop.click();
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('EXITED');
    await expect(row(page, made.name).getByTestId('status').textContent()).resolves.toMatch(/^Exited \(0\)/);
    const raw = await inspect(made.id);
    expect(raw.State.Running).toBe(false);
    expect(raw.State.Status).toBe('exited');
    expect(raw.State.ExitCode).toBe(0);
    await browser.screenshot('dashboard-stopped');
    expect(requested.filter((url) => url === `${gateway.origin}/`)).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  it('shows live log lines of the container whose name is clicked', async () => {
    const other = await container({ cmd: OTHER_LINES });
    const chatty = await container({ cmd: NUMBERED_LINES });
    const { page, browser } = await openDashboard();

    // Another container's log first: choosing the next one must replace it, not mix the two.
    await row(page, other.name).getByTestId('select-logs').click();
    await page.getByTestId('log-line').filter({ hasText: 'other' }).first().waitFor();
    await row(page, chatty.name).getByTestId('select-logs').click();
    await expect.poll(() => page.getByTestId('log-target').textContent()).toBe(chatty.name);

    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(0);
    const first = await shownLineNumber(page);
    // The container prints five lines a second: three more arrive within a second or so.
    await expect.poll(() => shownLineNumber(page), { timeout: STEP_TIMEOUT_MS }).toBeGreaterThanOrEqual(first + 3);
    const lines = await page.getByTestId('log-line').allTextContents();
    expect(lines.every((line) => /^line-\d+$/.test(line))).toBe(true);
    await browser.screenshot('dashboard-logs');
  });

  it('opens a terminal in the selected running container: a typed command shows its output', async () => {
    const target = await container({ cmd: ['sleep', '600'] });
    const { page, browser, errors } = await openDashboard();
    await row(page, target.name).getByTestId('select-logs').click();
    await page.getByTestId('terminal-toggle').click();
    await page.locator('[data-testid="terminal-status"][data-status="running"]').waitFor();
    const screen = page.locator('.xterm-rows');
    // busybox ash asks the terminal where its cursor is before its first prompt: type only once the prompt shows.
    await expect.poll(() => screen.textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('# ');
    await page.locator('.xterm-helper-textarea').focus();
    await page.keyboard.type('echo dashboard-$((6*7))');
    await page.keyboard.press('Enter');
    await expect.poll(() => screen.textContent(), { timeout: STEP_TIMEOUT_MS }).toContain('dashboard-42');
    await browser.screenshot('dashboard-container-terminal');
    expect(errors).toEqual([]);
  });

  it('shows an error with its code: removing a running container without force is a CONFLICT', async () => {
    const made = await container();
    const { page, browser } = await openDashboard();
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('RUNNING');
    await expect(page.getByTestId('force-remove').isChecked()).resolves.toBe(false);

    await row(page, made.name).getByTestId('remove').click();
    await page.getByTestId('error').waitFor({ state: 'visible' });
    await expect(page.getByTestId('error-code').textContent()).resolves.toBe('CONFLICT');
    await expect(page.getByTestId('error-message').textContent()).resolves.toMatch(/running|stop/i);
    const raw = await inspect(made.id);
    expect(raw.State.Running).toBe(true);
    await browser.screenshot('dashboard-error');
  });

  it('in token mode loads without credentials, says UNAUTHENTICATED, and works once given a token', async () => {
    const tokens = issueTokens(uniqueName('dash'));
    const guarded = await startGateway(inject('dockerHost'), {
      access: { mode: 'token', tokens: [tokens.operator.entry], createPolicy: STRICT_CREATE_POLICY },
    });
    gateways.push(guarded);
    const made = await container();
    const browser = await openBrowser();
    browsers.push(browser);
    const { page } = browser;
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    await page.goto(`${guarded.origin}/`, { timeout: PAGE_TIMEOUT_MS });
    await expect.poll(() => page.getByTestId('error-code').textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('UNAUTHENTICATED');
    await expect(row(page, made.name).count()).resolves.toBe(0);

    await page.locator('#token').fill(tokens.operator.token);
    await page.locator('#token-form button[type="submit"]').click();
    await page.locator('[data-testid="connection"][data-state="live"]').waitFor();
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('RUNNING');
    // The events stream is authenticated too: a stop outside the page shows.
    await engine.json('POST', `/containers/${made.id}/stop`);
    await expect.poll(() => stateOf(page, made.name).textContent(), { timeout: STEP_TIMEOUT_MS }).toBe('EXITED');
    await expect(page.getByTestId('error').isHidden()).resolves.toBe(true);
  });
});

describe('serving the page', () => {
  it('sends the page, its bundle and styles with a content security policy', async () => {
    const page = await fetch(`${gateway.origin}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(await page.text()).toContain('<script type="module" src="/dashboard.js">');

    const bundle = await fetch(`${gateway.origin}/dashboard.js`);
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    // The operations travel as strings: no graphql-js in the bundle.
    const script = await bundle.text();
    expect(script).toContain('subscription DashboardEvents');
    expect(script).not.toContain('GraphQLSchema');

    const styles = await fetch(`${gateway.origin}/dashboard.css`);
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8');

    const again = await fetch(`${gateway.origin}/dashboard.js`, { headers: { 'if-none-match': bundle.headers.get('etag') ?? '' } });
    expect(again.status).toBe(304);
  });

  it('is not served with dashboard: false', async () => {
    const bare = await startGateway(inject('dockerHost'), { dashboard: false });
    gateways.push(bare);
    for (const path of ['/', '/dashboard.js', '/dashboard.css', '/favicon.svg']) {
      const res = await fetch(`${bare.origin}${path}`);
      expect(res.status, path).toBe(404);
    }
  });
});
