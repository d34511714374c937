// What a graceful stop ends: streaming operations, ended cleanly so clients get `complete`, and downloads, allowed to finish.

/** How long a stop waits for streams to end and downloads to finish before it cuts the connections. */
export const DRAIN_MS = 3_000;

export class OpenStreams {
  private readonly operations = new Set<AbortController>();
  private readonly downloads = new Set<Promise<unknown>>();
  private stopping = false;
  private changed: (() => void) | undefined;

  /** True once the gateway has begun to stop: no new stream should start. */
  get closing(): boolean {
    return this.stopping;
  }

  /**
   * A streaming operation (a WebSocket operation, an SSE response): its controller is aborted when
   * the gateway stops, which ends a subscription's source, so the transport sends `complete`.
   * `release` forgets it once the operation is over.
   */
  track(controller: AbortController): void {
    if (this.stopping) controller.abort();
    this.operations.add(controller);
  }

  release(controller: AbortController): void {
    if (this.operations.delete(controller)) this.changed?.();
  }

  /** A download (an export) in progress: a stop lets it finish, up to its deadline. */
  trackDownload(download: Promise<unknown>): void {
    this.downloads.add(download);
    void download.finally(() => {
      this.downloads.delete(download);
      this.changed?.();
    });
  }

  /** Ends every streaming operation; later ones are ended as they start. */
  endAll(): void {
    this.stopping = true;
    for (const controller of this.operations) controller.abort();
  }

  /** Resolves when every tracked operation and download is over, or after `timeoutMs`; true if all ended. */
  async settled(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (this.operations.size > 0 || this.downloads.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, left);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.changed = done;
      });
      this.changed = undefined;
    }
    return true;
  }
}
