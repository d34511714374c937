// Several engines' streams as one, each item with the engine it came from, read only as fast as the consumer reads.

export interface Tagged<K, T> {
  from: K;
  value: T;
}

/**
 * Items in the order they arrive. A source that fails or ends drops out and the others go on; the
 * merged stream ends when every source has, and fails with the last failure if any source failed.
 * return() closes every source at once.
 */
export function mergeStreams<K, T>(sources: ReadonlyArray<{ from: K; stream: AsyncIterator<T> }>): AsyncIterableIterator<Tagged<K, T>> {
  type Pending = Promise<{ index: number; result?: IteratorResult<T>; error?: unknown }>;
  const pending = new Map<number, Pending>();
  let failure: { error: unknown } | undefined;
  let closed = false;
  const pull = (index: number) => {
    const source = sources[index] as { from: K; stream: AsyncIterator<T> };
    pending.set(
      index,
      source.stream.next().then(
        (result) => ({ index, result }),
        (error: unknown) => ({ index, error }),
      ),
    );
  };
  for (let index = 0; index < sources.length; index += 1) pull(index);

  const closeAll = async () => {
    closed = true;
    const open = [...pending.keys()];
    pending.clear();
    await Promise.all(open.map((index) => sources[index]?.stream.return?.().catch(() => undefined)));
  };

  const iterator: AsyncIterableIterator<Tagged<K, T>> = {
    async next() {
      while (!closed && pending.size > 0) {
        const settled = await Promise.race(pending.values());
        if (closed) break;
        const source = sources[settled.index] as { from: K; stream: AsyncIterator<T> };
        if (settled.result && !settled.result.done) {
          pull(settled.index);
          return { value: { from: source.from, value: settled.result.value }, done: false };
        }
        pending.delete(settled.index);
        if (!settled.result) failure = { error: settled.error };
      }
      if (failure && !closed) {
        closed = true;
        throw failure.error;
      }
      closed = true;
      return { value: undefined, done: true };
    },
    async return() {
      await closeAll();
      return { value: undefined, done: true };
    },
    async throw(error?: unknown) {
      await closeAll();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
