// The bound on a log read: lines and bytes counted as they are read, the stream destroyed at the bound, and its configuration.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { AnswerTooLargeError } from '../../src/docker/errors.js';
import { readLogLines } from '../../src/docker/log-stream.js';
import { DEFAULT_ANSWER_BOUNDS, logBound } from '../../src/schema/answer-bounds.js';

/** A TTY log (raw bytes, no frames) of `count` timestamped lines, `message` each, in chunks of 100 lines. */
function ttyLog(count: number, message = 'x'): Readable {
  const chunks: Buffer[] = [];
  for (let start = 0; start < count; start += 100) {
    const lines = Array.from({ length: Math.min(100, count - start) }, () => `2026-12-02T10:00:00.000000000Z ${message}\r\n`);
    chunks.push(Buffer.from(lines.join('')));
  }
  return Readable.from(chunks);
}

describe('readLogLines with a bound', () => {
  it('reads a log under the bound whole', async () => {
    const lines = await readLogLines(ttyLog(500), true, logBound({ logLines: 500, logBytes: 1_000 }));
    expect(lines).toHaveLength(500);
  });

  it('ends with AnswerTooLargeError (BAD_USER_INPUT) past the line bound', async () => {
    const read = readLogLines(ttyLog(1_000), true, logBound({ logLines: 500, logBytes: 1_000_000 }));
    await expect(read).rejects.toBeInstanceOf(AnswerTooLargeError);
    await expect(read).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('ends past the byte bound, counting the messages', async () => {
    const read = readLogLines(ttyLog(100, 'y'.repeat(100)), true, logBound({ logLines: 1_000, logBytes: 5_000 }));
    await expect(read).rejects.toThrow(/5000 bytes/);
  });

  it('says how to read less: tail, since, or the subscription', async () => {
    const read = readLogLines(ttyLog(1_000), true, logBound({ logLines: 10, logBytes: 1_000_000 }));
    await expect(read).rejects.toThrow(/tail.*since.*@stream.*containerLogs subscription/);
  });

  it('destroys the body at the bound, before the rest is read', async () => {
    const body = ttyLog(10_000);
    await expect(readLogLines(body, true, logBound({ logLines: 100, logBytes: 1_000_000 }))).rejects.toBeInstanceOf(AnswerTooLargeError);
    expect(body.destroyed).toBe(true);
    expect(body.readableEnded).toBe(false);
  });
});

describe('the bound in the configuration', () => {
  const env = { DOCKER_HOST: 'unix:///tmp/none.sock' };

  it('defaults to 100,000 lines or 64 MiB of log, and 32 MiB for any JSON answer', () => {
    const config = readConfig([], env);
    const defaults = { logLines: 100_000, logBytes: 64 * 1024 * 1024, answerBytes: 32 * 1024 * 1024 };
    expect(config !== 'help' && config.answerBounds).toEqual(defaults);
    expect(DEFAULT_ANSWER_BOUNDS).toEqual(defaults);
  });

  it('takes --max-log-lines, --max-log-bytes and --max-answer-bytes', () => {
    const config = readConfig(['--max-log-lines', '10', '--max-log-bytes', '2048', '--max-answer-bytes', '4096'], env);
    expect(config !== 'help' && config.answerBounds).toEqual({ logLines: 10, logBytes: 2048, answerBytes: 4096 });
  });

  it('takes WHARF_MAX_LOG_LINES, WHARF_MAX_LOG_BYTES and WHARF_MAX_ANSWER_BYTES', () => {
    const config = readConfig([], { ...env, WHARF_MAX_LOG_LINES: '7', WHARF_MAX_LOG_BYTES: '99', WHARF_MAX_ANSWER_BYTES: '123' });
    expect(config !== 'help' && config.answerBounds).toEqual({ logLines: 7, logBytes: 99, answerBytes: 123 });
  });

  it('refuses a bound that is not a whole number', () => {
    expect(() => readConfig(['--max-log-lines', 'many'], env)).toThrow(ConfigError);
  });
});
