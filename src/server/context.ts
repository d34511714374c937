// The per-operation context, the same for HTTP, SSE and WebSocket: the engine client, fresh loaders, the abort signal.
import type { DockerClient } from '../docker/client.js';
import { createLoaders, type SchemaContext } from '../schema/index.js';

export function createContext(docker: DockerClient, signal: AbortSignal): SchemaContext {
  return { docker, loaders: createLoaders(docker, signal), signal, basePath: '' };
}
