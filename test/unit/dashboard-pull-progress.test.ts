// The pull box's folding of a pull's events: a row per layer with its latest status and bar, the tag's and pull's own events as lines, an error kept.
import { describe, expect, it } from 'vitest';
import { addEvent, NO_PROGRESS, type PullProgress } from '../../src/dashboard/pull-progress.js';

type Event = Parameters<typeof addEvent>[1];
const event = (id: string | null, status: string, current: number | null = null, total: number | null = null): Event => ({
  id,
  status,
  current,
  total,
  error: null,
});
const fold = (events: readonly Event[]): PullProgress => events.reduce(addEvent, NO_PROGRESS);

describe('addEvent', () => {
  it('keeps one row per layer in first-seen order, its bar through the uncounted phases and full once a phase completes', () => {
    const progress = fold([
      event('1', 'Pulling from test/busybox'),
      event('aaaaaaaaaaaa', 'Already exists'),
      event('bbbbbbbbbbbb', 'Pulling fs layer'),
      event('bbbbbbbbbbbb', 'Downloading', 100, 400),
      event('bbbbbbbbbbbb', 'Verifying Checksum'),
      event('bbbbbbbbbbbb', 'Download complete'),
      event('bbbbbbbbbbbb', 'Extracting', 200, 400),
      event('bbbbbbbbbbbb', 'Pull complete'),
      event(null, 'Digest: sha256:abc'),
      event(null, 'Status: Downloaded newer image for test/busybox:1'),
    ]);
    expect(progress.layers).toEqual([
      { id: 'aaaaaaaaaaaa', status: 'Already exists', current: null, total: null },
      { id: 'bbbbbbbbbbbb', status: 'Pull complete', current: 400, total: 400 },
    ]);
    expect(progress.lines).toEqual([
      '1: Pulling from test/busybox',
      'Digest: sha256:abc',
      'Status: Downloaded newer image for test/busybox:1',
    ]);
    expect(progress.error).toBeNull();

    const midway = fold([event('bbbbbbbbbbbb', 'Downloading', 100, 400), event('bbbbbbbbbbbb', 'Verifying Checksum')]);
    expect(midway.layers[0]).toMatchObject({ status: 'Verifying Checksum', current: 100, total: 400 });
  });

  it('keeps an event’s error and what came before it', () => {
    const progress = fold([event('cccccccccccc', 'Downloading', 1, 2), { ...event(null, ''), error: 'unexpected EOF' }]);
    expect(progress.error).toBe('unexpected EOF');
    expect(progress.layers).toHaveLength(1);
  });
});
