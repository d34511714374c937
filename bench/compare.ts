// Times several contenders in one interleaved loop, so that drift (thermal, GC, the engine's caches) hits all alike.

export interface Contender<T> {
  run(): Promise<T>;
  /** Throws when an answer is wrong; runs outside the timed window. */
  check(value: T): void;
}

export interface ComparisonOptions {
  warmup: number;
  iterations: number;
}

/**
 * Warm-up, then `iterations` rounds of one call each; the order rotates from round to round (AB, BA, ...)
 * to cancel any order effect. Resolves to milliseconds per call, one array per contender.
 */
export async function interleave<T extends unknown[]>(
  contenders: { [K in keyof T]: Contender<T[K]> },
  options: ComparisonOptions,
): Promise<{ [K in keyof T]: number[] }> {
  const list: ReadonlyArray<Contender<unknown>> = contenders;
  const samples = list.map((): number[] => []);
  for (let i = 0; i < options.warmup; i++) {
    for (const contender of list) contender.check(await contender.run());
  }
  for (let round = 0; round < options.iterations; round++) {
    for (let k = 0; k < list.length; k++) {
      const at = (round + k) % list.length;
      const contender = list[at];
      if (contender) samples[at]?.push(await timed(contender));
    }
  }
  return samples as { [K in keyof T]: number[] };
}

async function timed<T>(contender: Contender<T>): Promise<number> {
  const started = performance.now();
  const value = await contender.run();
  const ms = performance.now() - started;
  contender.check(value);
  return ms;
}
