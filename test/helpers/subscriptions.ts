// What a subscription delivered, recorded from graphql-ws's or graphql-sse's client (or the low-level SSE reader), and waits on it.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print, type FormattedExecutionResult, type GraphQLFormattedError } from 'graphql';

const DEFAULT_TIMEOUT_MS = 10_000;

/** What a wait is for, in its timeout message; a function is asked only when the wait times out. */
export type WaitDescription = string | (() => string);

/** Polls `check` until it holds; fails with `what` after `timeoutMs`. */
export async function waitUntil(
  check: () => boolean | Promise<boolean>,
  what: WaitDescription,
  { timeoutMs = DEFAULT_TIMEOUT_MS, intervalMs = 10 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Something that notifies its waiters whenever it changes, and can be waited on until a condition holds. */
class Observable {
  private readonly waiters = new Set<() => void>();

  protected changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /** Whether more can still happen; when false, a waiter whose condition does not hold fails at once. */
  protected get live(): boolean {
    return true;
  }

  protected describe(): string {
    return '';
  }

  /** Resolves once `check()` holds; rejects after `timeoutMs`, or as soon as the stream has ended without it. */
  until(check: () => boolean, what: string, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const stop = () => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
      };
      const waiter = () => {
        if (check()) {
          stop();
          resolve();
        } else if (!this.live) {
          stop();
          reject(new Error(`ended before ${what}: ${this.describe()}`));
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${this.describe()}`));
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}

export type RecordingState = 'open' | 'complete' | 'error';

/** What one subscription delivered: its results in order, its errors, and how it ended. */
export class Recording<TData> extends Observable {
  /** Every result, in order. */
  readonly results: FormattedExecutionResult<TData, unknown>[] = [];
  /** `performance.now()` when each result arrived. */
  readonly receivedAt: number[] = [];
  /** The GraphQL errors reported, in results or as the operation's error. */
  readonly errors: GraphQLFormattedError[] = [];
  /** A failure that is not a list of GraphQL errors: a close event, a transport error. */
  failure: unknown;
  state: RecordingState = 'open';
  /** Resolves once the subscription has completed or failed; never rejects. */
  readonly ended: Promise<void>;
  private resolveEnded!: () => void;
  /** Ends the subscription from this side. */
  stop: () => void = () => undefined;

  constructor() {
    super();
    this.ended = new Promise<void>((resolve) => (this.resolveEnded = resolve));
  }

  /** The data of each result that has data, in order. */
  get data(): TData[] {
    const out: TData[] = [];
    for (const result of this.results) if (result.data != null) out.push(result.data);
    return out;
  }

  /** `extensions.code` of every error, in order. */
  get errorCodes(): string[] {
    return this.errors.map((error) => String(error.extensions?.code));
  }

  /** Resolves with the first result `match` holds for, whether it came already or comes later. */
  async first(
    match: (result: FormattedExecutionResult<TData, unknown>) => boolean,
    what: string,
    timeoutMs = DEFAULT_TIMEOUT_MS,
  ): Promise<FormattedExecutionResult<TData, unknown>> {
    let found: FormattedExecutionResult<TData, unknown> | undefined;
    await this.until(() => (found = this.results.find(match)) !== undefined, what, timeoutMs);
    return found!;
  }

  next(result: FormattedExecutionResult<TData, unknown>): void {
    this.results.push(result);
    this.receivedAt.push(performance.now());
    if (result.errors) this.errors.push(...result.errors);
    this.changed();
  }

  complete(): void {
    if (this.state !== 'open') return;
    this.state = 'complete';
    this.resolveEnded();
    this.changed();
  }

  fail(error: unknown): void {
    if (this.state !== 'open') return;
    if (Array.isArray(error)) this.errors.push(...(error as GraphQLFormattedError[]));
    else this.failure = error;
    this.state = 'error';
    this.resolveEnded();
    this.changed();
  }

  protected override get live(): boolean {
    return this.state === 'open';
  }

  protected override describe(): string {
    const failure = this.failure === undefined ? '' : `, failure ${describeFailure(this.failure)}`;
    return `state ${this.state}, ${this.results.length} results, errors ${JSON.stringify(this.errors)}${failure}`;
  }
}

function describeFailure(failure: unknown): string {
  if (failure instanceof Error) return `${failure.name}: ${failure.message}`;
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code, reason } = failure as { code: unknown; reason?: unknown };
    return `close ${String(code)} ${String(reason ?? '')}`;
  }
  return String(failure);
}

/** The close code of a graphql-ws client failure, when the socket closed. */
export function closeCodeOf(failure: unknown): number | undefined {
  if (failure && typeof failure === 'object' && 'code' in failure) {
    const { code } = failure as { code: unknown };
    if (typeof code === 'number') return code;
  }
  return undefined;
}

/** The subscribe of graphql-ws's and graphql-sse's clients: a request and a sink, and a function that ends it. */
export interface SubscribingClient {
  subscribe(
    request: { query: string; variables: Record<string, unknown> },
    sink: { next(value: never): void; error(error: unknown): void; complete(): void },
  ): () => void;
}

/**
 * Subscribes (or runs a query) through a real client (graphql-ws's or graphql-sse's) and records what comes.
 * A string document is sent as it is: for operations that must not pass codegen (invalid, oversized).
 */
export function record<TData, TVariables extends Record<string, unknown>>(
  client: SubscribingClient,
  document: TypedDocumentNode<TData, TVariables> | string,
  variables: TVariables,
): Recording<TData> {
  const recording = new Recording<TData>();
  recording.stop = client.subscribe(
    { query: typeof document === 'string' ? document : print(document), variables },
    {
      next: (result: FormattedExecutionResult<TData, unknown>) => recording.next(result),
      error: (error) => recording.fail(error),
      complete: () => recording.complete(),
    },
  );
  return recording;
}
