// The configured engines by name: picking one, asking several at once with partial answers, and finding a container on whichever has it.
import type { DockerClient } from './client.js';
import { BadRequestError, NotFoundError, UnavailableError } from './errors.js';

/** What one engine answered in a fan-out. */
export interface EngineAnswer<T> {
  engine: DockerClient;
  value: T;
}

/** An engine that failed its part of a fan-out; the others' answers stand. */
export interface EngineMiss {
  engine: DockerClient;
  error: unknown;
}

export interface Settled<T> {
  answers: EngineAnswer<T>[];
  misses: EngineMiss[];
}

/** A container reference split into its engine (when it names one) and the id or name on that engine. */
export interface ContainerAddress {
  engine: DockerClient | undefined;
  ref: string;
}

export class EngineSet {
  private readonly byName = new Map<string, DockerClient>();

  constructor(readonly all: readonly DockerClient[]) {
    if (all.length === 0) throw new Error('at least one engine is needed');
    for (const client of all) this.byName.set(client.name, client);
  }

  /** Only one engine is configured: answers and errors are as they were before there could be several. */
  get single(): boolean {
    return this.all.length === 1;
  }

  get names(): string[] {
    return this.all.map((client) => client.name);
  }

  /** The first configured engine. */
  get first(): DockerClient {
    return this.all[0] as DockerClient;
  }

  get(name: string): DockerClient | undefined {
    return this.byName.get(name);
  }

  /** The named engine; BAD_USER_INPUT naming the configured ones when there is none by that name. */
  require(name: string): DockerClient {
    const client = this.byName.get(name);
    if (!client) throw new BadRequestError(`No engine is named "${name}"; the engines are ${this.names.join(', ')}`);
    return client;
  }

  /** The named engine, or every engine when none is named. */
  select(name: string | null | undefined): readonly DockerClient[] {
    return name == null ? this.all : [this.require(name)];
  }

  /**
   * Asks each engine at once and waits for all: a failure costs only that engine's part, and so does
   * an engine that has not answered within its call timeout (a dead or black-holed one), timed here to
   * the millisecond: the transport's own headers timeout is checked on a coarse clock.
   */
  async settle<T>(engines: readonly DockerClient[], ask: (engine: DockerClient) => Promise<T>): Promise<Settled<T>> {
    const outcomes = await Promise.allSettled(engines.map((engine) => withinCallTimeout(engine, ask(engine))));
    const settled: Settled<T> = { answers: [], misses: [] };
    outcomes.forEach((outcome, index) => {
      const engine = engines[index] as DockerClient;
      if (outcome.status === 'fulfilled') settled.answers.push({ engine, value: outcome.value });
      else settled.misses.push({ engine, error: outcome.reason });
    });
    return settled;
  }

  /**
   * `edge/web` names engine `edge`; a bare `web` or id names none. Container names cannot hold a
   * slash, so a slash always follows an engine's name.
   */
  address(ref: string): ContainerAddress {
    const slash = ref.indexOf('/');
    if (slash <= 0) return { engine: undefined, ref };
    return { engine: this.require(ref.slice(0, slash)), ref: ref.slice(slash + 1) };
  }

  /**
   * The one container a reference names, looked up with `lookup` (null when the engine has none):
   * on its engine when the reference names one, else on every engine. A bare name or prefix that
   * matches on several engines is BAD_USER_INPUT naming them; when none matches and an engine
   * could not be asked, the answer is that engine's failure, since the container may be there.
   */
  async locate<T>(
    ref: string,
    lookup: (engine: DockerClient, ref: string) => Promise<T | null>,
  ): Promise<{ engine: DockerClient; found: T } | null> {
    const address = this.address(ref);
    if (address.engine || this.single) {
      const engine = address.engine ?? this.first;
      const found = await lookup(engine, address.ref);
      return found === null ? null : { engine, found };
    }
    const { answers, misses } = await this.settle(this.all, (engine) => lookup(engine, address.ref));
    const hits = answers.filter((answer): answer is EngineAnswer<T> => answer.value !== null);
    if (hits.length > 1) {
      throw new BadRequestError(
        `"${ref}" matches containers on several engines (${hits.map((hit) => hit.engine.name).join(', ')}); name one, as in ${hits[0]?.engine.name}/${ref}`,
      );
    }
    const [hit] = hits;
    if (hit) return { engine: hit.engine, found: hit.value };
    const miss = misses[0];
    if (miss) throw miss.error;
    return null;
  }

  /** Like locate, but NOT_FOUND when nothing matches. */
  async locateOrFail<T>(
    ref: string,
    lookup: (engine: DockerClient, ref: string) => Promise<T | null>,
  ): Promise<{ engine: DockerClient; found: T }> {
    const located = await this.locate(ref, lookup);
    if (!located) throw new NotFoundError(`No such container: ${ref}`);
    return located;
  }

  async close(): Promise<void> {
    await Promise.all(this.all.map((client) => client.close()));
  }
}

/** The answer, or DOCKER_UNAVAILABLE once the engine's call timeout has passed without one (the call itself goes on to its own end). */
function withinCallTimeout<T>(engine: DockerClient, answer: Promise<T>): Promise<T> {
  const ms = engine.settings.callTimeoutMs;
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      const error = new UnavailableError(`The Docker engine did not answer within ${ms} ms`);
      error.engine = engine.name;
      reject(error);
    }, ms);
    answer.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
