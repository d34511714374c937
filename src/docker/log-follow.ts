// docker logs -f for many subscribers: one shared upstream follow per container, each subscriber's own history joined to it.
import type { Readable } from 'node:stream';
import type { ContainersApi } from './containers.js';
import { fromTransportError, isAbortError, SlowConsumerError } from './errors.js';
import { LogStreamParser, readLogLines, type LogRecord } from './log-stream.js';
import { StreamIterator } from './stream-iterator.js';
import type { CallObserver, EngineCall } from './request.js';

export interface FollowOptions {
  stdout: boolean;
  stderr: boolean;
  /** `seconds.nanoseconds`, as the engine takes it. */
  since?: string | undefined;
  tail?: number | undefined;
  /** false for a container that is not running: its log is complete, so no follow is opened. */
  running?: boolean;
}

export interface FollowLimits {
  /** A subscriber with more than this many lines waiting is ended with SLOW_CONSUMER. */
  maxLines: number;
  /** The same cap in bytes of message text. */
  maxBytes: number;
}

export const DEFAULT_FOLLOW_LIMITS: FollowLimits = { maxLines: 100_000, maxBytes: 32 * 1024 * 1024 };

/** History is read from the engine only as fast as the subscriber takes it: this many lines may wait (about 2 MB). */
const HISTORY_HIGH_WATER_LINES = 16384;
/** The shared follow starts a little in the past; the seam filter drops what history already gave. */
const FOLLOW_OVERLAP_SECONDS = 2;

type Batch = LogRecord[];

const weigh = (batch: Batch) => {
  let bytes = 0;
  for (const record of batch) bytes += record.message.length;
  return { lines: batch.length, bytes };
};

/** RFC 3339 to the engine's `seconds.nanoseconds`. */
export function toEngineTime(timestamp: string): string {
  const seconds = Math.floor(Date.parse(timestamp.replace(/\.\d+/, '')) / 1000);
  const fraction = (/\.(\d+)/.exec(timestamp)?.[1] ?? '').padEnd(9, '0');
  return `${seconds}.${fraction}`;
}

/** The engine's `seconds[.nanoseconds]` as RFC 3339. */
export function fromEngineTime(value: string): string {
  const [seconds = '0', fraction = ''] = value.split('.');
  const whole = new Date(Number(seconds) * 1000).toISOString().replace(/\.\d+Z$/, '');
  return `${whole}.${fraction.padEnd(9, '0').slice(0, 9)}Z`;
}

/** Compares RFC 3339 timestamps of the same engine by their instant, nanoseconds included. */
export function compareTimestamps(a: string, b: string): number {
  const sa = Date.parse(a.replace(/\.\d+/, ''));
  const sb = Date.parse(b.replace(/\.\d+/, ''));
  if (sa !== sb) return sa - sb;
  const fa = (/\.(\d+)/.exec(a)?.[1] ?? '').padEnd(9, '0');
  const fb = (/\.(\d+)/.exec(b)?.[1] ?? '').padEnd(9, '0');
  return fa < fb ? -1 : fa > fb ? 1 : 0;
}

/**
 * Where one reader of a log stands: the last instant it has seen and the lines it saw at that
 * instant. A line from another read is new when it is later, or at that instant but not yet seen.
 */
class Seam {
  private timestamp: string | undefined;
  private atTimestamp: LogRecord[] = [];

  /** Records lines as seen, in order: only the batch's last run of one instant matters. */
  note(batch: Batch): void {
    const last = batch[batch.length - 1];
    if (!last) return;
    let start = batch.length - 1;
    while (start > 0 && batch[start - 1]!.timestamp === last.timestamp) start--;
    if (start > 0 || last.timestamp !== this.timestamp) {
      this.timestamp = last.timestamp;
      this.atTimestamp = [];
    }
    for (let i = start; i < batch.length; i++) this.atTimestamp.push(batch[i]!);
  }

  /** The engine's `seconds.nanoseconds` of the last line seen, if any. */
  get since(): string | undefined {
    return this.timestamp === undefined ? undefined : toEngineTime(this.timestamp);
  }

  /** The lines of `batch` not yet seen. Once a line past the seam has come, nothing older can follow. */
  fresh(batch: Batch): Batch {
    const seam = this.timestamp;
    if (seam === undefined) return batch;
    const fresh: Batch = [];
    for (const record of batch) {
      const order = compareTimestamps(record.timestamp, seam);
      if (order < 0) continue;
      if (order === 0) {
        const twin = this.atTimestamp.findIndex((seen) => seen.stream === record.stream && seen.message === record.message);
        if (twin !== -1) {
          this.atTimestamp.splice(twin, 1);
          continue;
        }
      }
      fresh.push(record);
    }
    if (fresh.length > 0 && compareTimestamps(fresh[fresh.length - 1]!.timestamp, seam) > 0) {
      this.timestamp = undefined;
      this.atTimestamp = [];
    }
    return fresh;
  }
}

