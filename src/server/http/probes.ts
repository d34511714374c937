// /healthz and /readyz: whether the process answers, and whether the engine behind it does.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DockerClient } from '../../docker/client.js';
import { EngineError } from '../../docker/errors.js';
import { sendJson } from './respond.js';

/** How long /readyz waits for the engine's /_ping. */
const READY_TIMEOUT_MS = 3_000;

export function health(_req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

export function readiness(docker: DockerClient) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const apiVersion = await docker.system.ping({ signal: AbortSignal.timeout(READY_TIMEOUT_MS) });
      sendJson(res, 200, { status: 'ready', apiVersion });
    } catch (error) {
      const reason = error instanceof EngineError ? error.message : 'The Docker engine did not answer /_ping in time';
      sendJson(res, 503, { status: 'unavailable', reason });
    }
  };
}
