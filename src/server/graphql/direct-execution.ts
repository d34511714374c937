// Queries and mutations POSTed as plain JSON, answered without Yoga's HTTP layer once their document is known to be good.
//
// Yoga turns each Node request into a Fetch Request, runs its request-level hooks, parses and validates
// (from its caches), executes, and turns a Fetch Response back into the Node response. For an ordinary
// query that layer cost more CPU than the execution itself. Here, the first time a document is seen it
// goes through Yoga as ever, and a plugin notes it once it has parsed and validated; later requests with
// the same text skip straight to envelop's execute, which runs every execution hook (the operation log,
// metrics, masking, audit, partial errors), and the answer is made by Yoga's own result processor.
//
// Skipping the parse and validation hooks for a known document changes nothing: they are functions of
// the text (the document limits, introspection, the validation rules), and the text is the cache key.
// Anything else takes Yoga's path, its body handed over: a request this path does not mirror exactly
// (cross-origin, an Accept other than JSON, a parameter it does not know, a GET), an unknown or invalid
// document, a subscription, @defer or @stream.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BREAK, getOperationAST, visit, type DocumentNode, type ExecutionResult } from 'graphql';
import { createLRUCache, processRegularResult, type Plugin, type YogaInitialContext } from 'graphql-yoga';
import type { WharfMetrics } from '../observability/metrics.js';
import type { ServerContext } from '../operation.js';
import { rewriteRequestErrorCodes } from './errors.js';
import type { WharfYoga } from './yoga.js';

/** Longer texts are not remembered: a padded document would hold memory for nothing. */
const MAX_REMEMBERED_QUERY = 16 * 1024;
const REMEMBERED_DOCUMENTS = 1_000;
/** What Yoga's result processor answers ordinary results with, in its order of preference. */
const REGULAR_MEDIA_TYPES = ['application/graphql-response+json', 'application/json'] as const;
/** The body parameters Yoga accepts; any other makes it answer 400. */
const PARAMETERS = new Set(['query', 'variables', 'operationName', 'extensions']);

interface Params {
  query: string;
  variables?: Record<string, unknown> | null;
  operationName?: string | null;
  extensions?: Record<string, unknown> | null;
}

export class DirectExecution {
  private readonly documents = createLRUCache<DocumentNode>({ max: REMEMBERED_DOCUMENTS });

  constructor(
    /** Yoga adds CORS headers to its answers when origins are configured: then every request takes its path. */
    private readonly corsConfigured: boolean,
    private readonly metrics: WharfMetrics,
  ) {}

  /** For Yoga: remembers each document that parsed and validated, when it is a query or mutation without @defer or @stream. */
  plugin(): Plugin<ServerContext> {
    return {
      onValidate: ({ context, params }) => {
        const request = (context as Partial<YogaInitialContext>).params;
        return ({ valid }) => {
          if (!valid || typeof request?.query !== 'string' || request.query.length > MAX_REMEMBERED_QUERY) return;
          const document = params.documentAST;
          const operation = getOperationAST(document, request.operationName ?? undefined);
          if (operation?.operation !== 'query' && operation?.operation !== 'mutation') return;
          if (deliversIncrementally(document)) return;
          this.documents.set(keyOf(request.query, request.operationName), document);
        };
      },
    };
  }

  /** Answers the request here, or hands it to Yoga. */
  async handle(yoga: WharfYoga, req: IncomingMessage, res: ServerResponse, serverContext: ServerContext): Promise<void> {
    const mediaType = this.corsConfigured ? undefined : eligibleMediaType(req);
    if (!mediaType) {
      await yoga(req, res, serverContext);
      return;
    }
    const body = await readBody(req);
    if (body === undefined) return;
    const params = paramsOf(body);
    const document = params && this.documents.get(keyOf(params.query, params.operationName));
    if (!params || !document) {
      // Yoga reads a body already read from the request's `body`, as it does behind a body parser.
      Object.assign(req, { body });
      await yoga(req, res, serverContext);
      return;
    }
    this.metrics.directOperation();
    // No Fetch Request exists on this path; nothing that runs from execution on reads one (the
    // parse-time hooks that do, for GET, have run when the document was first seen).
    const context = { ...serverContext, params, request: undefined } as unknown as ServerContext & YogaInitialContext;
    const enveloped = yoga.getEnveloped(context);
    // Whatever throws here (only a bug can) is the dispatcher's to log and answer, as for any route.
    const contextValue = await enveloped.contextFactory();
    const result = (await enveloped.execute({
      schema: enveloped.schema,
      document,
      contextValue,
      variableValues: params.variables,
      operationName: params.operationName,
    })) as ExecutionResult;
    rewriteRequestErrorCodes(result.errors);
    const response = processRegularResult(result, yoga.fetchAPI, mediaType);
    if (res.destroyed || res.writableEnded) return;
    res.setHeaders(new Map(response.headers));
    res.writeHead(response.status, response.statusText);
    res.end(await response.text());
  }
}

function keyOf(query: string, operationName: string | null | undefined): string {
  return `${operationName ?? ''}\n${query}`;
}

function deliversIncrementally(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'defer' || node.name.value === 'stream') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The media type Yoga's result processor would answer an ordinary result with, when this path may
 * answer the request at all: POST /graphql with a JSON body, and an Accept that Yoga meets with JSON.
 * Otherwise undefined.
 */
function eligibleMediaType(req: IncomingMessage): string | undefined {
  if (req.method !== 'POST' || req.url !== '/graphql') return undefined;
  const contentType = req.headers['content-type']?.toLowerCase().replace(/\s/g, '');
  if (contentType !== 'application/json' && contentType !== 'application/json;charset=utf-8') return undefined;
  if (!Number(req.headers['content-length'])) return undefined;
  // As Yoga reads Accept: entries without another charset, the last one listed matching last wins.
  let chosen: string | undefined;
  const accepted = (req.headers.accept || '*/*').replace(/\s/g, '').toLowerCase().split(',');
  for (const entry of accepted.reverse()) {
    const [type = '', ...options] = entry.split(';');
    const charset = options.find((option) => option.includes('charset=')) ?? 'charset=utf-8';
    if (charset !== 'charset=utf-8') continue;
    for (const offered of REGULAR_MEDIA_TYPES) if (matches(type, offered)) chosen = offered;
  }
  return chosen;
}

function matches(asked: string, offered: string): boolean {
  const [askedType, askedSubtype] = asked.split('/');
  const [type, subtype] = offered.split('/');
  return (askedType === '*' || askedType === type) && (askedSubtype === '*' || askedSubtype === subtype);
}

/** The whole body; undefined when the request failed while it was read (the response is gone with it). */
function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)));
    req.once('error', () => resolve(undefined));
    // Closed before its end (the client went away): nothing to answer. After the end this changes nothing.
    req.once('close', () => resolve(undefined));
  });
}

/** The body's parameters when they are exactly what Yoga accepts without a word; undefined for anything else. */
function paramsOf(body: Buffer): Params | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.query !== 'string') return undefined;
  for (const key of Object.keys(parsed)) if (parsed[key] != null && !PARAMETERS.has(key)) return undefined;
  const { query, variables, operationName, extensions } = parsed;
  if (variables != null && !isObject(variables)) return undefined;
  if (operationName != null && typeof operationName !== 'string') return undefined;
  if (extensions != null && !isObject(extensions)) return undefined;
  return { query, variables, operationName, extensions };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
