// The per-operation context, the same for HTTP, SSE and WebSocket: the engines, fresh loaders, and the operation's caller and engine handle.
import type { EngineSet } from '../../docker/engine-set.js';
import type { AnswerBounds } from '../../schema/answer-bounds.js';
import type { CreatePolicy } from '../../schema/create-policy.js';
import { createLoaders, type SchemaContext } from '../../schema/index.js';
import type { Operation } from '../operation.js';

export function createContext(
  engines: EngineSet,
  operation: Operation,
  settings: { createPolicy: CreatePolicy | undefined; answerBounds: AnswerBounds },
): SchemaContext {
  return {
    engines,
    loaders: createLoaders(engines, operation.engineCall),
    partialErrors: [],
    engineCall: operation.engineCall,
    principal: operation.principal,
    createPolicy: settings.createPolicy,
    answerBounds: settings.answerBounds,
  };
}
