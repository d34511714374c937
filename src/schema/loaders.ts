// Per-operation batching, per engine: one inspect per container per operation, fanned out with bounded concurrency.
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { DockerClient } from '../docker/client.js';
import type { EngineSet } from '../docker/engine-set.js';
import { NotFoundError } from '../docker/errors.js';
import type { EngineCall } from '../docker/request.js';
import type { ContainerInspectWire, InfoWire, SystemDfWire, VersionWire } from '../docker/types.js';

/** How many engine calls one operation may have in flight for its nested fields, on each engine. */
export const FAN_OUT_CONCURRENCY = 8;

const FULL_ID = /^[0-9a-f]{64}$/;

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

function engineLoaders(docker: DockerClient, call: EngineCall) {
  const limit = pLimit(FAN_OUT_CONCURRENCY);
  const inspect = (ref: string) => limit(() => docker.containers.inspect(ref, call));

  /**
   * Keyed by the reference as given. Within one batch, names and prefixes are inspected first;
   * a full id that one of them already resolved to is not asked again. Every result is kept
   * under its full id too, so later loads by id cost nothing.
   */
  const byRef: DataLoader<string, ContainerInspectWire> = new DataLoader(async (refs) => {
    const byId = new Map<string, ContainerInspectWire>();
    const results = new Map<string, ContainerInspectWire | Error>();
    const settle = async (ref: string) => {
      try {
        const found = await inspect(ref);
        results.set(ref, found);
        byId.set(found.Id, found);
      } catch (error) {
        results.set(ref, asError(error));
      }
    };
    await Promise.all(refs.filter((ref) => !FULL_ID.test(ref)).map(settle));
    await Promise.all(
      refs
        .filter((ref) => FULL_ID.test(ref))
        .map((id) => {
          const known = byId.get(id);
          if (!known) return settle(id);
          results.set(id, known);
          return undefined;
        }),
    );
    for (const [id, found] of byId) if (!refs.includes(id)) byRef.prime(id, found);
    return refs.map((ref) => results.get(ref) as ContainerInspectWire | Error);
  });

  let version: Promise<VersionWire> | undefined;
  let ping: Promise<string> | undefined;
  let info: Promise<InfoWire> | undefined;
  let diskUsage: Promise<SystemDfWire> | undefined;
  const reported = new WeakSet<object>();
  return {
    /** True the first time an error is offered: several fields that share one failed call report it once. */
    firstReport(error: unknown): boolean {
      if (typeof error !== 'object' || error === null) return true;
      if (reported.has(error)) return false;
      reported.add(error);
      return true;
    },
    /** GET /version, once per operation. */
    version(): Promise<VersionWire> {
      version ??= docker.system.version(call);
      return version;
    },
    /** GET /info, once per operation (Engine.info, and the swarm's node-to-engine matching). */
    info(): Promise<InfoWire> {
      info ??= docker.system.info(call);
      return info;
    },
    /** GET /system/df, once per operation however many fields (Engine.diskUsage, Volume.usage) want it. */
    diskUsage(): Promise<SystemDfWire> {
      diskUsage ??= docker.system.diskUsage(call);
      return diskUsage;
    },
    /** GET /_ping, once per operation; resolves to the API version. */
    ping(): Promise<string> {
      ping ??= docker.system.ping(call);
      return ping;
    },
    /** Runs an engine call under the operation's fan-out limit. */
    limit,
    /** Inspect by full id. */
    inspect(id: string): Promise<ContainerInspectWire> {
      return byRef.load(id);
    },
    /** Like resolve, but null when no container matches. */
    async find(ref: string): Promise<ContainerInspectWire | null> {
      try {
        return await byRef.load(ref);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    /** After a mutation: the container as the engine reports it now; what this operation knew is forgotten. */
    async refresh(id: string): Promise<ContainerInspectWire> {
      byRef.clearAll();
      const fresh = await docker.containers.inspect(id, call);
      byRef.prime(id, fresh);
      return fresh;
    },
  };
}

export type EngineLoaders = ReturnType<typeof engineLoaders>;

/** A container found by reference, with the engine that has it. */
export interface LocatedContainer {
  engine: DockerClient;
  inspect: ContainerInspectWire;
}

/** One operation's loaders: made for an engine the first time the operation asks it something. */
export function createLoaders(engines: EngineSet, call: EngineCall) {
  const perEngine = new Map<DockerClient, EngineLoaders>();
  const of = (engine: DockerClient): EngineLoaders => {
    let loaders = perEngine.get(engine);
    if (!loaders) {
      loaders = engineLoaders(engine, call);
      perEngine.set(engine, loaders);
    }
    return loaders;
  };
  return {
    of,
    /** The container a reference (`web`, an id or prefix, `edge/web`) names, on whichever engine has it; null when none. */
    async locate(ref: string): Promise<LocatedContainer | null> {
      const located = await engines.locate(ref, (engine, bare) => of(engine).find(bare));
      return located && { engine: located.engine, inspect: located.found };
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
