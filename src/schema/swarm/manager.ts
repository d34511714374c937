// Which engine a service operation goes to: the named one, or the first configured engine that is a swarm manager.
import type { DockerClient } from '../../docker/client.js';
import type { SchemaContext } from '../builder.js';
import { codedError } from '../errors.js';

/**
 * The named engine as it is: when it is not a manager, its own 503 answer becomes CONFLICT with its
 * words. Without a name, the first configured engine whose GET /info says it is a manager
 * (`Swarm.ControlAvailable`); CONFLICT when none is.
 */
export async function managerEngine(ctx: SchemaContext, name: string | null | undefined): Promise<DockerClient> {
  if (name != null) return ctx.engines.require(name);
  const { answers, misses } = await ctx.engines.settle(ctx.engines.all, (engine) => ctx.loaders.of(engine).info());
  // settle keeps the configured order among the engines that answered.
  const manager = answers.find(({ value }) => value.Swarm?.ControlAvailable === true);
  if (manager) return manager.engine;
  const unreachable = misses.length ? ` (${misses.map((m) => m.engine.name).join(', ')} could not be asked)` : '';
  throw codedError('CONFLICT', `No configured engine is a swarm manager${unreachable}; name one with engine:, or run docker swarm init`);
}
