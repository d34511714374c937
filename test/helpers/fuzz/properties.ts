// Runs a fast-check property on several workers at once, so that slow answers overlap, and reports every worker's failure with its seed.
import fc from 'fast-check';

export interface WorkerOptions<T> {
  /** Names the workers in reports. */
  name: string;
  arbitrary: fc.Arbitrary<T>;
  /** Throws to fail the run. */
  predicate: (value: T) => Promise<void>;
  workers: number;
  runsPerWorker: number;
  /** Worker i draws from seed + i. */
  seed: number;
  /** Past this, a worker stops and its property fails (shrinking included). */
  timeLimitMs: number;
}

/** fast-check's own report (seed, path, shrunk counterexample) of each failed worker; empty when all held. */
export async function runWorkers<T>(options: WorkerOptions<T>): Promise<string[]> {
  const replay = replayRequest();
  if (replay && replay.name !== options.name) return [];
  const workers = replay
    ? [{ seed: replay.seed, path: replay.path, numRuns: 1 }]
    : Array.from({ length: options.workers }, (_, i) => ({
        seed: (options.seed + i) | 0,
        path: undefined,
        numRuns: options.runsPerWorker,
      }));
  const settled = await Promise.allSettled(
    workers.map(({ seed, path, numRuns }) =>
      fc.assert(fc.asyncProperty(options.arbitrary, options.predicate), {
        seed,
        numRuns,
        // The predicate's own account of what broke goes in the report, not only in its cause.
        includeErrorInReport: true,
        ...(path === undefined ? {} : { path }),
        plugins: [fc.interruptAfterTimeLimit(options.timeLimitMs, { failOnInterrupt: true })],
      }),
    ),
  );
  return settled.flatMap((result, i) =>
    result.status === 'rejected'
      ? [
          `${options.name} worker ${i} (replay it alone with WHARF_FUZZ_REPLAY=${options.name}:<seed>:<path> from below):\n${result.reason instanceof Error ? result.reason.message : String(result.reason)}`,
        ]
      : [],
  );
}

/** WHARF_FUZZ_REPLAY=name:seed:path replays one failure that fast-check reported; the other properties then run nothing. */
function replayRequest(): { name: string; seed: number; path: string } | undefined {
  const value = process.env.WHARF_FUZZ_REPLAY?.trim();
  if (!value) return undefined;
  // fast-check's path has colons of its own: "81:7:0".
  const [name, seed, ...steps] = value.split(':');
  const path = steps.join(':');
  if (!name || !seed || !path || !Number.isInteger(Number(seed))) {
    throw new Error(`WHARF_FUZZ_REPLAY must be <property>:<seed>:<path> as the failure report gives them, not ${JSON.stringify(value)}`);
  }
  return { name, seed: Number(seed), path };
}

/** The seed from WHARF_FUZZ_SEED (decimal or 0x hex), else the fixed default. */
export function fuzzSeed(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.trim());
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0xffffffff) {
    throw new Error(`WHARF_FUZZ_SEED must be an integer in [0, 2^32), not ${JSON.stringify(value)}`);
  }
  return parsed;
}
