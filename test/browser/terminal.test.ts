// The dashboard's terminal pane in a real Chromium: a shell on a running container, a command typed, its output on the screen, the exit code shown.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueTokens } from '../helpers/access.js';
import { openBrowser, type TestBrowser } from '../helpers/browser.js';
import { createTestContainer, rawEngine, removeContainer } from '../helpers/engine-api.js';
import { startGateway, type TestGateway } from '../helpers/gateway.js';

const tokens = issueTokens('terminal-page');
const engine = rawEngine(inject('dockerSocket'));

const FIXTURE = fileURLToPath(new URL('./fixtures/terminal-page.tsx', import.meta.url));

/** The pane bundled as the dashboard is (esbuild, Preact's JSX), its script and styles in memory. */
async function bundle(): Promise<{ js: string; css: string }> {
  const result = await build({
    entryPoints: { page: FIXTURE },
    outdir: join(fileURLToPath(new URL('.', import.meta.url)), 'out'),
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    logLevel: 'error',
  });
  const text = (ext: string) => result.outputFiles.find((file) => file.path.endsWith(ext))?.text ?? '';
  return { js: text('.js'), css: text('.css') };
}

/** Serves the page on loopback (a page Chromium sees as local may open a WebSocket to loopback), from another origin than the gateway's. */
async function servePage(
  assets: { js: string; css: string },
  gatewayHost: () => string,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://page').pathname;
    if (path === '/page.js') return res.writeHead(200, { 'content-type': 'text/javascript' }).end(assets.js);
    if (path === '/page.css') return res.writeHead(200, { 'content-type': 'text/css' }).end(assets.css);
    res
      // The dashboard's own policy: no inline script or style, sockets to the gateway only.
      .writeHead(200, {
        'content-type': 'text/html',
        'content-security-policy': `default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self' ws://${gatewayHost()}`,
      })
      .end(
        '<!doctype html><html><head><link rel="stylesheet" href="/page.css"><script type="module" src="/page.js"></script></head><body></body></html>',
      );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let container: { id: string; name: string };
let browser: TestBrowser;
let page: { origin: string; close(): Promise<void> };
let gateway: TestGateway;
beforeAll(async () => {
  let assets: { js: string; css: string };
  [container, browser, assets] = await Promise.all([
    createTestContainer(engine, { cmd: ['sleep', '600'], extra: { StopTimeout: 1 } }),
    openBrowser(),
    bundle(),
  ]);
  page = await servePage(assets, () => new URL(gateway.origin).host);
  // The page's origin is allowed as a dashboard served elsewhere would be.
  gateway = await startGateway(inject('dockerHost'), { tokens: Object.values(tokens), corsOrigins: [page.origin] });
});
afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await page?.close();
  if (container) await removeContainer(engine, container.id);
  await engine.close();
});

describe("the dashboard's terminal pane", () => {
  it('runs a shell: a typed command shows its output, and exit shows the code', async () => {
    const tab = browser.page;
    tab.setDefaultTimeout(10_000);
    const errors: string[] = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    const query = new URLSearchParams({ id: container.id, name: container.name, token: tokens.admin.token, gateway: gateway.origin });
    await tab.goto(`${page.origin}/?${query}`);
    await tab.locator('[data-testid="terminal-status"][data-status="running"]').waitFor();
    const screen = tab.locator('.xterm-rows');
    await expect.poll(() => screen.textContent(), { timeout: 10_000 }).toContain('# ');
    await tab.locator('.xterm-helper-textarea').focus();
    await tab.keyboard.type('echo terminal-$((6*7))');
    await tab.keyboard.press('Enter');
    await expect.poll(() => screen.textContent(), { timeout: 10_000 }).toContain('terminal-42');
    // Legible under the page's policy, which refuses the styles xterm.js injects: the pane's own stylesheet gives the colours.
    expect(await screen.evaluate((rows) => getComputedStyle(rows).color)).toBe('rgb(255, 255, 255)');
    await browser.screenshot('dashboard-terminal');
    await tab.keyboard.type('exit 3');
    await tab.keyboard.press('Enter');
    await tab.locator('[data-testid="terminal-status"][data-status="exited with code 3"]').waitFor();
    expect(errors).toEqual([]);
    expect(gateway.audit.find((record) => record.operation === 'execTerminal')).toMatchObject({ token: tokens.admin.name, outcome: 'ok' });
  });
});
