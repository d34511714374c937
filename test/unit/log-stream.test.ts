// The log stream parser on bytes alone: frames, chunk boundaries, partial entries, TTY output and UTF-8.
import { describe, expect, it } from 'vitest';
import { FrameDemuxer, LogStreamParser, type LogFrame, type LogRecord } from '../../src/docker/log-stream.js';

const TS1 = '2024-05-06T07:08:09.123456789Z';
const TS2 = '2024-05-06T07:08:09.223456789Z';
const TS3 = '2024-05-06T07:08:10.000000001Z';

const STDOUT = 1;
const STDERR = 2;
const ENGINE_ERROR = 3;

/** One multiplexed frame as the engine writes it: byte 0 the stream, bytes 4-7 the big-endian length, then the payload. */
function frame(stream: number, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'utf8') : payload;
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** Every way of cutting `bytes` into two chunks, the empty cuts included. */
function everySplit(bytes: Buffer): Buffer[][] {
  const splits: Buffer[][] = [];
  for (let at = 0; at <= bytes.length; at++) splits.push([bytes.subarray(0, at), bytes.subarray(at)]);
  return splits;
}

function byteByByte(bytes: Buffer): Buffer[] {
  return [...bytes].map((byte) => Buffer.from([byte]));
}

/** Feeds the chunks to a fresh parser and returns every record, those of end() included. */
function parse(tty: boolean, chunks: Buffer[]): LogRecord[] {
  const parser = new LogStreamParser(tty);
  const records: LogRecord[] = [];
  for (const chunk of chunks) records.push(...parser.push(chunk));
  records.push(...parser.end());
  return records;
}

interface FrameText {
  stream: LogFrame['stream'];
  payload: string;
}

function demux(chunks: Buffer[]): { frames: FrameText[]; leftover: number } {
  const demuxer = new FrameDemuxer();
  const frames: FrameText[] = [];
  for (const chunk of chunks) {
    demuxer.push(chunk, (f) => frames.push({ stream: f.stream, payload: f.payload.toString('utf8') }));
  }
  return { frames, leftover: demuxer.leftover };
}

describe('FrameDemuxer', () => {
  const sample = Buffer.concat([frame(STDOUT, 'out one\n'), frame(STDERR, 'err\n'), frame(STDOUT, 'out two\n')]);
  const sampleFrames: FrameText[] = [
    { stream: 'stdout', payload: 'out one\n' },
    { stream: 'stderr', payload: 'err\n' },
    { stream: 'stdout', payload: 'out two\n' },
  ];

  it('delivers several frames of one chunk in order, each with its stream', () => {
    expect(demux([sample])).toEqual({ frames: sampleFrames, leftover: 0 });
  });

  it('reassembles frames split across two chunks at every byte offset', () => {
    for (const chunks of everySplit(sample)) {
      expect(demux(chunks)).toEqual({ frames: sampleFrames, leftover: 0 });
    }
  });

  it('reassembles frames fed one byte at a time', () => {
    expect(demux(byteByByte(sample))).toEqual({ frames: sampleFrames, leftover: 0 });
  });

  it('holds an incomplete frame back until the rest of it arrives', () => {
    const whole = frame(STDOUT, 'hello\n');
    const first = demux([whole.subarray(0, 10)]);
    expect(first).toEqual({ frames: [], leftover: 10 });

    const demuxer = new FrameDemuxer();
    const frames: FrameText[] = [];
    const collect = (f: LogFrame) => frames.push({ stream: f.stream, payload: f.payload.toString('utf8') });
    demuxer.push(whole.subarray(0, 10), collect);
    expect(frames).toEqual([]);
    demuxer.push(whole.subarray(10), collect);
    expect(frames).toEqual([{ stream: 'stdout', payload: 'hello\n' }]);
    expect(demuxer.leftover).toBe(0);
  });

  it('delivers an empty frame as an empty payload without losing its neighbours', () => {
    const bytes = Buffer.concat([frame(STDOUT, 'a\n'), frame(STDOUT, ''), frame(STDERR, 'b\n')]);
    expect(demux([bytes]).frames).toEqual([
      { stream: 'stdout', payload: 'a\n' },
      { stream: 'stdout', payload: '' },
      { stream: 'stderr', payload: 'b\n' },
    ]);
  });

  it("treats stream 3 (the engine's own error stream) as stderr", () => {
    expect(demux([frame(ENGINE_ERROR, 'engine says no\n')]).frames).toEqual([{ stream: 'stderr', payload: 'engine says no\n' }]);
  });
});

