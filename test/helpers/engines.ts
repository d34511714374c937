// A gateway over several named engines, each with its own call timeout.
import { connectionFromEnv } from '../../src/docker/connection.js';
import type { EngineSettings } from '../../src/docker/engine-settings.js';
import { type GatewayOptions, startGateway, type TestGateway } from './gateway.js';

export interface NamedEngine {
  name: string;
  /** `unix://...` */
  dockerHost: string;
}

/** The engines' settings as `--engine NAME=URL` would make them. */
export function engineSettings(engines: readonly NamedEngine[], callTimeoutMs?: number): EngineSettings[] {
  return engines.map(({ name, dockerHost }) => ({ name, connection: connectionFromEnv({ DOCKER_HOST: dockerHost }, { callTimeoutMs }) }));
}

/** A gateway on port 0 over these engines, in this order. */
export function startEnginesGateway(
  engines: readonly NamedEngine[],
  options: Omit<GatewayOptions, 'engines' | 'countingProxy'> & { callTimeoutMs?: number } = {},
): Promise<TestGateway> {
  const { callTimeoutMs, ...rest } = options;
  const [first] = engines;
  if (!first) throw new Error('at least one engine');
  return startGateway(first.dockerHost, { ...rest, engines: engineSettings(engines, callTimeoutMs) });
}
