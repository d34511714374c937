// src/ compiled to JavaScript with esbuild (about 0.3 s), kept under node_modules/.cache/wharf/ by a
// key of the sources' names, sizes and times: the program is always the current source, and it runs
// without a TypeScript loader, which costs about 50 MiB of memory.
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');
const CACHE = join(ROOT, 'node_modules', '.cache', 'wharf');
/** The browser's code: copied as it is, since the server bundles it for the page itself (src/server/dashboard.ts). */
const BROWSER_DIR = 'dashboard';
/** Compiled copies unused for this long are removed when a new one is made. */
const STALE_MS = 24 * 60 * 60 * 1000;

function sourceFiles(dir = SRC) {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : [join(dir, entry.name)]))
    .sort();
}

/** The compiled copy's name: changes when any source file, this script or esbuild does. */
function keyOf(files) {
  const hash = createHash('sha256');
  for (const file of [...files, fileURLToPath(import.meta.url)]) {
    const { size, mtimeMs } = statSync(file);
    hash.update(`${relative(ROOT, file)}\0${size}\0${mtimeMs}\n`);
  }
  return hash.digest('hex').slice(0, 16);
}

async function build(files, out) {
  const { build: esbuild, version } = await import('esbuild');
  const serverFiles = files.filter((file) => file.endsWith('.ts') && !relative(SRC, file).startsWith(`${BROWSER_DIR}/`));
  await esbuild({
    entryPoints: serverFiles,
    outdir: out,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'error',
  });
  cpSync(join(SRC, BROWSER_DIR), join(out, BROWSER_DIR), { recursive: true });
  // Under node_modules/ the project's own package.json no longer says these files are ES modules.
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(out, 'BUILT'), `esbuild ${version} from ${SRC}\n`);
}

function removeStale(keep) {
  for (const name of readdirSync(CACHE)) {
    const dir = join(CACHE, name);
    if (dir === keep) continue;
    try {
      if (Date.now() - statSync(dir).mtimeMs > STALE_MS || name.includes('.tmp-')) rmSync(dir, { recursive: true, force: true });
    } catch {
      // another process is removing it
    }
  }
}

/** The compiled main.js, made now if the sources changed; undefined when it cannot be written here. */
export async function compiledMain() {
  let out;
  try {
    const files = sourceFiles();
    out = join(CACHE, keyOf(files));
    if (!existsSync(join(out, 'BUILT'))) {
      mkdirSync(CACHE, { recursive: true });
      // Built aside and renamed into place: a process starting meanwhile never sees half a copy.
      const temporary = `${out}.tmp-${process.pid}`;
      await build(files, temporary);
      try {
        renameSync(temporary, out);
      } catch {
        // another process got there first with the same sources
        rmSync(temporary, { recursive: true, force: true });
      }
      removeStale(out);
    } else {
      const now = new Date();
      utimesSync(out, now, now);
    }
  } catch (error) {
    process.emitWarning(`wharf: running the TypeScript sources through tsx: cannot compile them (${error.message})`);
    return undefined;
  }
  return pathToFileURL(join(out, 'main.js'));
}
