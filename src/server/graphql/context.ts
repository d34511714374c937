// The per-operation context, the same for HTTP, SSE and WebSocket: the engine client, fresh loaders, and the operation's caller and engine handle.
import type { DockerClient } from '../../docker/client.js';
import type { AnswerBounds } from '../../schema/answer-bounds.js';
import type { CreatePolicy } from '../../schema/create-policy.js';
import { createLoaders, type SchemaContext } from '../../schema/index.js';
import type { Operation } from '../operation.js';

export function createContext(
  docker: DockerClient,
  operation: Operation,
  settings: { createPolicy: CreatePolicy | undefined; answerBounds: AnswerBounds },
): SchemaContext {
  return {
    docker,
    loaders: createLoaders(docker, operation.engineCall),
    engineCall: operation.engineCall,
    principal: operation.principal,
    createPolicy: settings.createPolicy,
    answerBounds: settings.answerBounds,
  };
}
