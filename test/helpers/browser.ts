// Debian's Chromium driven by playwright-core: no browser download, no network beyond loopback.
import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.WHARF_TEST_CHROMIUM ?? '/usr/bin/chromium';

/** The flags a sandboxed machine without network needs; see .ci/run. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Where screenshots go: kept as test artifacts, never committed (see .gitignore). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');

export interface TestBrowser {
  context: BrowserContext;
  page: Page;
  /** Saves a full-page screenshot under test-artifacts/; returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * Builds dist/ (the dashboard's files among it) unless it is current: the gateways of the tests run
 * from src/ and serve the page from the build, which `npm test` makes first but a single test file
 * run by hand may find missing or old.
 */
export async function buildIfStale(): Promise<void> {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  await promisify(execFile)(process.execPath, ['--import', 'tsx', join(root, 'scripts', 'build.ts'), '--if-stale'], { cwd: root });
}

export async function openBrowser(): Promise<TestBrowser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install it with \`apt-get install chromium\` (.ci/run does), or set WHARF_TEST_CHROMIUM`);
  }
  const userDataDir = await mkdtemp(join(tmpdir(), 'wharf-chromium.'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: FLAGS,
      viewport: { width: 1280, height: 900 },
    });
  } catch (error) {
    await rm(userDataDir, { recursive: true, force: true });
    throw error;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async screenshot(name) {
      await mkdir(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, fullPage: true });
      return path;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Keeps what a page reports into the given lists: its uncaught errors and console errors (a CSP
 * violation is one) into `errors`; with `questions`, each confirm() or alert() it asks, accepted.
 */
export function watchPage(page: Page, into: { errors: string[]; questions?: string[] }): void {
  page.on('pageerror', (error) => into.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') into.errors.push(message.text());
  });
  const questions = into.questions;
  if (!questions) return;
  page.on('dialog', (dialog) => {
    questions.push(dialog.message());
    void dialog.accept();
  });
}

export type { Browser, Page };
