// Turns the bytes of GET /containers/{id}/logs (multiplexed frames, or a TTY's raw bytes) into timestamped lines.
import type { Readable } from 'node:stream';
import { AnswerTooLargeError, fromTransportError } from './errors.js';

export type LogStreamName = 'stdout' | 'stderr';

export interface LogRecord {
  stream: LogStreamName;
  /** RFC 3339 with the engine's nanoseconds, as the engine wrote it. */
  timestamp: string;
  /** The line without its newline (and without the CR a TTY puts before it). */
  message: string;
}

export interface LogFrame {
  stream: LogStreamName;
  payload: Buffer;
}

const HEADER_SIZE = 8;
const EMPTY = Buffer.alloc(0);

/**
 * Splits the engine's multiplexed stream into frames: an 8-byte header (byte 0 the stream,
 * bytes 4-7 the big-endian payload length), then the payload. Frames may span chunks.
 */
export class FrameDemuxer {
  private pending: Buffer = EMPTY;

  push(chunk: Buffer, onFrame: (frame: LogFrame) => void): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    while (buf.length - offset >= HEADER_SIZE) {
      const size = buf.readUInt32BE(offset + 4);
      const end = offset + HEADER_SIZE + size;
      if (end > buf.length) break;
      // 0 is stdin (never sent for logs) and 3 the engine's own error stream, shown as stderr.
      const stream: LogStreamName = buf[offset] === 2 || buf[offset] === 3 ? 'stderr' : 'stdout';
      onFrame({ stream, payload: buf.subarray(offset + HEADER_SIZE, end) });
      offset = end;
    }
    buf = buf.subarray(offset);
    // Copy the remainder so a small tail does not pin a whole large chunk.
    this.pending = buf.length ? Buffer.from(buf) : EMPTY;
  }

  /** Bytes of a frame that never completed. */
  get leftover(): number {
    return this.pending.length;
  }
}

const NEWLINE = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;

/** `2024-01-02T03:04:05.123456789Z ` at the start of `buf[start..]`: the index after the space, or -1. */
function timestampEnd(buf: Buffer, start: number, end: number): number {
  // The shortest RFC 3339 form is 20 characters (`2024-01-02T03:04:05Z`).
  if (end - start < 20 || buf[start + 4] !== 0x2d || buf[start + 10] !== 0x54) return -1;
  const space = buf.indexOf(SPACE, start + 19);
  if (space === -1 || space >= end || space - start > 40) return -1;
  return space + 1;
}

/** The engine's log buffer: a longer line is stored as partial entries of this many bytes. */
const PARTIAL_ENTRY_SIZE = 16 * 1024;

/**
 * A TTY line longer than the engine's buffer comes as `<16 KiB>ts <16 KiB>ts rest`: each
 * partial entry after the first has its own timestamp, which is not part of the message.
 */
function joinPartialEntries(buf: Buffer, start: number, end: number): string {
  const parts: Buffer[] = [];
  let at = start;
  while (end - at > PARTIAL_ENTRY_SIZE) {
    const next = timestampEnd(buf, at + PARTIAL_ENTRY_SIZE, end);
    if (next === -1) break;
    parts.push(buf.subarray(at, at + PARTIAL_ENTRY_SIZE));
    at = next;
  }
  parts.push(buf.subarray(at, end));
  return Buffer.concat(parts).toString('utf8');
}

/**
 * Assembles one stream's lines. Each line the engine sends starts with its timestamp. An entry
 * longer than the engine's buffer comes as several partial entries, each with its own timestamp,
 * and only the last ends with a newline: those are joined into one line under the first timestamp.
 */
class LineAssembler {
  /** Bytes of the line under way (its timestamp included), copied out of their chunks. */
  private pending: Buffer[] = [];
  private lastTimestamp = '1970-01-01T00:00:00Z';

  constructor(
    private readonly stream: LogStreamName,
    private readonly emit: (record: LogRecord) => void,
    /** A TTY's unframed bytes, where nothing marks where partial entries meet. */
    private readonly raw: boolean,
  ) {}

  /** One framed entry: when it continues a partial one, its own timestamp is dropped. */
  pushEntry(payload: Buffer): void {
    if (this.pending.length > 0) {
      const after = timestampEnd(payload, 0, payload.length);
      if (after !== -1) payload = payload.subarray(after);
    }
    this.pushBytes(payload);
  }

