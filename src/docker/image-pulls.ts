// Pulls shared per engine and reference: whoever asks for a pull already under way follows the same engine pull, from its first event.
import { createHash } from 'node:crypto';
import { EngineFailure, NotFoundError } from './errors.js';
import type { ImagesApi } from './images.js';
import type { CallObserver } from './request.js';
import { StreamIterator } from './stream-iterator.js';
import type { ProgressWire } from './types.js';

export interface PullRequest {
  fromImage: string;
  tag: string;
  /** X-Registry-Auth; only pulls with the same credentials are shared. */
  registryAuth?: string | undefined;
}

/** The error line a pull ended with, as an engine error: a missing image or tag is NOT_FOUND, the rest DOCKER_ERROR. */
export function pullLineError(line: ProgressWire): EngineFailure | NotFoundError {
  const message = line.errorDetail?.message || line.error || 'The pull failed';
  if (/manifest unknown|not found|does not exist|repository name not known/i.test(message)) return new NotFoundError(message);
  return new EngineFailure(message, line.errorDetail?.code ?? 500);
}

class SharedPull {
  readonly events: ProgressWire[] = [];
  readonly followers = new Set<StreamIterator<ProgressWire>>();
  private outcome: { error?: unknown } | undefined;
  readonly controller = new AbortController();

  /** A new follower: every event so far, then the rest as they come. */
  follow(): StreamIterator<ProgressWire> {
    const follower: StreamIterator<ProgressWire> = new StreamIterator<ProgressWire>({
      onClose: () => {
        this.followers.delete(follower);
        // The last follower gone before the end: nobody wants the pull any more, as when `docker pull` is interrupted.
        if (this.followers.size === 0 && !this.outcome) this.controller.abort();
      },
    });
    for (const event of this.events) follower.push(event);
    this.followers.add(follower);
    return follower;
  }

  push(event: ProgressWire): void {
    this.events.push(event);
    for (const follower of this.followers) follower.push(event);
  }

  finish(error?: unknown): void {
    if (this.outcome) return;
    this.outcome = error === undefined ? {} : { error };
    for (const follower of [...this.followers]) {
      if (error === undefined) follower.end();
      else follower.fail(error);
    }
  }
}

/** One engine's pulls in flight, by reference and credentials. */
export class ImagePulls {
  private readonly running = new Map<string, SharedPull>();

  constructor(private readonly images: ImagesApi) {}

  /** How many engine pulls are under way (for tests and metrics). */
  get size(): number {
    return this.running.size;
  }

  /**
   * The pull's progress events: those of the pull under way for the same reference and
   * credentials, or of a new one. An error line ends the iterator with its error. return() stops
   * following; the engine pull is aborted when nobody follows it any more.
   */
  follow(request: PullRequest, observe?: CallObserver): StreamIterator<ProgressWire> {
    const key = `${request.fromImage}\n${request.tag}\n${request.registryAuth ? createHash('sha256').update(request.registryAuth).digest('hex') : ''}`;
    let pull = this.running.get(key);
    if (!pull) {
      const created = new SharedPull();
      this.running.set(key, created);
      void this.run(created, request, observe).finally(() => {
        if (this.running.get(key) === created) this.running.delete(key);
      });
      pull = created;
    }
    return pull.follow();
  }

  private async run(pull: SharedPull, request: PullRequest, observe: CallObserver | undefined): Promise<void> {
    try {
      const lines = await this.images.pull(request, { signal: pull.controller.signal, observe });
      for await (const line of lines) {
        if (line.error || line.errorDetail) {
          await lines.return();
          pull.finish(pullLineError(line));
          return;
        }
        pull.push(line);
      }
      if (pull.controller.signal.aborted) throw pull.controller.signal.reason;
      pull.finish();
    } catch (error) {
      pull.finish(error);
    }
  }
}

const pullsByEngine = new WeakMap<ImagesApi, ImagePulls>();

/** The shared pulls of the engine whose images API this is. */
export function pullsOf(images: ImagesApi): ImagePulls {
  let pulls = pullsByEngine.get(images);
  if (!pulls) {
    pulls = new ImagePulls(images);
    pullsByEngine.set(images, pulls);
  }
  return pulls;
}