describe('LogStreamParser, multiplexed (no TTY)', () => {
  const sample = Buffer.concat([frame(STDOUT, `${TS1} out one\n`), frame(STDERR, `${TS2} err one\n`), frame(STDOUT, `${TS3} out two\n`)]);
  const sampleRecords: LogRecord[] = [
    { stream: 'stdout', timestamp: TS1, message: 'out one' },
    { stream: 'stderr', timestamp: TS2, message: 'err one' },
    { stream: 'stdout', timestamp: TS3, message: 'out two' },
  ];

  it('labels each line with its stream and its own timestamp, without the newline', () => {
    expect(parse(false, [sample])).toEqual(sampleRecords);
  });

  it('returns each line from the push() that completes it', () => {
    const parser = new LogStreamParser(false);
    expect(parser.push(frame(STDOUT, `${TS1} first\n`))).toEqual([{ stream: 'stdout', timestamp: TS1, message: 'first' }]);
    expect(parser.push(frame(STDERR, `${TS2} second\n`))).toEqual([{ stream: 'stderr', timestamp: TS2, message: 'second' }]);
    expect(parser.end()).toEqual([]);
  });

  it('gives the same lines for the sample split into two chunks at every byte offset', () => {
    for (const chunks of everySplit(sample)) expect(parse(false, chunks)).toEqual(sampleRecords);
  });

  it('gives the same lines for the sample fed one byte at a time', () => {
    expect(parse(false, byteByByte(sample))).toEqual(sampleRecords);
  });

  it('yields no line for empty frames and keeps the lines around them', () => {
    const bytes = Buffer.concat([frame(STDOUT, ''), frame(STDOUT, `${TS1} a\n`), frame(STDERR, ''), frame(STDOUT, `${TS2} b\n`)]);
    expect(parse(false, [bytes])).toEqual([
      { stream: 'stdout', timestamp: TS1, message: 'a' },
      { stream: 'stdout', timestamp: TS2, message: 'b' },
    ]);
  });

  it('labels stderr frames STDERR and stream 3 frames STDERR too', () => {
    const bytes = Buffer.concat([frame(STDERR, `${TS1} to stderr\n`), frame(ENGINE_ERROR, `${TS2} from the engine\n`)]);
    expect(parse(false, [bytes])).toEqual([
      { stream: 'stderr', timestamp: TS1, message: 'to stderr' },
      { stream: 'stderr', timestamp: TS2, message: 'from the engine' },
    ]);
  });

  it('keeps an empty line and the leading spaces of a line', () => {
    const bytes = Buffer.concat([frame(STDOUT, `${TS1} \n`), frame(STDOUT, `${TS2}    indented\n`)]);
    expect(parse(false, [bytes])).toEqual([
      { stream: 'stdout', timestamp: TS1, message: '' },
      { stream: 'stdout', timestamp: TS2, message: '   indented' },
    ]);
  });

  it('joins partial entries into one line under the first timestamp', () => {
    // The engine cuts a long line into entries without a newline; each carries a timestamp of its own.
    const bytes = Buffer.concat([
      frame(STDOUT, `${TS1} aaaa`),
      frame(STDOUT, `${TS2} bbbb`),
      frame(STDOUT, `${TS3} cccc\n`),
      frame(STDOUT, `${TS3} next\n`),
    ]);
    expect(parse(false, [bytes])).toEqual([
      { stream: 'stdout', timestamp: TS1, message: 'aaaabbbbcccc' },
      { stream: 'stdout', timestamp: TS3, message: 'next' },
    ]);
  });

  it('joins partial entries split across chunks at every byte offset', () => {
    const bytes = Buffer.concat([frame(STDOUT, `${TS1} first half,`), frame(STDOUT, `${TS2} second half\n`)]);
    for (const chunks of everySplit(bytes)) {
      expect(parse(false, chunks)).toEqual([{ stream: 'stdout', timestamp: TS1, message: 'first half,second half' }]);
    }
  });

  it('joins a partial stdout entry across a stderr line that comes between its parts', () => {
    const bytes = Buffer.concat([frame(STDOUT, `${TS1} long `), frame(STDERR, `${TS2} meanwhile\n`), frame(STDOUT, `${TS3} line\n`)]);
    expect(parse(false, [bytes])).toEqual([
      { stream: 'stderr', timestamp: TS2, message: 'meanwhile' },
      { stream: 'stdout', timestamp: TS1, message: 'long line' },
    ]);
  });

  it('flushes a final line without a newline from end(), not before', () => {
    const parser = new LogStreamParser(false);
    expect(parser.push(frame(STDOUT, `${TS1} a\n`))).toEqual([{ stream: 'stdout', timestamp: TS1, message: 'a' }]);
    expect(parser.push(frame(STDOUT, `${TS2} b`))).toEqual([]);
    expect(parser.end()).toEqual([{ stream: 'stdout', timestamp: TS2, message: 'b' }]);
  });

  it('flushes the unfinished lines of both streams from end()', () => {
    const bytes = Buffer.concat([frame(STDOUT, `${TS1} out`), frame(STDERR, `${TS2} err`)]);
    const records = parse(false, [bytes]);
    expect(records).toHaveLength(2);
    expect(records).toEqual(
      expect.arrayContaining([
        { stream: 'stdout', timestamp: TS1, message: 'out' },
        { stream: 'stderr', timestamp: TS2, message: 'err' },
      ]),
    );
  });

  it('decodes multibyte UTF-8 characters split across chunks at every byte offset', () => {
    const text = 'héllo ✓ 日本 🐳';
    const bytes = frame(STDOUT, `${TS1} ${text}\n`);
    for (const chunks of everySplit(bytes)) {
      expect(parse(false, chunks)).toEqual([{ stream: 'stdout', timestamp: TS1, message: text }]);
    }
  });

  it('decodes a multibyte character that the engine cut between two partial entries', () => {
    const text = Buffer.from('ab✓cd', 'utf8');
    // ✓ is three bytes (2..4): the first entry ends inside it.
    const bytes = Buffer.concat([
      frame(STDOUT, Buffer.concat([Buffer.from(`${TS1} `), text.subarray(0, 3)])),
      frame(STDOUT, Buffer.concat([Buffer.from(`${TS2} `), text.subarray(3), Buffer.from('\n')])),
    ]);
    expect(parse(false, [bytes])).toEqual([{ stream: 'stdout', timestamp: TS1, message: 'ab✓cd' }]);
  });
});

