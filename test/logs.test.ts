// Container.logs against a real engine: each line checked against what GET /containers/{id}/logs itself returns.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from './gql/index.js';
import type { ContainerLogsQueryVariables } from './gql/graphql.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { errorCodes, gql, gqlData, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Containers made by one test, removed after it. */
const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((id) => removeContainer(engine, id)));
});

const ContainerLogs = graphql(`
  query ContainerLogs($id: String!, $stdout: Boolean, $stderr: Boolean, $since: DateTime, $until: DateTime, $tail: Int) {
    container(id: $id) {
      logs(stdout: $stdout, stderr: $stderr, since: $since, until: $until, tail: $tail) {
        stream
        timestamp
        message
      }
    }
  }
`);

interface Line {
  stream: 'STDOUT' | 'STDERR';
  timestamp: string;
  message: string;
}

const RFC3339_NANO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

/** Runs a container to its end and returns its id; removed after the test. */
async function ranToCompletion(cmd: string[], options: { tty?: boolean } = {}): Promise<string> {
  const { id } = await createTestContainer(engine, { cmd, ...(options.tty === undefined ? {} : { tty: options.tty }) });
  created.push(id);
  await engine.json('POST', `/containers/${id}/wait`);
  return id;
}

/** `timestamp message` as the engine prefixes each entry with timestamps=1. */
function splitTimestamp(entry: string): { timestamp: string; text: string } {
  const space = entry.indexOf(' ');
  return { timestamp: entry.slice(0, space), text: entry.slice(space + 1) };
}

/**
 * The engine's own answer to GET /logs?timestamps=1&<query>, read into lines: frames for a
 * container without a TTY (an entry without a newline is a partial one, continued by the next
 * entry of its stream), raw CRLF-ended lines with a TTY. A last line without a newline is kept.
 */
async function engineLines(id: string, query: string, tty = false): Promise<Line[]> {
  const res = await engine.request('GET', `/containers/${id}/logs?timestamps=1&${query}`);
  expect(res.status).toBe(200);
  const body = res.body;
  const lines: Line[] = [];
  if (tty) {
    const parts = body.toString('utf8').split('\n');
    const last = parts.pop();
    if (last) parts.push(last);
    for (const part of parts) {
      const { timestamp, text } = splitTimestamp(part.replace(/\r$/, ''));
      lines.push({ stream: 'STDOUT', timestamp, message: text });
    }
    return lines;
  }
  const partial = new Map<Line['stream'], { timestamp: string; bytes: Buffer[] }>();
  let offset = 0;
  while (offset < body.length) {
    const stream = body[offset] === 2 ? 'STDERR' : 'STDOUT';
    const size = body.readUInt32BE(offset + 4);
    const payload = body.subarray(offset + 8, offset + 8 + size);
    offset += 8 + size;
    const space = payload.indexOf(0x20);
    const timestamp = payload.toString('latin1', 0, space);
    const text = payload.subarray(space + 1);
    const pending = partial.get(stream) ?? { timestamp, bytes: [] };
    pending.bytes.push(text);
    if (text.at(-1) === 0x0a) {
      partial.delete(stream);
      lines.push({ stream, timestamp: pending.timestamp, message: Buffer.concat(pending.bytes).toString('utf8').slice(0, -1) });
    } else {
      partial.set(stream, pending);
    }
  }
  for (const [stream, pending] of partial) {
    lines.push({ stream, timestamp: pending.timestamp, message: Buffer.concat(pending.bytes).toString('utf8') });
  }
  return lines;
}

/** RFC 3339 `...Z` to the engine's `seconds.nanoseconds`. */
function unixNanos(timestamp: string): string {
  const fraction = /\.(\d+)Z$/.exec(timestamp)?.[1] ?? '0';
  const seconds = Date.parse(timestamp.replace(/\.\d+Z$/, 'Z')) / 1000;
  return `${seconds}.${fraction.padEnd(9, '0')}`;
}

/** The same instant written with a +02:00 offset, nanoseconds kept. */
function withPlusTwoHours(timestamp: string): string {
  const fraction = /(\.\d+)Z$/.exec(timestamp)?.[1] ?? '';
  const shifted = new Date(Date.parse(timestamp.replace(/\.\d+Z$/, 'Z')) + 2 * 3_600_000).toISOString().slice(0, 19);
  return `${shifted}${fraction}+02:00`;
}

