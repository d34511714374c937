// Raw access to the test engine for arrange/assert steps, independent of Wharf's own engine client.
import { randomBytes } from 'node:crypto';
import { Pool } from 'undici';
import { TEST_IMAGE } from '../../scripts/engine.js';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface RawEngine {
  socketPath: string;
  /** `body`: a Buffer/string is sent as is, anything else as JSON. */
  request(method: string, path: string, body?: unknown): Promise<RawResponse>;
  /** Like request(), parsed as JSON; throws on status >= 400 with the engine's message. Empty body -> undefined. */
  json<T>(method: string, path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export class EngineRequestError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly engineMessage: string,
  ) {
    super(`${method} ${path} -> ${status}: ${engineMessage}`);
    this.name = 'EngineRequestError';
  }
}

export function rawEngine(socketPath: string): RawEngine {
  // A Pool, not a Client: one long request (wait, follow) must not block the others.
  const pool = new Pool('http://localhost', { socketPath, connections: 16 });

  const request = async (method: string, path: string, body?: unknown): Promise<RawResponse> => {
    let payload: string | Buffer | undefined;
    const headers: Record<string, string> = {};
    if (body === undefined) {
      payload = undefined;
    } else if (typeof body === 'string' || Buffer.isBuffer(body)) {
      payload = body;
    } else {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
    const res = await pool.request({ method: method.toUpperCase() as 'GET', path, headers, body: payload });
    const buf = Buffer.from(await res.body.arrayBuffer());
    return { status: res.statusCode, headers: res.headers, body: buf };
  };

  const json = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await request(method, path, body);
    const text = res.body.toString('utf8');
    if (res.status >= 400) throw new EngineRequestError(method, path, res.status, messageOf(text));
    if (text.trim() === '') return undefined as T;
    return JSON.parse(text) as T;
  };

  return {
    socketPath,
    request,
    json,
    close: () => pool.close(),
  };
}

function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 500);
}

/** `<prefix>-<8 hex digits>`; valid as a container name. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export const TEST_LABEL = 'wharf.test';

export interface TestContainerOptions {
  cmd: string[];
  /** Default: `wharf-t-<random hex>`. */
  name?: string;
  tty?: boolean;
  /** Start the container after creating it. Default: true. */
  start?: boolean;
  labels?: Record<string, string>;
  /** Further fields of the create body (e.g. HostConfig, Env); Image, Cmd, Tty and Labels are set from the options above. */
  extra?: object;
}

/** Creates (and by default starts) a container of TEST_IMAGE, labelled `wharf.test=1` for teardown. */
export async function createTestContainer(engine: RawEngine, opts: TestContainerOptions): Promise<{ id: string; name: string }> {
  const name = opts.name ?? uniqueName('wharf-t');
  const extra = (opts.extra ?? {}) as Record<string, unknown>;
  const extraLabels = (extra.Labels ?? {}) as Record<string, string>;
  const body = {
    ...extra,
    Image: TEST_IMAGE,
    Cmd: opts.cmd,
    Tty: opts.tty ?? false,
    Labels: { ...extraLabels, ...opts.labels, [TEST_LABEL]: '1' },
  };
  const created = await engine.json<{ Id: string }>('POST', `/containers/create?name=${encodeURIComponent(name)}`, body);
  if (opts.start ?? true) {
    try {
      await engine.json('POST', `/containers/${created.Id}/start`);
    } catch (err) {
      await removeContainer(engine, created.Id).catch(() => undefined);
      throw err;
    }
  }
  return { id: created.Id, name };
}

/** Force-removes a container and its anonymous volumes; a missing container is fine. */
export async function removeContainer(engine: RawEngine, id: string): Promise<void> {
  const res = await engine.request('DELETE', `/containers/${encodeURIComponent(id)}?force=1&v=1`);
  if (res.status < 400 || res.status === 404) return;
  const message = messageOf(res.body.toString('utf8'));
  // Another cleanup got there first.
  if (res.status === 409 && /already in progress/i.test(message)) return;
  throw new EngineRequestError('DELETE', `/containers/${id}`, res.status, message);
}

/** Removes every container labelled `wharf.test=1`; returns how many there were. */
export async function removeTestContainers(engine: RawEngine): Promise<number> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`${TEST_LABEL}=1`] }));
  const list = await engine.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`);
  await Promise.all(list.map((c) => removeContainer(engine, c.Id)));
  return list.length;
}
