// The gateway's structured log: pino JSON lines at a chosen level, with tokens and environment values kept out.
import { pino, type DestinationStream, type Logger } from 'pino';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function isLogLevel(value: unknown): value is LogLevel {
  return typeof value === 'string' && (LOG_LEVELS as readonly string[]).includes(value);
}

/**
 * What is logged is chosen field by field (see operation-log.ts); these paths are a second line of
 * defence in case a request, a header set or a container body is ever passed whole.
 */
const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'req.headers.authorization',
  '*.authorization',
  '*.Authorization',
  'connectionParams',
  'variables',
  'env',
  'Env',
  '*.env',
  '*.Env',
];

/** A logger writing to `destination` (stdout by default): ISO times, level names, one JSON object a line. */
export function createLogger(level: LogLevel = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    // stdout, written asynchronously: a synchronous write per operation was a tenth of the gateway's CPU
    // under load, and lines that come while a write is under way go out together in the next one. What
    // is still buffered when the process exits is written synchronously then (pino registers that).
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
