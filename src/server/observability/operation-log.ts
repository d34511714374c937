// One log line and one metrics sample per GraphQL operation, with the engine calls made on its behalf (found by the operation's abort signal).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { getOperationAST, GraphQLError, Kind, type DocumentNode, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { EngineError, isAbortError } from '../../docker/errors.js';
import type { RequestObserver } from '../../docker/request.js';
import type { Principal } from '../../schema/access.js';
import type { SchemaContext } from '../../schema/index.js';
import { engineEndpoint } from './engine-endpoints.js';
import type { WharfMetrics } from './metrics.js';
import { operationRequestId, requestIdOf } from '../http/request-id.js';

/** Engine calls listed on one log line; the count covers them all. */
export const MAX_LOGGED_ENGINE_CALLS = 20;

/** What a line may say about an operation: chosen field by field, never the variables' values or a credential. */
interface OperationRecord {
  requestId: string;
  transport: 'http' | 'ws';
  started: number;
  /** `GET /containers/{id}/json 200 1.2ms`, in the order the answers came. */
  engine: string[];
  engineCalls: number;
  finished: boolean;
}

interface OperationShape {
  name: string;
  type: string;
}

/** The parts of an operation's context this module reads; present or not depending on the phase and transport. */
interface OperationContext {
  req?: IncomingMessage;
  wharfOperationId?: string;
  principal?: Principal;
  params?: { operationName?: string | null };
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export class OperationLog {
  private readonly records = new WeakMap<object, OperationRecord>();
  /**
   * Each operation's record by its context's signal, which every engine call made for it carries.
   * (AsyncLocalStorage would find it too, but on Node 20 it slows every promise in the process.)
   */
  private readonly bySignal = new WeakMap<AbortSignal, OperationRecord>();

  constructor(
    private readonly logger: Logger,
    private readonly metrics: WharfMetrics,
  ) {}

  /** For the engine client: each request counted, and noted on the operation that made it. */
  readonly observeEngine: RequestObserver = (event) => {
    const endpoint = engineEndpoint(event.path);
    this.metrics.engineRequest({ method: event.method, endpoint, status: event.status, ms: event.ms });
    const operation = event.signal ? this.bySignal.get(event.signal) : undefined;
    const call = () => `${event.method} ${endpoint} ${event.status} ${round(event.ms)}ms`;
    if (operation && !operation.finished) {
      operation.engineCalls += 1;
      if (operation.engine.length < MAX_LOGGED_ENGINE_CALLS) operation.engine.push(call());
    }
    if (this.logger.isLevelEnabled('debug')) this.logger.debug({ requestId: operation?.requestId, engineCall: call() }, 'engine request');
  };

  plugin(): Plugin {
    return {
      onParse: ({ context }) => {
        const record = this.recordFor(context);
        return ({ result }) => {
          if (result instanceof Error) this.finish(record, { name: 'unknown', type: 'unknown' }, codeOf(result));
        };
      },
      onValidate: ({ context, params }) => {
        const record = this.recordFor(context);
        return ({ valid, result }) => {
          if (valid) return;
          const operationName = (context as OperationContext).params?.operationName;
          // Counted as "invalid": names from documents that never ran must not take the metric's label slots.
          const shape = shapeOf(params.documentAST as DocumentNode, operationName);
          this.finish(record, shape, codeOf(result[0]), undefined, 'invalid');
        };
      },
      onExecute: ({ args }) => {
        const record = this.recordFor(args.contextValue);
        const shape = shapeOf(args.document as DocumentNode, args.operationName as string | null | undefined);
        this.attribute(args.contextValue, record);
        return {
          onExecuteDone: ({ result }) => {
            if (isAsyncIterable(result)) return;
            this.finish(record, shape, outcomeOf(result as ExecutionResult), args);
          },
        };
      },
      onSubscribe: ({ args }) => {
        const record = this.recordFor(args.contextValue);
        const shape = shapeOf(args.document as DocumentNode, args.operationName as string | null | undefined);
        this.attribute(args.contextValue, record);
        return {
          onSubscribeResult: ({ result, setResult }) => {
            if (!isAsyncIterable(result)) {
              this.finish(record, shape, outcomeOf(result as ExecutionResult), args);
              return;
            }
            this.metrics.subscriptionOpened();
            this.logger.debug({ requestId: record.requestId, operation: shape.name }, 'subscription opened');
            setResult(this.tracked(result as AsyncIterable<ExecutionResult>, (outcome) => {
              this.metrics.subscriptionClosed();
              this.finish(record, shape, outcome, args);
            }));
          },
        };
      },
    };
  }

  /** Engine calls made with the operation's signal count as its own. */
  private attribute(context: unknown, record: OperationRecord): void {
    const signal = (context as Partial<SchemaContext> | undefined)?.signal;
    if (signal) this.bySignal.set(signal, record);
  }

  /** One record per operation, keyed by its context object (the same from parse to execution). */
  private recordFor(context: unknown): OperationRecord {
    const key = (context && typeof context === 'object' ? context : {}) as OperationContext;
    let record = this.records.get(key);
    if (!record) {
      const ws = key.wharfOperationId !== undefined;
      record = {
        requestId: ws
          ? operationRequestId(key.req, key.wharfOperationId ?? '')
          : key.req
            ? requestIdOf(key.req)
            : randomUUID(),
        transport: ws ? 'ws' : 'http',
        started: performance.now(),
        engine: [],
        engineCalls: 0,
        finished: false,
      };
      this.records.set(key, record);
    }
    return record;
  }

  /** The subscription's event stream, calling `onEnd` once, however it ends: done, return(), throw() or a failing next(). */
  private tracked(
    source: AsyncIterable<ExecutionResult>,
    onEnd: (outcome: string) => void,
  ): AsyncIterableIterator<ExecutionResult> {
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
            else if (step.value.errors?.length) outcome = codeOf(step.value.errors[0]);
            return step;
          },
          (error: unknown) => {
            outcome = codeOf(error);
            end();
            throw error;
          },
        ),
      return: (value?: unknown) => {
        end();
        return iterator.return ? iterator.return(value) : Promise.resolve({ done: true as const, value: undefined });
      },
      throw: (error?: unknown) => {
        outcome = codeOf(error);
        end();
        return iterator.throw ? iterator.throw(error) : Promise.reject(error);
      },
    };
  }

  private finish(
    record: OperationRecord,
    shape: OperationShape,
    outcome: string,
    args?: { contextValue?: unknown; variableValues?: unknown },
    metricsName = shape.name,
  ): void {
    if (record.finished) return;
    record.finished = true;
    const ms = performance.now() - record.started;
    this.metrics.operationFinished({ name: metricsName, type: shape.type, outcome, seconds: ms / 1000 });
    const context = args?.contextValue as OperationContext | undefined;
    const variables = args?.variableValues;
    const line = {
      requestId: record.requestId,
      transport: record.transport,
      operation: shape.name,
      operationType: shape.type,
      outcome,
      durationMs: round(ms),
      ...(context?.principal ? { tokenName: context.principal.name } : {}),
      // The names only: values may hold environment values for createContainer.
      ...(variables && typeof variables === 'object' ? { variableNames: Object.keys(variables) } : {}),
      engineCalls: record.engineCalls,
      engine: record.engine,
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
  return first ? codeOf(first) : 'ok';
}

/** The contract code an error stands for, as the client will see it after masking. */
function codeOf(error: unknown): string {
  if (error instanceof GraphQLError) {
    const code = error.extensions?.code;
    if (typeof code === 'string') return code;
    // graphql-js's own errors (validation, variable coercion) carry no code: the request was wrong.
    return error.originalError && !(error.originalError instanceof GraphQLError) ? codeOf(error.originalError) : 'BAD_USER_INPUT';
  }
  if (error instanceof EngineError) return error.code;
  // The client went away, or completed its subscription, while the engine was still answering.
  if (isAbortError(error)) return 'CANCELLED';
  return 'INTERNAL_SERVER_ERROR';
}
