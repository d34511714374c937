// What a graceful stop waits for and what it ends: subscriptions are ended cleanly (clients get `complete`); queries, mutations and exports may finish.
import type { Plugin } from 'graphql-yoga';
import type { EngineCallEvent } from '../docker/request.js';
import type { Principal } from '../schema/access.js';
import { Operation, type ServerContext, type Transport } from './operation.js';

/** How long a stop waits for operations and downloads to finish before it cuts the connections. */
export const DRAIN_MS = 3_000;

export class OpenOperations {
  private readonly operations = new Set<Operation>();

  constructor(
    /** Told of each engine call an operation makes, with the operation (the debug log names its request id). */
    private readonly onEngineCall?: (operation: Operation, event: EngineCallEvent) => void,
  ) {}
  private readonly downloads = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly waiters = new Set<() => void>();

  /** True once the gateway has begun to stop. */
  get closing(): boolean {
    return this.stopping;
  }

  /** A new operation, under way until `close`; a stop ends it only if it is a subscription. */
  start(id: string, transport: Transport, principal: Principal): Operation {
    const onEngineCall = this.onEngineCall;
    const operation = new Operation(id, transport, principal, onEngineCall && ((event) => onEngineCall(operation, event)));
    this.operations.add(operation);
    return operation;
  }

  close(operation: Operation): void {
    if (this.operations.delete(operation)) this.notify();
  }

  /**
   * Marks an operation as a subscription. Aborting it ends its source, so the transport sends
   * `complete`; one that starts during a stop ends at once.
   */
  subscribed(operation: Operation): void {
    operation.subscription = true;
    if (this.stopping) operation.abort();
  }

  /** A download (an export) in progress: a stop lets it finish, up to its deadline. */
  trackDownload(download: Promise<unknown>): void {
    this.downloads.add(download);
    // Its outcome is the route's to report; here only that it is over.
    const over = () => {
      this.downloads.delete(download);
      this.notify();
    };
    download.then(over, over);
  }

  /** Ends every subscription; later ones end as they start. Queries, mutations and downloads go on. */
  endSubscriptions(): void {
    this.stopping = true;
    for (const operation of this.operations) if (operation.subscription) operation.abort();
  }

  /** Resolves when every open operation and download is over, or after `timeoutMs`; true if all ended. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.operations.size > 0 || this.downloads.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.waiters.delete(done);
          resolve();
        };
        const timer = setTimeout(done, left);
        this.waiters.add(done);
      });
    }
    return true;
  }

  /** Tells which operations are subscriptions (envelop's onSubscribe runs for those only). */
  plugin(): Plugin<ServerContext> {
    return {
      onSubscribe: ({ args }) => this.subscribed((args.contextValue as ServerContext).operation),
    };
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
