// Throughput: many clients at once, each issuing one operation after another, for a fixed time.

export interface ThroughputOptions {
  clients: number;
  ms: number;
  /** An untimed run of the same shape first. */
  warmupMs: number;
}

export const THROUGHPUT: ThroughputOptions = { clients: 16, ms: 3_000, warmupMs: 500 };

/** Operations per second; `op` gets a running index (to spread the work) and throws on a wrong answer. */
export async function throughput(op: (i: number) => Promise<void>, options: ThroughputOptions = THROUGHPUT): Promise<number> {
  let next = 0;
  const drive = async (ms: number): Promise<number> => {
    const deadline = performance.now() + ms;
    let done = 0;
    await Promise.all(
      Array.from({ length: options.clients }, async () => {
        while (performance.now() < deadline) {
          await op(next++);
          done++;
        }
      }),
    );
    return done;
  };
  await drive(options.warmupMs);
  const started = performance.now();
  const done = await drive(options.ms);
  return done / ((performance.now() - started) / 1000);
}
