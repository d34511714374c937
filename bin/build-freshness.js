// Whether dist/ is the build of the current sources: no file or folder it is built from is newer than its stamp.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The build's output folder, and the file whose time is when the build that made it started. */
export const DIST = 'dist';
export const STAMP = join(DIST, 'BUILT');

/**
 * What a build reads besides src/: the package (dependencies), the TypeScript settings (JSX) and
 * the build itself. package-lock.json changes when `npm ci` brings other versions of the bundled
 * libraries.
 */
const INPUTS = ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/build.ts', 'bin/build-freshness.js'];

/** The newest time of `dir` and everything under it; a folder's own time changes when a file in it is added, removed or renamed. */
function newestUnder(dir) {
  let newest = statSync(dir).mtimeMs;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function mtimeOrZero(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

/** True when `root`/dist/ is missing or older than a source: a few hundred stat calls, a few milliseconds. */
export function isStale(root) {
  const built = mtimeOrZero(join(root, STAMP));
  if (built === 0) return true;
  // An install that ships dist/ without its sources runs what it has.
  if (mtimeOrZero(join(root, 'src')) === 0) return false;
  if (newestUnder(join(root, 'src')) > built) return true;
  return INPUTS.some((input) => mtimeOrZero(join(root, input)) > built);
}