interface LiveSink {
  deliver(batch: Batch): void;
  finish(error?: unknown): void;
}

/** One upstream `follow=1` request for one container, fanned out to its subscribers. */
class FollowHub {
  readonly sinks = new Set<LiveSink>();
  readonly ready: Promise<void>;
  private readonly controller = new AbortController();
  private body: Readable | undefined;
  /** Where the follow started, in engine time: a catch-up never reads further back. */
  private readonly since: string;
  done = false;

  constructor(
    private readonly api: ContainersApi,
    readonly id: string,
    tty: boolean,
    private readonly onDone: (hub: FollowHub) => void,
    /** Told of the follow's request: the subscriber that opened it. */
    openedFor?: CallObserver,
  ) {
    const since = `${Math.floor(Date.now() / 1000) - FOLLOW_OVERLAP_SECONDS}`;
    this.since = since;
    this.ready = this.api
      .logs(id, { stdout: true, stderr: true, follow: true, since }, { signal: this.controller.signal, observe: openedFor })
      .then((body) => {
        this.body = body;
        const parser = new LogStreamParser(tty);
        body.on('data', (chunk: Buffer) => this.broadcast(parser.push(chunk)));
        body.on('end', () => {
          this.broadcast(parser.end());
          void this.catchUp(tty).finally(() => this.close());
        });
        body.on('error', (error) => this.close(isAbortError(error) ? undefined : fromTransportError(error)));
      });
    this.ready.catch((error: unknown) => this.close(error));
  }

  /** What has been broadcast, so a catch-up passes on only what is new. */
  private readonly broadcasted = new Seam();

  private broadcast(batch: Batch): void {
    if (batch.length === 0) return;
    this.broadcasted.note(batch);
    for (const sink of this.sinks) sink.deliver(batch);
  }

  /**
   * The engine can end a follow before it has sent the container's last words (a final line
   * without a newline): read the log once more from the last line seen and pass on what is new.
   */
  private async catchUp(tty: boolean): Promise<void> {
    if (this.sinks.size === 0) return;
    try {
      const since = this.broadcasted.since ?? this.since;
      const body = await this.api.logs(this.id, { stdout: true, stderr: true, since }, { signal: this.controller.signal });
      const records = await readLogLines(body, tty);
      this.broadcast(this.broadcasted.fresh(records));
    } catch {
      // The follow itself ended well; a failed catch-up only loses what the engine had not sent.
    }
  }

  remove(sink: LiveSink): void {
    this.sinks.delete(sink);
    if (this.sinks.size === 0) this.close();
  }

  private close(error?: unknown): void {
    if (this.done) return;
    this.done = true;
    this.controller.abort();
    this.body?.destroy();
    this.onDone(this);
    for (const sink of this.sinks) sink.finish(error);
    this.sinks.clear();
  }
}

/** Streams of a container's log that many subscribers share; one per engine client. */
export class LogFollower {
  private readonly hubs = new Map<string, FollowHub>();

  constructor(
    private readonly api: ContainersApi,
    private readonly limits: FollowLimits = DEFAULT_FOLLOW_LIMITS,
  ) {}

  /** How many upstream follow requests are open now. */
  get openStreams(): number {
    return this.hubs.size;
  }

