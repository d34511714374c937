// The build: src/ transpiled file by file into dist/ for Node, and the dashboard bundled for the browser into dist/dashboard/.
//
// `tsx scripts/build.ts` always builds; with `--if-stale` it builds only when dist/ is older than
// its sources. One build at a time: dist/.lock is held while dist/ is rewritten, and a build that
// waited for another checks again whether there is anything left to do.
import { copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions } from 'esbuild';
import { DIST, isStale, STAMP } from '../bin/build-freshness.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const OUT = join(ROOT, DIST);
/** The browser's code: bundled on its own, never part of the server's output. */
const DASHBOARD_SRC = join(SRC, 'dashboard');
const DASHBOARD_OUT = join(OUT, 'dashboard');
/** Copied next to the bundle as they are. */
const DASHBOARD_STATIC = ['index.html', 'favicon.svg'];

const LOCK = join(OUT, '.lock');
const LOCK_OWNER = join(LOCK, 'pid');
/** A lock held this long is left from a build that hung or was killed mid-way. */
const LOCK_ABANDONED_MS = 2 * 60 * 1000;
const LOCK_POLL_MS = 50;

function serverSources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return path === DASHBOARD_SRC ? [] : serverSources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The lock's inode if its holder is gone (its process ended, or it has held the lock far longer
 * than a build takes), else undefined.
 */
function abandoned(): number | undefined {
  try {
    const { ino, mtimeMs } = statSync(LOCK);
    if (Date.now() - mtimeMs > LOCK_ABANDONED_MS) return ino;
    return alive(Number(readFileSync(LOCK_OWNER, 'utf8'))) ? undefined : ino;
  } catch {
    // Released meanwhile, or taken by a build that has not written its pid yet.
    return undefined;
  }
}

/**
 * Moves an abandoned lock aside, atomically: of several waiters that found it abandoned, one moves
 * it. One that finds it moved a lock taken meanwhile (another inode) puts that one back.
 */
function takeOver(ino: number): void {
  const aside = `${LOCK}.abandoned-${process.pid}`;
  try {
    renameSync(LOCK, aside);
  } catch {
    return;
  }
  if (statSync(aside).ino === ino) rmSync(aside, { recursive: true, force: true });
  else renameSync(aside, LOCK);
}

async function lock(): Promise<() => void> {
  mkdirSync(OUT, { recursive: true });
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(LOCK_OWNER, String(process.pid));
      return () => rmSync(LOCK, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const stale = abandoned();
    if (stale === undefined) await sleep(LOCK_POLL_MS);
    else takeOver(stale);
  }
}

const server = (): BuildOptions => ({
  entryPoints: serverSources(),
  outdir: OUT,
  outbase: SRC,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
});

/** Minified ESM for the browser; dashboard.css comes out of the bundle's CSS import. */
const dashboard: BuildOptions = {
  entryPoints: { dashboard: join(DASHBOARD_SRC, 'main.tsx') },
  outdir: DASHBOARD_OUT,
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  // urql's development warnings check process.env.NODE_ENV, which a browser does not have.
  define: { 'process.env.NODE_ENV': '"production"' },
  logLevel: 'error',
};

/** Rewrites dist/ (all but the lock); the stamp goes last and carries the time the sources were read. */
async function buildAll(): Promise<void> {
  const started = new Date();
  rmSync(join(ROOT, STAMP), { force: true });
  for (const name of readdirSync(OUT)) if (join(OUT, name) !== LOCK) rmSync(join(OUT, name), { recursive: true, force: true });
  await Promise.all([build(server()), build(dashboard)]);
  for (const name of DASHBOARD_STATIC) copyFileSync(join(DASHBOARD_SRC, name), join(DASHBOARD_OUT, name));
  writeFileSync(join(ROOT, STAMP), `${relative(ROOT, SRC)}/ built by scripts/build.ts\n`);
  utimesSync(join(ROOT, STAMP), started, started);
}

const ifStale = process.argv.includes('--if-stale');
const release = await lock();
try {
  if (!ifStale || isStale(ROOT)) {
    const started = performance.now();
    await buildAll();
    process.stderr.write(`wharf: built ${DIST}/ in ${Math.round(performance.now() - started)} ms\n`);
  }
} finally {
  release();
}
