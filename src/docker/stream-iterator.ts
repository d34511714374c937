// A push-fed async iterator whose return() ends it at once: the source is aborted even while next() waits.
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';

export interface StreamIteratorOptions<T> {
  /** Called once when the consumer stops early (return/throw) or the stream fails: abort the upstream here. */
  onClose?: (reason: 'return' | 'error' | 'end') => void;
  /** How much a queued item weighs, in lines and bytes; counted for backpressure and slow-consumer caps. */
  weigh?: (item: T) => { lines: number; bytes: number };
}

/** Deliveries in a row without a pause before next() lets the event loop turn once. */
const YIELD_EVERY = 64;

/**
 * Not an async generator on purpose: a generator suspended on `await` does not see return()
 * until its next value arrives, so an idle stream would never be aborted. Here return() resolves
 * a waiting next() and runs onClose synchronously.
 */
export class StreamIterator<T> implements AsyncIterableIterator<T> {
  private readonly queue: T[] = [];
  private head = 0;
  private waiting: { resolve: (r: IteratorResult<T>) => void; reject: (e: unknown) => void } | undefined;
  private ended = false;
  private closed = false;
  private failure: { error: unknown } | undefined;
  private streak = 0;
  queuedLines = 0;
  queuedBytes = 0;
  /** Called when the consumer has taken an item; the producer may resume. */
  onTake: (() => void) | undefined;

  constructor(private readonly options: StreamIteratorOptions<T> = {}) {}

  get isClosed(): boolean {
    return this.closed || this.ended;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  push(item: T): void {
    if (this.closed || this.ended) return;
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve({ value: item, done: false });
      return;
    }
    this.queue.push(item);
    const weight = this.options.weigh?.(item);
    if (weight) {
      this.queuedLines += weight.lines;
      this.queuedBytes += weight.bytes;
    }
  }

  /** No more items: the consumer gets what is queued, then done. */
  end(): void {
    if (this.closed || this.ended) return;
    this.ended = true;
    if (this.waiting && this.queued === 0) {
      const waiting = this.waiting;
      this.waiting = undefined;
      this.finish('end');
      waiting.resolve({ value: undefined, done: true });
    }
  }

  /** Fails the stream at once: queued items are dropped, the consumer's next() rejects, once; later calls are done. */
  fail(error: unknown): void {
    if (this.closed || this.ended) return;
    this.queue.length = 0;
    this.head = 0;
    this.finish('error');
    const waiting = this.waiting;
    this.waiting = undefined;
    // Kept for a later next() only when no next() is waiting: a consumer that reads on after an
    // error (Yoga's SSE and multipart answers do) must not be given the same error twice.
    if (waiting) waiting.reject(error);
    else this.failure = { error };
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.failure) {
      const { error } = this.failure;
      this.failure = undefined;
      throw error;
    }
    if (this.queued > 0) {
      // An always-ready stream must still let the event loop serve other requests.
      if (++this.streak >= YIELD_EVERY) {
        this.streak = 0;
        await yieldToEventLoop();
        if (this.closed) return { value: undefined, done: true };
      }
      return { value: this.take(), done: false };
    }
    this.streak = 0;
    if (this.closed) return { value: undefined, done: true };
    if (this.ended) {
      this.finish('end');
      return { value: undefined, done: true };
    }
    return new Promise<IteratorResult<T>>((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  async return(): Promise<IteratorResult<T>> {
    this.queue.length = 0;
    this.head = 0;
    this.finish('return');
    if (this.waiting) {
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting.resolve({ value: undefined, done: true });
    }
    return { value: undefined, done: true };
  }

  async throw(error?: unknown): Promise<IteratorResult<T>> {
    await this.return();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private take(): T {
    const item = this.queue[this.head] as T;
    this.queue[this.head] = undefined as T;
    this.head += 1;
    if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue.splice(0, this.head);
      this.head = 0;
    }
    const weight = this.options.weigh?.(item);
    if (weight) {
      this.queuedLines -= weight.lines;
      this.queuedBytes -= weight.bytes;
    }
    this.onTake?.();
    return item;
  }

  private finish(reason: 'return' | 'error' | 'end'): void {
    if (this.closed) return;
    this.closed = true;
    this.ended = true;
    this.options.onClose?.(reason);
  }
}