describe('LogStreamParser, TTY (raw bytes)', () => {
  const sample = Buffer.from(`${TS1} one\r\n${TS2} two ✓\r\n${TS3} three\r\n`, 'utf8');
  const sampleRecords: LogRecord[] = [
    { stream: 'stdout', timestamp: TS1, message: 'one' },
    { stream: 'stdout', timestamp: TS2, message: 'two ✓' },
    { stream: 'stdout', timestamp: TS3, message: 'three' },
  ];

  it('reads raw output as stdout lines and strips the CR before each newline', () => {
    expect(parse(true, [sample])).toEqual(sampleRecords);
  });

  it('does not look for frame headers in raw output', () => {
    // A line whose first bytes would pass for a stderr frame header, were the stream multiplexed.
    const bytes = Buffer.from(`${TS1} \u0002\u0000\u0000\u0000x\r\n`, 'utf8');
    expect(parse(true, [bytes])).toEqual([{ stream: 'stdout', timestamp: TS1, message: '\u0002\u0000\u0000\u0000x' }]);
  });

  it('gives the same lines for the output split at every byte offset, inside timestamps, characters and CRLF', () => {
    for (const chunks of everySplit(sample)) expect(parse(true, chunks)).toEqual(sampleRecords);
  });

  it('gives the same lines for the output fed one byte at a time', () => {
    expect(parse(true, byteByByte(sample))).toEqual(sampleRecords);
  });

  it('joins a long line that the engine cut into 16 KiB entries, each written with its own timestamp', () => {
    // As dockerd 20.10 writes a 40000-byte TTY line with timestamps=1: no frames, so the cuts
    // show only as a timestamp after exactly 16384 bytes of the line (see logs.test.ts).
    const part = 'x'.repeat(16 * 1024);
    const bytes = Buffer.from(`${TS1} ${part}${TS1} ${part}${TS1} tail\r\n${TS2} next\r\n`, 'utf8');
    expect(parse(true, [bytes])).toEqual([
      { stream: 'stdout', timestamp: TS1, message: `${part}${part}tail` },
      { stream: 'stdout', timestamp: TS2, message: 'next' },
    ]);
  });

  it('strips only the CR that ends a line', () => {
    const bytes = Buffer.from(`${TS1} 10%\r50%\r100%\r\n`, 'utf8');
    expect(parse(true, [bytes])).toEqual([{ stream: 'stdout', timestamp: TS1, message: '10%\r50%\r100%' }]);
  });

  it('flushes a final line without a newline from end()', () => {
    const parser = new LogStreamParser(true);
    expect(parser.push(Buffer.from(`${TS1} a\r\n${TS2} b`))).toEqual([{ stream: 'stdout', timestamp: TS1, message: 'a' }]);
    expect(parser.end()).toEqual([{ stream: 'stdout', timestamp: TS2, message: 'b' }]);
  });

  it('gives nothing for no bytes at all', () => {
    expect(parse(true, [])).toEqual([]);
    expect(parse(false, [])).toEqual([]);
  });
});
