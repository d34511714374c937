// What a graceful stop waits for and what it ends: subscriptions are ended cleanly (clients get `complete`); queries, mutations and exports may finish.
import type { Plugin } from 'graphql-yoga';
import type { SchemaContext } from '../../schema/index.js';

/** How long a stop waits for operations and downloads to finish before it cuts the connections. */
export const DRAIN_MS = 3_000;

export class OpenStreams {
  /** Operations that may stream (every WebSocket operation, SSE and multipart responses), by their signal. */
  private readonly operations = new Map<AbortSignal, AbortController>();
  /** Those of them that turned out to be subscriptions: a stop ends them. */
  private readonly subscriptions = new WeakSet<AbortSignal>();
  private readonly downloads = new Set<Promise<unknown>>();
  private stopping = false;
  private readonly waiters = new Set<() => void>();

  /** True once the gateway has begun to stop. */
  get closing(): boolean {
    return this.stopping;
  }

  /** An operation that may stream; its controller is aborted by a stop only if it is a subscription. `release` forgets it. */
  track(controller: AbortController): void {
    this.operations.set(controller.signal, controller);
  }

  release(controller: AbortController): void {
    if (this.operations.delete(controller.signal)) this.notify();
  }

  /**
   * Marks the operation whose context has `signal` as a subscription. Aborting it ends its source,
   * so the transport sends `complete`; one that starts during a stop ends at once.
   */
  subscribed(signal: AbortSignal): void {
    this.subscriptions.add(signal);
    if (this.stopping) this.operations.get(signal)?.abort();
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
    for (const [signal, controller] of this.operations) if (this.subscriptions.has(signal)) controller.abort();
  }

  /** Resolves when every tracked operation and download is over, or after `timeoutMs`; true if all ended. */
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

  /** Tells the streams which operations are subscriptions (envelop's onSubscribe runs for those only). */
  plugin(): Plugin {
    return {
      onSubscribe: ({ args }) => {
        const signal = (args.contextValue as Partial<SchemaContext> | undefined)?.signal;
        if (signal) this.subscribed(signal);
      },
    };
  }

  private notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }
}
