// The plain HTTP routes beside /graphql: /healthz, /readyz and the container export.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { DockerClient } from '../../docker/client.js';
import { EngineError, isAbortError } from '../../docker/errors.js';
import type { Principal } from '../../schema/access.js';
import type { OpenStreams } from './shutdown.js';

const EXPORT_ROUTE = /^\/containers\/([^/]+)\/export$/;
/** How long /readyz waits for the engine's /_ping. */
const READY_TIMEOUT_MS = 3_000;

export function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

/** /healthz and /readyz, which need no credentials; false for any other path. */
export function handleProbe(docker: DockerClient, req: IncomingMessage, res: ServerResponse): boolean {
  const path = pathOf(req);
  if (path === '/healthz') {
    sendJson(res, 200, { status: 'ok' });
    return true;
  }
  if (path === '/readyz') {
    void ready(docker, res);
    return true;
  }
  return false;
}

/** The export route, for admins; false for any other path. A stop lets a download in progress finish. */
export function handleExport(
  docker: DockerClient,
  req: IncomingMessage,
  res: ServerResponse,
  principal: Principal,
  streams: OpenStreams,
): boolean {
  const match = EXPORT_ROUTE.exec(pathOf(req));
  if (match) {
    if (principal.role !== 'admin') {
      sendError(res, 403, 'FORBIDDEN', `The role ${principal.role} may not export a container's filesystem`);
      return true;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      sendError(res, 405, 'BAD_USER_INPUT', 'Only GET streams an export');
      return true;
    }
    let id: string;
    try {
      id = decodeURIComponent(match[1] ?? '');
    } catch {
      sendError(res, 400, 'BAD_USER_INPUT', 'The container id in the path is not valid percent-encoding');
      return true;
    }
    if (streams.closing) {
      res.setHeader('connection', 'close');
      sendError(res, 503, 'DOCKER_UNAVAILABLE', 'The gateway is stopping');
      return true;
    }
    streams.trackDownload(exportContainer(docker, id, req, res));
    return true;
  }
  return false;
}

async function ready(docker: DockerClient, res: ServerResponse): Promise<void> {
  try {
    const apiVersion = await docker.system.ping({ signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
    sendJson(res, 200, { status: 'ready', apiVersion });
  } catch (error) {
    const reason = error instanceof EngineError ? error.message : 'The Docker engine did not answer /_ping in time';
    sendJson(res, 503, { status: 'unavailable', reason });
  }
}

/** Streams the engine's tar straight through; a client that goes away aborts the engine request. */
async function exportContainer(docker: DockerClient, id: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  const abort = () => controller.abort();
  res.once('close', abort);
  try {
    const inspect = await docker.containers.inspect(id.replace(/^\//, ''), { signal: controller.signal });
    const body = await docker.containers.export(inspect.Id, { signal: controller.signal });
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
    if (error instanceof EngineError) {
      const status = error.code === 'NOT_FOUND' ? 404 : error.code === 'DOCKER_UNAVAILABLE' ? 503 : error.code === 'CONFLICT' ? 409 : error.code === 'BAD_USER_INPUT' ? 400 : 502;
      sendError(res, status, error.code, error.message);
      return;
    }
    sendError(res, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
  } finally {
    res.off('close', abort);
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** Errors on plain routes look like GraphQL errors, so one client-side handler reads both. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { errors: [{ message, extensions: { code } }] });
}