async function logsOf(variables: ContainerLogsQueryVariables): Promise<Line[]> {
  const data = await gqlData(gateway.url, ContainerLogs, variables);
  expect(data.container).not.toBeNull();
  return data.container!.logs;
}

describe('Container.logs, streams', () => {
  let mixed: string;
  beforeAll(async () => {
    const { id } = await createTestContainer(engine, {
      cmd: ['sh', '-c', 'echo out one; echo err one >&2; echo out two; echo err two >&2'],
    });
    mixed = id;
    await engine.json('POST', `/containers/${id}/wait`);
  });
  afterAll(async () => {
    await removeContainer(engine, mixed);
  });

  it('returns stdout and stderr lines, each labelled with its stream, as the engine returns them', async () => {
    const lines = await logsOf({ id: mixed });
    expect(lines).toEqual(await engineLines(mixed, 'stdout=1&stderr=1'));
    expect(lines.filter((l) => l.stream === 'STDOUT').map((l) => l.message)).toEqual(['out one', 'out two']);
    expect(lines.filter((l) => l.stream === 'STDERR').map((l) => l.message)).toEqual(['err one', 'err two']);
  });

  it('returns only stdout with stderr: false', async () => {
    const lines = await logsOf({ id: mixed, stderr: false });
    expect(lines).toEqual(await engineLines(mixed, 'stdout=1'));
    expect(lines.map((l) => [l.stream, l.message])).toEqual([
      ['STDOUT', 'out one'],
      ['STDOUT', 'out two'],
    ]);
  });

  it('returns only stderr with stdout: false', async () => {
    const lines = await logsOf({ id: mixed, stdout: false });
    expect(lines).toEqual(await engineLines(mixed, 'stderr=1'));
    expect(lines.map((l) => [l.stream, l.message])).toEqual([
      ['STDERR', 'err one'],
      ['STDERR', 'err two'],
    ]);
  });

  it("gives each line the engine's own RFC 3339 timestamp, nanoseconds included", async () => {
    const lines = await logsOf({ id: mixed });
    const engineTimestamps = (await engineLines(mixed, 'stdout=1&stderr=1')).map((l) => l.timestamp);
    expect(lines.map((l) => l.timestamp)).toEqual(engineTimestamps);
    for (const timestamp of engineTimestamps) expect(timestamp).toMatch(RFC3339_NANO);
  });

  it('finds the container by name as well', async () => {
    const inspect = await engine.json<{ Name: string }>('GET', `/containers/${mixed}/json`);
    expect(await logsOf({ id: inspect.Name.slice(1) })).toEqual(await logsOf({ id: mixed }));
  });
});

