#!/usr/bin/env -S node --max-old-space-size=384 --liftoff-only
// The `wharf` command: runs src/ compiled to plain JavaScript (compiled again whenever a source
// changed), or through tsx where the compiled copy cannot be written.
//
// The heap limit above sizes V8 for a gateway rather than for the machine: with the default (a
// quarter of the memory), V8 lets a busy fan-out's short-lived garbage pile up before collecting it
// (200 subscribers to one chatty container, bench/streams.ts part 3: peak RSS 224 MiB without the
// flag, about 142 MiB with it). A 1M-line `logs` query, 84 MB of JSON, still fits.
//
// --liftoff-only keeps WebAssembly on V8's baseline compiler. The only WebAssembly here is undici's
// HTTP parser (llhttp), one large state machine: when it turns hot, V8's optimizing compiler spends
// 30-37 MB of native memory on it for a moment (seen with heaptrack), and that moment was the
// fan-out's peak RSS (146-159 MiB; 121-131 MiB without it). Parsing costs no measurable throughput
// (bench/streams.ts parts 1 and 2, alternated runs).
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