  /**
   * History per tail/since, then live lines, in batches as they arrive; ends when the container
   * stops. `tty` is the container's Config.Tty. return() aborts everything at once.
   */
  async follow(id: string, tty: boolean, options: FollowOptions, call: EngineCall = {}): Promise<AsyncIterableIterator<Batch>> {
    const { signal } = call;
    let hub = this.hubs.get(id);
    if (options.running === false) hub = undefined;
    else if (!hub || hub.done) {
      hub = new FollowHub(
        this.api,
        id,
        tty,
        (done) => {
          if (this.hubs.get(id) === done) this.hubs.delete(id);
        },
        call.observe,
      );
      this.hubs.set(id, hub);
    }
    const joinedHub: FollowHub | undefined = hub;
    const historyController = new AbortController();
    // Live lines are held to the subscriber's own since, as docker logs -f --since does.
    const sinceTimestamp = options.since === undefined ? undefined : fromEngineTime(options.since);
    const wanted = (record: LogRecord) =>
      (record.stream === 'stdout' ? options.stdout : options.stderr) &&
      (sinceTimestamp === undefined || compareTimestamps(record.timestamp, sinceTimestamp) >= 0);

    let historyDone = false;
    let liveEnded = false;
    let liveError: unknown;
    /** Live batches that came while history was still being read. */
    let heldLive: Batch[] = [];
    let heldLines = 0;
    let heldBytes = 0;
    /** Where the history ended: live lines up to there are dropped. */
    const history = new Seam();
    let historyBody: Readable | undefined;

    const sink: LiveSink = {
      deliver: (batch) => {
        const mine = batch.filter(wanted);
        if (mine.length === 0) return;
        if (!historyDone) {
          heldLive.push(mine);
          const weight = weigh(mine);
          heldLines += weight.lines;
          heldBytes += weight.bytes;
          failIfBehind(heldLines, heldBytes, 'while it was still reading its history');
          return;
        }
        pushLive(mine);
      },
      finish: (error) => {
        liveEnded = true;
        liveError = error;
        if (historyDone) endLive();
      },
    };

    const output = new StreamIterator<Batch>({
      weigh,
      onClose: () => {
        historyController.abort();
        historyBody?.destroy();
        joinedHub?.remove(sink);
        signal?.removeEventListener('abort', abortFromSignal);
      },
    });
    const abortFromSignal = () => void output.return();
    signal?.addEventListener('abort', abortFromSignal, { once: true });

    const pushLive = (batch: Batch) => {
      const fresh = history.fresh(batch);
      if (fresh.length === 0) return;
      output.push(fresh);
      failIfBehind(output.queuedLines, output.queuedBytes, '');
    };
    /** A subscriber further behind than its buffer allows is ended; the others go on. */
    const failIfBehind = (lines: number, bytes: number, when: string) => {
      if (lines <= this.limits.maxLines && bytes <= this.limits.maxBytes) return;
      output.fail(
        new SlowConsumerError(
          `The subscriber fell ${lines} lines (${bytes} bytes) behind the log of ${id.slice(0, 12)}${when ? ` ${when}` : ''}; its buffer holds ${this.limits.maxLines} lines or ${this.limits.maxBytes} bytes`,
        ),
      );
    };
    const endLive = () => {
      if (liveError) output.fail(liveError);
      else output.end();
    };
    if (joinedHub) joinedHub.sinks.add(sink);
    else liveEnded = true;
    try {
      if (joinedHub) await joinedHub.ready;
      if (output.isClosed) return output;
      // tail 0 still needs the last line's timestamp for the seam: ask for one line and show none.
      const showHistory = options.tail !== 0;
      const body = await this.api.logs(
        id,
        {
          stdout: options.stdout,
          stderr: options.stderr,
          since: options.since,
          tail: options.tail === 0 ? 1 : options.tail,
        },
        { signal: historyController.signal, observe: call.observe },
      );
      historyBody = body;
      if (output.isClosed) {
        body.destroy();
        return output;
      }
      const parser = new LogStreamParser(tty);
      const finishHistory = () => {
        historyDone = true;
        for (const batch of heldLive) pushLive(batch);
        heldLive = [];
        if (liveEnded) endLive();
      };
      const take = (batch: Batch) => {
        if (batch.length === 0) return;
        history.note(batch);
        if (showHistory) output.push(batch);
      };
      // read() hands over everything buffered at once: the engine sends one HTTP chunk per log
      // line, and a 'data' event per chunk would make a batch (and a queue item) per line.
      let reading = false;
      const drain = () => {
        if (reading || historyDone || output.isClosed) return;
        reading = true;
        try {
          const records: LogRecord[] = [];
          let chunk: Buffer | null;
          while (output.queuedLines + records.length < HISTORY_HIGH_WATER_LINES && (chunk = body.read() as Buffer | null) !== null) {
            for (const line of parser.push(chunk)) records.push(line);
          }
          take(records);
        } finally {
          reading = false;
        }
      };
      output.onTake = () => {
        if (output.queuedLines < HISTORY_HIGH_WATER_LINES / 2) drain();
      };
      body.on('readable', drain);
      body.on('end', () => {
        take(parser.end());
        finishHistory();
      });
      body.on('error', (error) => {
        if (!isAbortError(error)) output.fail(fromTransportError(error));
      });
    } catch (error) {
      await output.return();
      throw error;
    }
    return output;
  }
}