describe('Container.logs, since, until and tail', () => {
  let timed: string;
  /** The engine's lines of `timed`: line 1 ... line 5, some 50 ms apart. */
  let all: Line[];
  beforeAll(async () => {
    const { id } = await createTestContainer(engine, {
      cmd: ['sh', '-c', 'for i in 1 2 3 4 5; do echo line $i; sleep 0.05; done'],
    });
    timed = id;
    await engine.json('POST', `/containers/${id}/wait`);
    all = await engineLines(timed, 'stdout=1&stderr=1');
  });
  afterAll(async () => {
    await removeContainer(engine, timed);
  });

  const at = (index: number): string => all[index]!.timestamp;

  it('returns the lines from since on (inclusive), as the engine does', async () => {
    const lines = await logsOf({ id: timed, since: at(2) });
    expect(lines.map((l) => l.message)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(lines).toEqual(await engineLines(timed, `stdout=1&stderr=1&since=${unixNanos(at(2))}`));
  });

  it('returns the lines up to until (inclusive), as the engine does', async () => {
    const lines = await logsOf({ id: timed, until: at(2) });
    expect(lines.map((l) => l.message)).toEqual(['line 1', 'line 2', 'line 3']);
    expect(lines).toEqual(await engineLines(timed, `stdout=1&stderr=1&until=${unixNanos(at(2))}`));
  });

  it('takes since and until with a UTC offset, to the nanosecond', async () => {
    const lines = await logsOf({ id: timed, since: withPlusTwoHours(at(1)), until: withPlusTwoHours(at(3)) });
    expect(lines).toEqual(all.slice(1, 4));
  });

  it('returns the last tail lines', async () => {
    const lines = await logsOf({ id: timed, tail: 2 });
    expect(lines).toEqual(all.slice(3));
    expect(lines).toEqual(await engineLines(timed, 'stdout=1&stderr=1&tail=2'));
  });

  it('returns no lines for tail: 0, as the engine does', async () => {
    expect(await engineLines(timed, 'stdout=1&stderr=1&tail=0')).toEqual([]);
    expect(await logsOf({ id: timed, tail: 0 })).toEqual([]);
  });

  it('refuses a negative tail with BAD_USER_INPUT', async () => {
    const result = await gql(gateway.url, ContainerLogs, { id: timed, tail: -1 });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it('refuses a since that is not an RFC 3339 date-time with BAD_USER_INPUT', async () => {
    const result = await gql(gateway.url, ContainerLogs, { id: timed, since: 'yesterday' });
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
  });
});

describe('Container.logs, line boundaries', () => {
  it('keeps a final line that has no newline', async () => {
    const id = await ranToCompletion(['sh', '-c', "printf 'a\\nb'"]);
    const lines = await logsOf({ id });
    expect(lines.map((l) => l.message)).toEqual(['a', 'b']);
    expect(lines).toEqual(await engineLines(id, 'stdout=1&stderr=1'));
  });

  it('reads a TTY container as raw stdout lines, without the CR before each newline', async () => {
    const id = await ranToCompletion(['sh', '-c', "echo one; echo two >&2; printf 'three\\n'"], { tty: true });
    const lines = await logsOf({ id });
    expect(lines.map((l) => [l.stream, l.message])).toEqual([
      ['STDOUT', 'one'],
      ['STDOUT', 'two'],
      ['STDOUT', 'three'],
    ]);
    expect(lines).toEqual(await engineLines(id, 'stdout=1&stderr=1', true));
  });

  it('returns no lines for a container that wrote nothing', async () => {
    const id = await ranToCompletion(['true']);
    expect((await engine.request('GET', `/containers/${id}/logs?stdout=1&stderr=1`)).body.length).toBe(0);
    expect(await logsOf({ id })).toEqual([]);
  });

  it('keeps UTF-8 text as it was written', async () => {
    const id = await ranToCompletion(['echo', 'héllo ✓ 日本 🐳']);
    expect((await logsOf({ id })).map((l) => l.message)).toEqual(['héllo ✓ 日本 🐳']);
  });

  // 40960 bytes: more than twice the 16 KiB at which the engine cuts a line into partial entries.
  const LONG_LINE = 's=xxxxxxxxxx; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do s=$s$s; done; echo "$s"; echo next';

  it('returns a line longer than 16 KiB, which the engine splits into partial entries, as one line', async () => {
    const id = await ranToCompletion(['sh', '-c', LONG_LINE]);
    const frames = (await engine.request('GET', `/containers/${id}/logs?stdout=1`)).body;
    expect(frames.readUInt32BE(4)).toBe(16 * 1024); // the engine did cut it
    const lines = await logsOf({ id });
    expect(lines.map((l) => l.message)).toEqual(['x'.repeat(40_960), 'next']);
    expect(lines).toEqual(await engineLines(id, 'stdout=1&stderr=1'));
  });

  it('returns a line longer than 16 KiB of a TTY container as one line under its first timestamp', async () => {
    const id = await ranToCompletion(['sh', '-c', LONG_LINE], { tty: true });
    const raw = (await engine.request('GET', `/containers/${id}/logs?stdout=1&timestamps=1`)).body.toString('utf8');
    const firstTimestamp = raw.slice(0, raw.indexOf(' '));
    const lines = await logsOf({ id });
    expect(lines.map((l) => l.message.length)).toEqual([40_960, 4]);
    expect(lines.map((l) => l.message)).toEqual(['x'.repeat(40_960), 'next']);
    expect(lines[0]!.timestamp).toBe(firstTimestamp);
  });

  it('returns 20000 lines, all of them, in order', async () => {
    const id = await ranToCompletion(['seq', '1', '20000']);
    const lines = await logsOf({ id });
    expect(lines).toHaveLength(20_000);
    expect(lines.every((l, i) => l.stream === 'STDOUT' && l.message === String(i + 1))).toBe(true);
    expect(lines).toEqual(await engineLines(id, 'stdout=1&stderr=1'));
  });
});
