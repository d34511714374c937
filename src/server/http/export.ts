// GET /containers/{id}/export (or /containers/{engine}/{id}/export): the container's filesystem as a tar, streamed from its engine as it comes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { EngineSet } from '../../docker/engine-set.js';
import { isAbortError, NotFoundError } from '../../docker/errors.js';
import { sendError, sendFailure } from './respond.js';
import type { RequestContext } from './route.js';
import type { OpenOperations } from '../open-operations.js';

export function exportRoute(engines: EngineSet, open: OpenOperations) {
  return (req: IncomingMessage, res: ServerResponse, { params: [encodedId = ''] }: RequestContext): void => {
    let id: string;
    try {
      id = decodeURIComponent(encodedId);
    } catch {
      sendError(res, 'BAD_USER_INPUT', 'The container id in the path is not valid percent-encoding');
      return;
    }
    if (open.closing) {
      res.setHeader('connection', 'close');
      sendError(res, 'DOCKER_UNAVAILABLE', 'The gateway is stopping');
      return;
    }
    // A stop lets a download in progress finish.
    open.trackDownload(exportContainer(engines, id, req, res));
  };
}

/** Streams the engine's tar straight through; a client that goes away aborts the engine request. */
async function exportContainer(engines: EngineSet, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  res.once('close', abort);
  try {
    const call = { signal: controller.signal };
    const { engine, found: inspect } = await engines.locateOrFail(id.replace(/^\//, ''), (on, ref) =>
      on.containers.inspect(ref, call).catch((error: unknown) => {
        if (error instanceof NotFoundError) return null;
        throw error;
      }),
    );
    const body = await engine.containers.export(inspect.Id, call);
    res.writeHead(200, {
      'content-type': 'application/x-tar',
      'content-disposition': `attachment; filename="${inspect.Name.replace(/^\//, '') || inspect.Id.slice(0, 12)}.tar"`,
    });
    if (req.method === 'HEAD') {
      body.destroy();
      res.end();
      return;
    }
    await pipeline(body, res);
  } catch (error) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (isAbortError(error) || controller.signal.aborted) return;
    sendFailure(res, error);
  } finally {
    res.off('close', abort);
  }
}