  /** Raw bytes, cut anywhere. */
  pushBytes(buf: Buffer): void {
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(NEWLINE, start);
      if (nl === -1) break;
      if (this.pending.length > 0) {
        this.pending.push(buf.subarray(start, nl));
        const line = Buffer.concat(this.pending);
        this.pending = [];
        this.line(line, 0, line.length);
      } else {
        this.line(buf, start, nl);
      }
      start = nl + 1;
    }
    if (start < buf.length) this.pending.push(Buffer.from(buf.subarray(start)));
  }

  private line(buf: Buffer, start: number, end: number): void {
    if (end > start && buf[end - 1] === CR) end -= 1;
    const after = timestampEnd(buf, start, end);
    if (after !== -1) {
      this.lastTimestamp = buf.toString('latin1', start, after - 1);
      start = after;
    }
    if (this.raw && end - start > PARTIAL_ENTRY_SIZE) {
      this.emit({ stream: this.stream, timestamp: this.lastTimestamp, message: joinPartialEntries(buf, start, end) });
      return;
    }
    this.emit({ stream: this.stream, timestamp: this.lastTimestamp, message: buf.toString('utf8', start, end) });
  }

  /** The end of the stream: a final line without a newline is kept. */
  flush(): void {
    if (this.pending.length === 0) return;
    const line = Buffer.concat(this.pending);
    this.pending = [];
    this.line(line, 0, line.length);
  }
}

/**
 * The whole log parser. `tty` says whether the container has a TTY (its `Config.Tty`), as
 * `docker logs` decides: then the stream is raw bytes, all of them stdout; else it is framed.
 */
export class LogStreamParser {
  private readonly demuxer: FrameDemuxer | undefined;
  private readonly stdout: LineAssembler;
  private readonly stderr: LineAssembler;
  private out: LogRecord[] = [];

  constructor(readonly tty: boolean) {
    const emit = (record: LogRecord) => {
      this.out.push(record);
    };
    this.stdout = new LineAssembler('stdout', emit, tty);
    this.stderr = new LineAssembler('stderr', emit, tty);
    this.demuxer = tty ? undefined : new FrameDemuxer();
  }

  /** The complete lines that this chunk finished. */
  push(chunk: Buffer): LogRecord[] {
    if (this.demuxer) {
      this.demuxer.push(chunk, (frame) => {
        (frame.stream === 'stdout' ? this.stdout : this.stderr).pushEntry(frame.payload);
      });
    } else {
      this.stdout.pushBytes(chunk);
    }
    return this.take();
  }

  /** The lines still held when the stream ends. */
  end(): LogRecord[] {
    this.stdout.flush();
    this.stderr.flush();
    return this.take();
  }

  private take(): LogRecord[] {
    const records = this.out;
    this.out = [];
    return records;
  }
}

/** Every line of a log response that ends (no follow); the body is consumed, or destroyed on failure. */
export async function readLogLines(body: Readable, tty: boolean, bound: AnswerBound = UNBOUNDED): Promise<LogRecord[]> {
  const parser = new LogStreamParser(tty);
  const lines: LogRecord[] = [];
  let bytes = 0;
  const take = (batch: LogRecord[]) => {
    for (const line of batch) {
      lines.push(line);
      bytes += line.message.length;
    }
    if (lines.length > bound.maxLines || bytes > bound.maxBytes) throw bound.tooLarge(lines.length, bytes);
  };
  try {
    for await (const chunk of body) take(parser.push(chunk as Buffer));
    take(parser.end());
  } catch (error) {
    throw error instanceof AnswerTooLargeError ? error : fromTransportError(error);
  } finally {
    // Past the bound this ends the engine's stream at once.
    body.destroy();
  }
  return lines;
}

/**
 * The lines of a log response that ends (no follow), a batch per chunk of the body as it is read: the
 * body is read no faster than the consumer takes batches, and destroyed when the consumer stops early.
 */
export async function* streamLogBatches(body: Readable, tty: boolean): AsyncGenerator<LogRecord[], void, undefined> {
  const parser = new LogStreamParser(tty);
  try {
    for await (const chunk of body) {
      const lines = parser.push(chunk as Buffer);
      if (lines.length) yield lines;
    }
    const rest = parser.end();
    if (rest.length) yield rest;
  } catch (error) {
    throw fromTransportError(error);
  } finally {
    body.destroy();
  }
}

/** The most a read may hold before it gives up: lines, and the size of their messages (in characters, bytes for ASCII). */
export interface AnswerBound {
  maxLines: number;
  maxBytes: number;
  /** The error to end the read with, saying what to ask for instead. */
  tooLarge(lines: number, bytes: number): AnswerTooLargeError;
}

const UNBOUNDED: AnswerBound = {
  maxLines: Number.POSITIVE_INFINITY,
  maxBytes: Number.POSITIVE_INFINITY,
  tooLarge: () => new AnswerTooLargeError('unbounded'),
};
