// Per-operation batching: one inspect per container per operation, fanned out with bounded concurrency.
import DataLoader from 'dataloader';
import pLimit from 'p-limit';
import type { DockerClient } from '../docker/client.js';
import { NotFoundError } from '../docker/errors.js';
import type { ContainerInspectWire } from '../docker/types.js';

/** How many engine calls one operation may have in flight for its nested fields. */
export const FAN_OUT_CONCURRENCY = 8;

const FULL_ID = /^[0-9a-f]{64}$/;

export function createLoaders(docker: DockerClient, signal: AbortSignal) {
  const limit = pLimit(FAN_OUT_CONCURRENCY);
  const inspectById = new DataLoader<string, ContainerInspectWire>((ids) =>
    Promise.all(
      ids.map((id) =>
        limit(() => docker.containers.inspect(id, { signal })).catch((error: unknown) =>
          error instanceof Error ? error : new Error(String(error)),
        ),
      ),
    ),
  );
  /** A name or prefix is resolved once per operation; its inspect then serves the full id too. */
  const byRef = new Map<string, Promise<ContainerInspectWire>>();

  return {
    /** Runs an engine call under the operation's fan-out limit. */
    limit,
    /** Inspect by full id, batched and de-duplicated. */
    inspect(id: string): Promise<ContainerInspectWire> {
      return inspectById.load(id);
    },
    /** Inspect by any reference: full id, unique prefix, name or `/name`. */
    resolve(ref: string): Promise<ContainerInspectWire> {
      if (FULL_ID.test(ref)) return inspectById.load(ref);
      let pending = byRef.get(ref);
      if (!pending) {
        pending = limit(() => docker.containers.inspect(ref, { signal })).then((inspect) => {
          inspectById.prime(inspect.Id, inspect);
          return inspect;
        });
        byRef.set(ref, pending);
      }
      return pending;
    },
    /** Like resolve, but null when no container matches. */
    async find(ref: string): Promise<ContainerInspectWire | null> {
      try {
        return await this.resolve(ref);
      } catch (error) {
        if (error instanceof NotFoundError) return null;
        throw error;
      }
    },
    /** After a mutation: the container as the engine reports it now, and what this operation knew forgotten. */
    async refresh(id: string): Promise<ContainerInspectWire> {
      byRef.clear();
      inspectById.clear(id);
      const fresh = await docker.containers.inspect(id, { signal });
      inspectById.prime(id, fresh);
      return fresh;
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
