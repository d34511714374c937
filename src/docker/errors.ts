// Engine failures as typed errors: one mapping from HTTP statuses and socket errors to Wharf's codes.

/** The contract codes that an engine call can end in (the full list is in schema/errors.ts). */
export type EngineErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'BAD_USER_INPUT' | 'DOCKER_UNAVAILABLE' | 'DOCKER_ERROR' | 'SLOW_CONSUMER';

export class EngineError extends Error {
  override readonly name: string = 'EngineError';
  /** The engine that answered so, when several are configured (a client sees it as `extensions.engine`). */
  engine: string | undefined;
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    readonly status?: number,
  ) {
    super(message);
  }
}

export class NotFoundError extends EngineError {
  override readonly name = 'NotFoundError';
  constructor(message: string) {
    super('NOT_FOUND', message, 404);
  }
}

export class ConflictError extends EngineError {
  override readonly name = 'ConflictError';
  constructor(message: string) {
    super('CONFLICT', message, 409);
  }
}

export class BadRequestError extends EngineError {
  override readonly name = 'BadRequestError';
  constructor(message: string) {
    super('BAD_USER_INPUT', message, 400);
  }
}

export class UnavailableError extends EngineError {
  override readonly name = 'UnavailableError';
  constructor(message = 'The Docker engine cannot be reached') {
    super('DOCKER_UNAVAILABLE', message);
  }
}

/** The engine answered with a status that no other class covers. */
export class EngineFailure extends EngineError {
  override readonly name = 'EngineFailure';
  constructor(message: string, status: number) {
    super('DOCKER_ERROR', message, status);
  }
}

/** An answer grew past the gateway's bound while it was read; the engine's stream has been ended. */
export class AnswerTooLargeError extends EngineError {
  override readonly name = 'AnswerTooLargeError';
  constructor(message: string) {
    super('BAD_USER_INPUT', message);
  }
}

/** A stream subscriber fell further behind than its buffer allows; the others on the stream go on. */
export class SlowConsumerError extends EngineError {
  override readonly name = 'SlowConsumerError';
  constructor(message: string) {
    super('SLOW_CONSUMER', message);
  }
}

/** Maps an engine status and its `{"message"}` text to a typed error. */
export function errorForStatus(status: number, message: string): EngineError {
  if (status === 404) return new NotFoundError(message);
  if (status === 409) return new ConflictError(message);
  if (status === 400) return new BadRequestError(message);
  return new EngineFailure(message, status);
}

/** Socket-level failure codes that mean "the engine is not there". */
const UNAVAILABLE_CODES = new Set([
  'ENOENT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENOTFOUND',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_DESTROYED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);

export function isAbortError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === 'AbortError' || (error as { code?: unknown }).code === 'UND_ERR_ABORTED';
}

/**
 * Turns what undici threw into an EngineError. Aborts pass through untouched, so a
 * cancelled operation is not reported as an engine failure.
 */
export function fromTransportError(error: unknown): unknown {
  if (error instanceof EngineError || isAbortError(error)) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) {
    return new UnavailableError(describeUnavailable(code));
  }
  // TLS handshake failures and other socket trouble carry no stable code we list.
  if (error instanceof Error && /certificate|SSL|TLS|socket/i.test(error.message)) {
    return new UnavailableError('The Docker engine cannot be reached: TLS or socket failure');
  }
  return error;
}

function describeUnavailable(code: string): string {
  switch (code) {
    case 'ENOENT':
      return 'The Docker engine cannot be reached: its socket does not exist';
    case 'ECONNREFUSED':
      return 'The Docker engine cannot be reached: connection refused';
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'The Docker engine cannot be reached: connect timed out';
    case 'UND_ERR_HEADERS_TIMEOUT':
    case 'UND_ERR_BODY_TIMEOUT':
    case 'ETIMEDOUT':
      return 'The Docker engine did not answer in time';
    default:
      return 'The Docker engine cannot be reached: the connection closed unexpectedly';
  }
}
