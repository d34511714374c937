// src/ compiled to JavaScript with esbuild (about 0.3 s), kept under node_modules/.cache/wharf/ by a
// key of the sources' names, sizes and times: the program is always the current source, and it runs
// without a TypeScript loader, which costs about 50 MiB of memory.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'wharf');
/** The browser's code: copied as it is, since the server bundles it for the page itself (src/server/http/dashboard.ts). */
const BROWSER_DIR = 'dashboard';
/** A compiled copy no process has started from for this long, and that no live process uses, is removed. */
const STALE_MS = 7 * 24 * 60 * 60 * 1000;
/** A half-built copy older than this was left by a process that died while building. */
const ABANDONED_MS = 10 * 60 * 1000;
/** In a copy's folder, `running-<pid>` says a process runs from it (the dashboard reads its files later). */
const RUNNING = 'running-';

function sourceFiles(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** The compiled copy's name: changes when a source file, this script, the package or TypeScript settings, or esbuild's version does. */
function keyOf(files) {
  const hash = createHash('sha256');
  const esbuild = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('esbuild/package.json'), 'utf8'));
  hash.update(`esbuild ${esbuild.version}\n`);
  for (const file of [...files, fileURLToPath(import.meta.url), join(ROOT, 'package.json'), join(ROOT, 'tsconfig.json')]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function build(files, out) {
  const { build: esbuild, stop, version } = await import('esbuild');
  const serverFiles = files.filter((file) => file.endsWith('.ts') && !relative(SRC, file).startsWith(`${BROWSER_DIR}/`));
  try {
    await esbuild({
      entryPoints: serverFiles,
      outdir: out,
      outbase: SRC,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'error',
    });
  } finally {
    // esbuild's service is a child process: it would otherwise live as long as the gateway.
    await stop();
  }
  cpSync(join(SRC, BROWSER_DIR), join(out, BROWSER_DIR), { recursive: true });
  // Under node_modules/ the project's own package.json no longer says these files are ES modules.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(out, 'BUILT'), `esbuild ${version} from ${SRC}\n`);
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

function inUse(dir) {
  return readdirSync(dir).some((name) => name.startsWith(RUNNING) && alive(Number(name.slice(RUNNING.length))));
}

function removeStale(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = join(CACHE, name);
    if (dir === keep) continue;
    try {
      const age = Date.now() - statSync(dir).mtimeMs;
      const abandoned = name.includes('.tmp-') && age > ABANDONED_MS;
      if (abandoned || (!name.includes('.tmp-') && age > STALE_MS && !inUse(dir))) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process is removing it
    }
  }
}

/** Marks `dir` as used by this process until it exits; a read-only install just goes without. */
function markRunning(dir) {
  try {
    const now = new Date();
    utimesSync(dir, now, now);
    const marker = join(dir, `${RUNNING}${process.pid}`);
    writeFileSync(marker, '');
    process.once('exit', () => {
      try {
        unlinkSync(marker);
      } catch {
        // gone already
      }
    });
  } catch {
    // not writable: the copy is still good to run
  }
}

/** The compiled main.js, made now if the sources changed; undefined when it cannot be made here. */
export async function compiledMain() {
  let out;
  try {
    const files = sourceFiles();
    out = join(CACHE, keyOf(files));
    if (!existsSync(join(out, 'BUILT')) || !existsSync(join(out, 'main.js'))) {
      mkdirSync(CACHE, { recursive: true });
      // Built aside and renamed into place: a process starting meanwhile never sees half a copy.
      const temporary = `${out}.tmp-${process.pid}`;
      try {
        await build(files, temporary);
      } catch (error) {
        rmSync(temporary, { recursive: true, force: true });
        throw error;
      }
      try {
        renameSync(temporary, out);
      } catch {
        // Another process got there first with the same sources; a copy left broken is replaced.
        if (!existsSync(join(out, 'main.js'))) {
          rmSync(out, { recursive: true, force: true });
          renameSync(temporary, out);
        } else {
          rmSync(temporary, { recursive: true, force: true });
        }
      }
      removeStale(out);
    }
  } catch (error) {
    process.emitWarning(`wharf: running the TypeScript sources through tsx: cannot compile them (${error.message})`);
    return undefined;
  }
  markRunning(out);
  return pathToFileURL(join(out, 'main.js'));
}
