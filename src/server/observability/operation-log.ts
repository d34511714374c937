// One log line and one metrics sample per GraphQL operation, with the engine calls the operation made.
import { getOperationAST, Kind, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { EngineCallEvent, RequestObserver } from '../../docker/request.js';
import { errorCodeOf } from '../../schema/errors.js';
import type { Operation, ServerContext } from '../operation.js';
import type { WharfMetrics } from './metrics.js';

interface OperationShape {
  name: string;
  type: string;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

/** `GET /containers/{id}/json 200 1.2ms` */
const describeCall = (event: EngineCallEvent) => `${event.method} ${event.endpoint} ${event.status} ${round(event.ms)}ms`;

export class OperationLog {
  /**
   * Writes the lines built here, field by field from values that are never secret: the logger's
   * redaction (a second line of defence for objects passed whole) would find nothing to hide in
   * them, and cloning and walking each line for it cost more than the rest of the line.
   */
  private readonly logger: Logger;

  constructor(
    logger: Logger,
    private readonly metrics: WharfMetrics,
  ) {
    this.logger = logger.child({}, { redact: [] });
  }

  /** For the engine client: every request counted, whoever made it. */
  readonly observeEngine: RequestObserver = (event) => {
    this.metrics.engineRequest({
      engine: event.engine,
      method: event.method,
      endpoint: event.endpoint,
      status: event.status,
      ms: event.ms,
    });
  };

  /** For each operation: a debug line per engine call it made, under its request id. */
  readonly observeOperationCall = (operation: Operation, event: EngineCallEvent): void => {
    if (this.logger.isLevelEnabled('debug'))
      this.logger.debug({ requestId: operation.id, engine: event.engine, engineCall: describeCall(event) }, 'engine request');
  };

  plugin(): Plugin<ServerContext> {
    return {
      onParse: ({ context }) => {
        const { operation } = context;
        return ({ result }) => {
          if (result instanceof Error) this.finish(operation, { name: 'unknown', type: 'unknown' }, errorCodeOf(result));
        };
      },
      onValidate: ({ context, params }) => {
        const { operation } = context;
        return ({ valid, result }) => {
          if (valid) return;
          const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName;
          // Counted as "invalid": names from documents that never ran must not take the metric's label slots.
          const shape = shapeOf(params.documentAST as DocumentNode, operationName);
          this.finish(operation, shape, errorCodeOf(result[0]), undefined, 'invalid');
        };
      },
      onExecute: ({ args }) => {
        const { operation } = args.contextValue as ServerContext;
        const shape = shapeOf(args.document as DocumentNode, args.operationName as string | null | undefined);
        return {
          onExecuteDone: ({ result, setResult }) => {
            if (!isAsyncIterable(result)) {
              this.finish(operation, shape, outcomeOf(result as ExecutionResult), args.variableValues);
              return;
            }
            // An incremental answer (@stream, @defer) ends when its last part has gone out.
            setResult(
              this.tracked(result as AsyncIterable<ExecutionResult>, (outcome) =>
                this.finish(operation, shape, outcome, args.variableValues),
              ),
            );
          },
        };
      },
      onSubscribe: ({ args }) => {
        const { operation } = args.contextValue as ServerContext;
        const shape = shapeOf(args.document as DocumentNode, args.operationName as string | null | undefined);
        return {
          onSubscribeResult: ({ result, setResult }) => {
            if (!isAsyncIterable(result)) {
              this.finish(operation, shape, outcomeOf(result as ExecutionResult), args.variableValues);
              return;
            }
            this.metrics.subscriptionOpened();
            this.logger.debug({ requestId: operation.id, operation: shape.name }, 'subscription opened');
            setResult(
              this.tracked(result as AsyncIterable<ExecutionResult>, (outcome) => {
                this.metrics.subscriptionClosed();
                this.finish(operation, shape, outcome, args.variableValues);
              }),
            );
          },
        };
      },
    };
  }

  /** The subscription's event stream, calling `onEnd` once, however it ends: done, return(), throw() or a failing next(). */
  private tracked(source: AsyncIterable<ExecutionResult>, onEnd: (outcome: string) => void): AsyncIterableIterator<ExecutionResult> {
    const iterator = source[Symbol.asyncIterator]();
    let ended = false;
    let outcome = 'ok';
    const end = () => {
      if (ended) return;
      ended = true;
      onEnd(outcome);
    };
    return {
      [Symbol.asyncIterator]() {
        return this;
      },
      next: () =>
        iterator.next().then(
          (step) => {
            if (step.done) end();
            else if (step.value.errors?.length) outcome = errorCodeOf(step.value.errors[0]);
            return step;
          },
          (error: unknown) => {
            outcome = errorCodeOf(error);
            end();
            throw error;
          },
        ),
      return: (value?: unknown) => {
        end();
        return iterator.return ? iterator.return(value) : Promise.resolve({ done: true as const, value: undefined });
      },
      throw: (error?: unknown) => {
        outcome = errorCodeOf(error);
        end();
        return iterator.throw ? iterator.throw(error) : Promise.reject(error);
      },
    };
  }

  private finish(operation: Operation, shape: OperationShape, outcome: string, variables?: unknown, metricsName = shape.name): void {
    if (operation.finished) return;
    operation.finished = true;
    const ms = performance.now() - operation.started;
    this.metrics.operationFinished({ name: metricsName, type: shape.type, outcome, seconds: ms / 1000 });
    const line = {
      requestId: operation.id,
      transport: operation.transport === 'ws' ? 'ws' : 'http',
      operation: shape.name,
      operationType: shape.type,
      outcome,
      durationMs: round(ms),
      tokenName: operation.principal.name,
      // The names only: values may hold environment values for createContainer.
      ...(variables && typeof variables === 'object' ? { variableNames: Object.keys(variables) } : {}),
      engineCalls: operation.engineCallCount,
      engine: operation.engineCalls.map(describeCall),
      // The engines asked, by configured name.
      engines: [...new Set(operation.engineCalls.map((call) => call.engine))],
    };
    if (outcome === 'INTERNAL_SERVER_ERROR') this.logger.error(line, 'operation');
    else if (outcome === 'DOCKER_UNAVAILABLE' || outcome === 'DOCKER_ERROR') this.logger.warn(line, 'operation');
    else this.logger.info(line, 'operation');
  }
}

/** The operation's name (or its first root field's, when anonymous) and type. */
function shapeOf(document: DocumentNode, operationName: string | null | undefined): OperationShape {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return { name: 'unknown', type: 'unknown' };
  const firstField = operation.selectionSet.selections.find((s) => s.kind === Kind.FIELD);
  return {
    name: operation.name?.value ?? (firstField?.kind === Kind.FIELD ? firstField.name.value : 'anonymous'),
    type: operation.operation,
  };
}

function outcomeOf(result: ExecutionResult): string {
  const first = result.errors?.[0];
  return first ? errorCodeOf(first) : 'ok';
}
