// The push-fed stream iterator's failure: the consumer is given the error once, whether it was waiting or not, and then done.
import { describe, expect, it } from 'vitest';
import { StreamIterator } from '../../src/docker/stream-iterator.js';

describe('a StreamIterator that fails', () => {
  it('rejects a waiting next() with the error, and answers done after it', async () => {
    const stream = new StreamIterator<number>();
    const waiting = stream.next();
    const error = new Error('the connection closed unexpectedly');
    stream.fail(error);
    await expect(waiting).rejects.toBe(error);
    // Yoga's SSE answer reads on after an error it turned into a result: a second error would be a second event.
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('rejects the next next() with the error when none was waiting, and answers done after it', async () => {
    const stream = new StreamIterator<number>();
    stream.push(1);
    const error = new Error('the connection closed unexpectedly');
    stream.fail(error);
    await expect(stream.next()).rejects.toBe(error);
    await expect(stream.next()).resolves.toEqual({ value: undefined, done: true });
  });

  it('tells onClose once, with the reason error', async () => {
    const reasons: string[] = [];
    const stream = new StreamIterator<number>({ onClose: (reason) => reasons.push(reason) });
    const waiting = stream.next();
    stream.fail(new Error('gone'));
    await waiting.catch(() => undefined);
    await stream.next();
    await stream.return();
    expect(reasons).toEqual(['error']);
  });
});
