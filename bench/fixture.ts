// The benchmark's containers: created and removed through the raw Engine API, apart from the gateway under test.
import { Pool } from 'undici';
import { TEST_IMAGE } from '../scripts/engine.js';

export const BENCH_LABEL = 'wharf.bench';

export interface Fixture {
  /** Full ids, in creation order. */
  ids: string[];
  running: number;
  created: number;
  /** Removes every container carrying the bench label (force, with its anonymous volumes). */
  remove(): Promise<void>;
}

interface CreateResponse {
  Id: string;
}

/** How many create/start calls go to the engine at once; dockerd on two cores gains nothing from more. */
const SETUP_CONCURRENCY = 4;

/**
 * `count` containers of the test image, half of them running `sleep 3600` and half only created, each
 * with labels, environment and an anonymous volume so that inspect has something in every section.
 */
export async function createFixture(socketPath: string, count: number): Promise<Fixture> {
  const pool = new Pool('http://localhost', { socketPath, connections: SETUP_CONCURRENCY });
  const call = async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<string> => {
    const res = await pool.request({
      method,
      path,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : null,
    });
    const text = await res.body.text();
    if (res.statusCode >= 300 && res.statusCode !== 304)
      throw new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    return text;
  };

  const remove = async (): Promise<void> => {
    const filters = encodeURIComponent(JSON.stringify({ label: [BENCH_LABEL] }));
    const list = JSON.parse(await call('GET', `/containers/json?all=1&filters=${filters}`)) as Array<{ Id: string }>;
    await runLimited(
      list.map((c) => () => call('DELETE', `/containers/${c.Id}?force=1&v=1`)),
      SETUP_CONCURRENCY,
    );
  };

  const ids: string[] = new Array<string>(count);
  let running = 0;
  try {
    await runLimited(
      Array.from({ length: count }, (_, i) => async () => {
        const start = i % 2 === 0;
        const name = `wharf-bench-${String(i).padStart(2, '0')}`;
        const created = JSON.parse(
          await call('POST', `/containers/create?name=${name}`, {
            Image: TEST_IMAGE,
            Cmd: ['sleep', '3600'],
            Env: [`BENCH_INDEX=${i}`, 'BENCH_MODE=figures'],
            Labels: { [BENCH_LABEL]: '1', 'wharf.bench.index': String(i), 'wharf.bench.kind': start ? 'running' : 'created' },
            Volumes: { '/data': {} },
            HostConfig: { NetworkMode: 'none' },
          }),
        ) as CreateResponse;
        ids[i] = created.Id;
        if (start) {
          await call('POST', `/containers/${created.Id}/start`);
          running += 1;
        }
      }),
      SETUP_CONCURRENCY,
    );
  } catch (error) {
    await remove().catch(() => undefined);
    await pool.close();
    throw error;
  }

  return {
    ids,
    running,
    created: count - running,
    async remove() {
      try {
        await remove();
      } finally {
        await pool.close();
      }
    },
  };
}

/** Runs the tasks with at most `limit` in flight; rejects with the first failure after all have settled. */
async function runLimited(tasks: Array<() => Promise<unknown>>, limit: number): Promise<void> {
  let next = 0;
  const failures: unknown[] = [];
  const worker = async (): Promise<void> => {
    for (let i = next++; i < tasks.length; i = next++) {
      try {
        await tasks[i]?.();
      } catch (error) {
        failures.push(error);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  if (failures.length > 0) throw failures[0];
}
