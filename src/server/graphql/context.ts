// The per-operation context, the same for HTTP, SSE and WebSocket: the engine client, fresh loaders, the caller, the abort signal.
import type { DockerClient } from '../../docker/client.js';
import type { Principal } from '../../schema/access.js';
import type { CreatePolicy } from '../../schema/create-policy.js';
import { createLoaders, type SchemaContext } from '../../schema/index.js';

export function createContext(
  docker: DockerClient,
  operation: { signal: AbortSignal; principal: Principal; createPolicy: CreatePolicy | undefined },
): SchemaContext {
  return {
    docker,
    loaders: createLoaders(docker, operation.signal),
    signal: operation.signal,
    basePath: '',
    principal: operation.principal,
    createPolicy: operation.createPolicy,
  };
}
