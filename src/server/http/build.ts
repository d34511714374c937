// POST /images/build?t=TAG[&dockerfile=PATH][&engine=NAME]: the request body (a tar of the context) streamed to the engine's /build, its NDJSON output streamed back.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { EngineSet } from '../../docker/engine-set.js';
import { EngineError, isAbortError } from '../../docker/errors.js';
import { parseReference } from '../../docker/registry-auth.js';
import type { OpenOperations } from '../open-operations.js';
import { sendError, sendFailure } from './respond.js';

/** The largest build context taken by default: 1 GiB. */
export const DEFAULT_MAX_BUILD_CONTEXT_BYTES = 1024 * 1024 * 1024;

/** The engine's own shape of a line that ends a build in failure. */
const errorLine = (message: string) => `${JSON.stringify({ errorDetail: { message }, error: message })}\n`;

class ContextTooLarge extends Error {
  override readonly name = 'ContextTooLarge';
}

/** Passes the context through, counting; past the limit it fails, which aborts the engine request. */
class ContextLimit extends Transform {
  private seen = 0;
  constructor(private readonly limit: number) {
    super();
  }
  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) done(new ContextTooLarge(`The build context is larger than ${this.limit} bytes`));
    else done(null, chunk);
  }
}

export function buildRoute(engines: EngineSet, open: OpenOperations, maxContextBytes = DEFAULT_MAX_BUILD_CONTEXT_BYTES) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    const query = new URL(req.url ?? '/', 'http://gateway').searchParams;
    const tag = query.get('t');
    if (!tag || !parseReference(tag)) {
      sendError(res, 'BAD_USER_INPUT', 't must name the image to build, as repository[:tag]');
      return;
    }
    const dockerfile = query.get('dockerfile') ?? undefined;
    let engine: ReturnType<EngineSet['require']>;
    try {
      engine = query.get('engine') === null ? engines.first : engines.require(query.get('engine') as string);
    } catch (error) {
      sendFailure(res, error);
      return;
    }
    const declared = Number(req.headers['content-length']);
    if (declared > maxContextBytes) {
      res.setHeader('connection', 'close');
      sendError(res, 'BAD_USER_INPUT', `The build context is larger than ${maxContextBytes} bytes`, 413);
      req.resume();
      return;
    }
    if (open.closing) {
      res.setHeader('connection', 'close');
      sendError(res, 'DOCKER_UNAVAILABLE', 'The gateway is stopping');
      return;
    }
    open.trackDownload(build(engine, { tag, dockerfile }, maxContextBytes, req, res));
  };
}

/**
 * The engine reads the whole context before it answers, so a context over the limit is refused
 * (413) before any output; after the status line, an engine failure is written as the last line.
 */
async function build(
  engine: ReturnType<EngineSet['require']>,
  options: { tag: string; dockerfile: string | undefined },
  maxContextBytes: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const controller = new AbortController();
  // A client gone before the end: the engine's build request is aborted with it.
  const abort = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', abort);
  const context = new ContextLimit(maxContextBytes);
  let tooLarge: ContextTooLarge | undefined;
  const upload = pipeline(req, context).catch((error: unknown) => {
    if (error instanceof ContextTooLarge) tooLarge = error;
    controller.abort();
  });
  try {
    const answer = await engine.images.build({ ...options, context }, { signal: controller.signal });
    res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
    try {
      await pipeline(answer.body, res, { end: false });
    } catch (error) {
      if (controller.signal.aborted || res.destroyed) return;
      // The engine went away mid-build: no image is reported as built.
      res.end(errorLine(error instanceof EngineError ? error.message : 'The engine ended the build without finishing it'));
      return;
    }
    res.end();
  } catch (error) {
    if (tooLarge) {
      if (!res.headersSent) {
        res.setHeader('connection', 'close');
        sendError(res, 'BAD_USER_INPUT', tooLarge.message, 413);
      } else res.destroy();
      return;
    }
    if (isAbortError(error) || controller.signal.aborted) {
      res.destroy();
      return;
    }
    if (res.headersSent) {
      res.end(errorLine(error instanceof Error ? error.message : 'The build failed'));
      return;
    }
    if (error instanceof EngineError) {
      // Refused before any output (a context that is not a tar, a Dockerfile missing from it): the
      // same last line a failing step gives, so a client reads every outcome in one place.
      res.writeHead(200, { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' });
      res.end(errorLine(error.message));
      return;
    }
    sendFailure(res, error);
  } finally {
    res.off('close', abort);
    // Whatever the engine did not read is not wanted any more.
    if (!context.writableFinished) context.destroy();
    req.resume();
    await upload;
  }
}
