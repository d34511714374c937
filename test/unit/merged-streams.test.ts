// Several streams as one: items as they come, tagged; a failed source drops out; return() closes all.
import { describe, expect, it } from 'vitest';
import { mergeStreams } from '../../src/docker/merged-streams.js';
import { StreamIterator } from '../../src/docker/stream-iterator.js';

function source<T>() {
  const closed: string[] = [];
  const stream = new StreamIterator<T>({ onClose: (reason) => closed.push(reason) });
  return { stream, closed };
}

describe('merged streams', () => {
  it('yields each item as it arrives, with its source', async () => {
    const a = source<number>();
    const b = source<number>();
    const merged = mergeStreams([
      { from: 'a', stream: a.stream },
      { from: 'b', stream: b.stream },
    ]);
    b.stream.push(1);
    expect(await merged.next()).toEqual({ value: { from: 'b', value: 1 }, done: false });
    a.stream.push(2);
    expect(await merged.next()).toEqual({ value: { from: 'a', value: 2 }, done: false });
    a.stream.end();
    b.stream.push(3);
    expect(await merged.next()).toEqual({ value: { from: 'b', value: 3 }, done: false });
    b.stream.end();
    expect(await merged.next()).toEqual({ value: undefined, done: true });
  });

  it('goes on when one source fails, and fails once every source has ended with a failure among them', async () => {
    const a = source<string>();
    const b = source<string>();
    const merged = mergeStreams([
      { from: 'a', stream: a.stream },
      { from: 'b', stream: b.stream },
    ]);
    a.stream.fail(new Error('a broke'));
    b.stream.push('still here');
    expect(await merged.next()).toEqual({ value: { from: 'b', value: 'still here' }, done: false });
    b.stream.end();
    await expect(merged.next()).rejects.toThrow('a broke');
  });

  it('closes every source on return(), even while waiting for the next item', async () => {
    const a = source<number>();
    const b = source<number>();
    const merged = mergeStreams([
      { from: 'a', stream: a.stream },
      { from: 'b', stream: b.stream },
    ]);
    const waiting = merged.next();
    await merged.return?.();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(a.closed).toEqual(['return']);
    expect(b.closed).toEqual(['return']);
  });
});
