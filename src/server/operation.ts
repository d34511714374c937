// One GraphQL operation, made at the transport edge that received it: who asked, how, its abort, and the engine calls it made.
import { setMaxListeners } from 'node:events';
import type { EngineCall, EngineCallEvent } from '../docker/request.js';
import type { Principal } from '../schema/access.js';

/** HTTP whose subscriptions would be answered as SSE (Accept names text/event-stream or any type), other HTTP, or graphql-ws. */
export type Transport = 'http' | 'sse' | 'ws';

/** Engine calls kept for the operation's log line; the count covers them all. */
export const MAX_KEPT_ENGINE_CALLS = 20;

export class Operation {
  readonly started = performance.now();
  private readonly controller = new AbortController();
  /** Handed to every engine call made for the operation (through the schema's context). */
  readonly engineCall: EngineCall & { signal: AbortSignal };
  /** Set when envelop's subscribe phase runs for it: a stop ends subscriptions, and lets the rest finish. */
  subscription = false;
  engineCallCount = 0;
  /** The first engine calls, in the order their answers came. */
  readonly engineCalls: EngineCallEvent[] = [];
  /** Set once its outcome is logged: calls made after that (a shared stream closing) are not its own. */
  finished = false;

  constructor(
    /** The request id: the client's x-request-id or a fresh one; on a WebSocket, the connection's and the client's operation id. */
    readonly id: string,
    readonly transport: Transport,
    readonly principal: Principal,
    /** Told of each engine call, besides the operation's own record. */
    private readonly onEngineCall?: (event: EngineCallEvent) => void,
  ) {
    // Every engine call of the operation listens to its signal (up to the loaders' fan-out at once): not a leak.
    setMaxListeners(0, this.controller.signal);
    this.engineCall = { signal: this.controller.signal, observe: (event) => this.noteEngineCall(event) };
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Ends whatever still runs for it: the client went away, completed it, or a stop ended it. */
  abort(): void {
    this.controller.abort();
  }

  private noteEngineCall(event: EngineCallEvent): void {
    this.onEngineCall?.(event);
    if (this.finished) return;
    this.engineCallCount += 1;
    if (this.engineCalls.length < MAX_KEPT_ENGINE_CALLS) this.engineCalls.push(event);
  }
}

/** What Yoga is handed as its server context, on every transport: the operation, and the Node request on HTTP. */
export interface ServerContext {
  operation: Operation;
}
