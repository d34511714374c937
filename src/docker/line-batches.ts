// Reshaping a stream of line batches: one line at a time, or batches cut at a size or a delay.
import { StreamIterator } from './stream-iterator.js';

/** One item at a time out of a stream of arrays; return() reaches the source at once. */
export function eachItem<T>(source: AsyncIterableIterator<T[]>): AsyncIterableIterator<T> {
  let current: T[] = [];
  let index = 0;
  const iterator: AsyncIterableIterator<T> = {
    async next() {
      while (index >= current.length) {
        const result = await source.next();
        if (result.done) return { value: undefined, done: true };
        current = result.value;
        index = 0;
      }
      const value = current[index] as T;
      index += 1;
      return { value, done: false };
    },
    async return() {
      current = [];
      await source.return?.();
      return { value: undefined, done: true };
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}

/**
 * Batches of at most `maxLines`, each sent when full or `maxDelayMs` after its first line,
 * whichever comes first. Reads the source only while the consumer keeps up.
 */
export function rebatch<T>(source: AsyncIterableIterator<T[]>, maxLines: number, maxDelayMs: number): AsyncIterableIterator<T[]> {
  let current: T[] = [];
  let timer: NodeJS.Timeout | undefined;
  let wake: (() => void) | undefined;
  const output = new StreamIterator<T[]>({
    onClose: () => {
      clearTimeout(timer);
      wake?.();
      void source.return?.();
    },
  });
  output.onTake = () => wake?.();
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (current.length === 0) return;
    output.push(current);
    current = [];
  };
  const pump = async () => {
    try {
      for (;;) {
        while (output.queued >= 2 && !output.isClosed) await new Promise<void>((resolve) => (wake = resolve));
        if (output.isClosed) return;
        const result = await source.next();
        if (output.isClosed) return;
        if (result.done) {
          flush();
          output.end();
          return;
        }
        for (const item of result.value) {
          current.push(item);
          if (current.length >= maxLines) flush();
        }
        if (current.length > 0 && !timer) timer = setTimeout(flush, maxDelayMs);
      }
    } catch (error) {
      clearTimeout(timer);
      output.fail(error);
    }
  };
  void pump();
  return output;
}
