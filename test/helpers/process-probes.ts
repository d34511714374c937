// What the test process holds, for tests that check a gateway in it gives resources back: open descriptors and a real gc().
import { readdirSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function openFileDescriptors(): number {
  return readdirSync('/proc/self/fd').length;
}

/** Node's gc(), switched on at run time (vitest's workers run without --expose-gc); heap figures without it are noise. */
export function garbageCollector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
}
