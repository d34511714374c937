// The stream benchmarks' side of the engine: their containers, and the raw log read the gateway is measured against.
import { Pool } from 'undici';
import { TEST_IMAGE } from '../scripts/engine.js';
import { LogStreamParser } from '../src/docker/log-stream.js';

/** Every container the stream benchmarks create carries this label, so cleanup finds them all. */
export const STREAM_BENCH_LABEL = 'wharf.bench.streams';

export interface RawLogRead {
  lines: number;
  /** The last line's message, to check the log was read to its end. */
  lastMessage: string | undefined;
}

export interface StreamBenchEngine {
  /** Creates and starts a container of the test image running `cmd`; resolves to its full id. */
  run(cmd: string[]): Promise<string>;
  /** Resolves when the container has exited, with its exit code. */
  wait(id: string): Promise<number>;
  /**
   * `GET /containers/{id}/logs?stdout=1&stderr=1&timestamps=1`, demultiplexed and split into lines
   * by Wharf's own parser: what the gateway does for one subscriber, without GraphQL or WebSocket.
   */
  readLog(id: string): Promise<RawLogRead>;
  /** `dockerd 20.10.24 (API 1.41)`. */
  version(): Promise<string>;
  /** Removes every container with the bench label (force). Safe to call more than once. */
  removeAll(): Promise<void>;
  close(): Promise<void>;
}

export function streamBenchEngine(socketPath: string): StreamBenchEngine {
  // A log read holds its connection for seconds; container calls go on beside it.
  const pool = new Pool('http://localhost', { socketPath, connections: 4 });

  const call = async <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<T | undefined> => {
    const res = await pool.request({
      method,
      path,
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : null,
      // `wait` answers only when the container exits.
      headersTimeout: 0,
    });
    const text = await res.body.text();
    if (res.statusCode >= 300 && res.statusCode !== 304) {
      throw new Error(`${method} ${path} answered ${res.statusCode}: ${text.slice(0, 300)}`);
    }
    return text ? (JSON.parse(text) as T) : undefined;
  };

  return {
    async run(cmd) {
      const created = await call<{ Id: string }>('POST', '/containers/create', {
        Image: TEST_IMAGE,
        Cmd: cmd,
        Labels: { [STREAM_BENCH_LABEL]: '1' },
        Tty: false,
      });
      if (!created) throw new Error('POST /containers/create answered no id');
      await call('POST', `/containers/${created.Id}/start`);
      return created.Id;
    },

    async wait(id) {
      const answer = await call<{ StatusCode: number }>('POST', `/containers/${id}/wait`);
      return answer?.StatusCode ?? -1;
    },

    async readLog(id) {
      const res = await pool.request({
        method: 'GET',
        path: `/containers/${id}/logs?stdout=1&stderr=1&timestamps=1`,
        bodyTimeout: 0,
      });
      if (res.statusCode !== 200) {
        const text = await res.body.text();
        throw new Error(`GET /containers/${id}/logs answered ${res.statusCode}: ${text.slice(0, 300)}`);
      }
      const parser = new LogStreamParser(false);
      let lines = 0;
      let lastMessage: string | undefined;
      const count = (records: ReturnType<LogStreamParser['push']>): void => {
        lines += records.length;
        const last = records[records.length - 1];
        if (last) lastMessage = last.message;
      };
      for await (const chunk of res.body) count(parser.push(chunk as Buffer));
      count(parser.end());
      return { lines, lastMessage };
    },

    async version() {
      const v = await call<{ Version: string; ApiVersion: string }>('GET', '/version');
      return v ? `dockerd ${v.Version} (API ${v.ApiVersion})` : 'dockerd (version unknown)';
    },

    async removeAll() {
      const filters = encodeURIComponent(JSON.stringify({ label: [STREAM_BENCH_LABEL] }));
      const list = (await call<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`)) ?? [];
      await Promise.all(list.map((c) => call('DELETE', `/containers/${c.Id}?force=1&v=1`)));
    },

    close() {
      return pool.close();
    },
  };
}
