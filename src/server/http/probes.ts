// /healthz and /readyz: whether the process answers, and whether the engines behind it do.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DockerClient } from '../../docker/client.js';
import type { EngineSet } from '../../docker/engine-set.js';
import { EngineError } from '../../docker/errors.js';
import { sendJson } from './respond.js';

/** The longest /readyz waits for an engine's /_ping (less when the engine's call timeout is shorter). */
const READY_TIMEOUT_MS = 3_000;

export function health(_req: IncomingMessage, res: ServerResponse): void {
  sendJson(res, 200, { status: 'ok' });
}

type Readiness = { name: string; ready: true; apiVersion: string } | { name: string; ready: false; reason: string };

async function ping(engine: DockerClient): Promise<Readiness> {
  try {
    const timeout = Math.min(READY_TIMEOUT_MS, engine.settings.callTimeoutMs);
    const apiVersion = await engine.system.ping({ signal: AbortSignal.timeout(timeout) });
    return { name: engine.name, ready: true, apiVersion };
  } catch (error) {
    const reason = error instanceof EngineError ? error.message : 'The Docker engine did not answer /_ping in time';
    return { name: engine.name, ready: false, reason };
  }
}

/**
 * 200 while at least one engine answers /_ping, 503 when none does. With several engines the body
 * lists each, so a probe or a person sees which are down.
 */
export function readiness(engines: EngineSet) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const each = await Promise.all(engines.all.map(ping));
    const ready = each.some((engine) => engine.ready);
    if (engines.single) {
      const [only] = each as [Readiness];
      if (only.ready) sendJson(res, 200, { status: 'ready', apiVersion: only.apiVersion });
      else sendJson(res, 503, { status: 'unavailable', reason: only.reason });
      return;
    }
    const unavailable = each.filter((engine) => !engine.ready).map((engine) => engine.name);
    sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'unavailable', unavailable, engines: each });
  };
}
