#!/usr/bin/env -S node --max-old-space-size=384 --no-wasm-tier-up --no-wasm-dynamic-tiering
// The `wharf` command: runs src/ compiled to plain JavaScript (compiled again whenever a source
// changed), or through tsx where the compiled copy cannot be written.
//
// The heap limit above sizes V8 for a gateway rather than for the machine: with the default (a
// quarter of the memory), V8 lets a busy fan-out's short-lived garbage pile up before collecting it
// (200 subscribers to one chatty container, bench/streams.ts part 3: peak RSS 224 MiB without the
// flag). A 1M-line `logs` query, 84 MB of JSON, still fits.
//
// The two WebAssembly flags keep WebAssembly on V8's baseline compiler (Liftoff), which still hands
// a function it cannot compile to the optimizing one. The WebAssembly that runs hot here is undici's
// HTTP parser (llhttp), one large state machine. When it turns hot, V8's optimizing compiler spends
// 30-37 MB of native memory on it for a moment (seen with heaptrack), and in the fan-out that moment
// was the peak RSS: 146-159 MiB without these flags, 121-131 MiB with them. They cost no measurable
// throughput in bench/streams.ts parts 1 and 2 (alternated runs).
import { compiledMain } from './compile.js';

// graphql-js checks its own use of types on every call unless told it is in production;
// set before graphql is first imported.
process.env.NODE_ENV ??= 'production';

const main = await compiledMain();
if (main) {
  await import(main.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}
