#!/usr/bin/env -S node --max-old-space-size=384 --no-wasm-tier-up --no-wasm-dynamic-tiering
// The `wharf` command: runs dist/, the build of src/, building it first (scripts/build.ts) when it is
// missing or older than a source. It runs plain JavaScript, without a TypeScript loader, which
// costs about 50 MiB of memory.
//
// The heap limit above sizes V8 for a gateway rather than for the machine: with the default (a
// quarter of the memory), V8 lets a busy fan-out's short-lived garbage pile up before collecting it
// (200 subscribers to one chatty container, bench/streams.ts part 3: peak RSS 224 MiB without the
// flag). One `logs` answer cannot outgrow it unchecked: it is bounded as it is read (--max-log-lines, --max-log-bytes).
//
// The two WebAssembly flags keep WebAssembly on V8's baseline compiler (Liftoff), which still hands
// a function it cannot compile to the optimizing one. The WebAssembly that runs hot here is undici's
// HTTP parser (llhttp), one large state machine. When it turns hot, V8's optimizing compiler spends
// 30-37 MB of native memory on it for a moment (seen with heaptrack), and in the fan-out that moment
// was the peak RSS: 146-159 MiB without these flags, 121-131 MiB with them. They cost no measurable
// throughput in bench/streams.ts parts 1 and 2 (alternated runs).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DIST, isStale } from './build-freshness.js';

// graphql-js checks its own use of types on every call unless told it is in production;
// set before graphql is first imported.
process.env.NODE_ENV ??= 'production';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const MAIN = join(ROOT, DIST, 'main.js');

if (isStale(ROOT)) {
  // In a process of its own, so this one never loads esbuild or tsx.
  const build = spawnSync(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'scripts', 'build.ts'), '--if-stale'], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (build.status !== 0) {
    // A read-only install still runs the build it came with.
    if (!existsSync(MAIN)) {
      console.error(
        `wharf: cannot build ${DIST}/ (${build.error?.message ?? `exit ${build.status ?? build.signal}`}); run \`npm run build\``,
      );
      process.exit(1);
    }
    process.emitWarning(`wharf: running the ${DIST}/ that was there: it could not be built from the current sources`);
  }
}

await import(pathToFileURL(MAIN).href);
