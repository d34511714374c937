// How much one answer may hold of what grows with the engine's data: checked while it is read, so one request cannot exhaust the gateway's memory.
import { AnswerTooLargeError } from '../docker/errors.js';
import type { AnswerBound } from '../docker/log-stream.js';
import { DEFAULT_MAX_ANSWER_BYTES } from '../docker/request.js';

export interface AnswerBounds {
  /** Lines of one `Container.logs` answer. */
  logLines: number;
  /** Characters of those lines' messages. */
  logBytes: number;
  /** Bytes of any one JSON answer of the engine (a listing, an inspect, a process list), which the gateway parses whole. */
  answerBytes: number;
}

export const DEFAULT_ANSWER_BOUNDS: AnswerBounds = { logLines: 100_000, logBytes: 64 * 1024 * 1024, answerBytes: DEFAULT_MAX_ANSWER_BYTES };

/** The bound on one `Container.logs` answer, with an error that says how to read a larger log. */
export function logBound(bounds: Pick<AnswerBounds, 'logLines' | 'logBytes'>): AnswerBound {
  return {
    maxLines: bounds.logLines,
    maxBytes: bounds.logBytes,
    tooLarge: (lines, bytes) =>
      new AnswerTooLargeError(
        `The log holds more than one answer may (${bounds.logLines} lines or ${bounds.logBytes} bytes; ${lines} lines and ${bytes} bytes read so far): ` +
          'ask for less with tail or since, read it in parts with logs @stream, or as it comes with the containerLogs subscription',
      ),
  };
}
