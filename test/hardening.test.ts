// Safe to expose: document limits, origins and CORS, CSRF, batching, introspection, GraphiQL, body sizes, and how the process refuses to start open.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { DEFAULT_LIMITS, type DocumentLimits } from '../src/server/graphql/hardening.js';
import { graphql } from './gql/index.js';
import { outcomeCodes, outcomeMessages, runOperation, type Transport } from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer, uniqueName } from './helpers/engine-api.js';
import { startGateway, type GatewayOptions, type ProxiedGateway } from './helpers/gateway.js';
import { RawSocket } from './helpers/ws.js';

const engine = rawEngine(inject('dockerSocket'));
/** Local mode with every default: the gateway most tests talk to. */
let plain: ProxiedGateway;
beforeAll(async () => {
  plain = await startGateway(inject('dockerHost'), { countingProxy: true, warm: true });
});
afterAll(async () => {
  await plain?.close();
  await engine.close();
});

/** What a test opened, closed after it in reverse order: gateways, containers, processes, directories. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gatewayWith(app: GatewayOptions): Promise<ProxiedGateway> {
  const started = await startGateway(inject('dockerHost'), { ...app, countingProxy: true, warm: true });
  cleanups.push(() => started.close());
  return started;
}

const FOREIGN_ORIGIN = 'http://evil.example';
const DASHBOARD_ORIGIN = 'http://dashboard.example';
const OTHER_DASHBOARD_ORIGIN = 'https://ops.example:8443';

describe('document limits', () => {
  /** Deep through `ofType`, which the introspection depth rule does not count, so only the depth limit stands in the way. */
  const DEPTH_BOMB = `{ __type(name: "Container") { ${'ofType { '.repeat(14)}name${' }'.repeat(14)} } }`;
  const ALIAS_BOMB = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: engine { version }`).join(' ')} }`;
  const TOKEN_BOMB = `{ engine { ${'version '.repeat(6_000)}} }`;
  /** 45 aliases (under the alias limit), each asking everything of every container: over the cost limit. */
  const COST_BOMB = `
    query { ${Array.from({ length: 45 }, (_, i) => `c${i}: containers(all: true) { ...Everything }`).join(' ')} }
    fragment Everything on Container {
      id shortId name names image imageId command createdAt state status exportUrl
      labels { key value }
      ports { ip privatePort publicPort type }
      stats { read cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes blockReadBytes blockWriteBytes pids }
      top { titles processes { pid ppid user command cells } }
      logs { stream timestamp message }
      inspect {
        path args restartCount raw
        state { status running paused restarting oomKilled dead pid exitCode error startedAt finishedAt }
        config { hostname user image workingDir env cmd entrypoint tty openStdin exposedPorts volumes labels { key value } }
        hostConfig {
          binds capAdd capDrop networkMode privileged autoRemove pidMode ipcMode utsMode memory
          restartPolicy { name maximumRetryCount }
          portBindings { containerPort hostIp hostPort }
        }
        mounts { type name source destination driver mode rw propagation }
      }
    }`;

  const BOMBS = [
    ['a depth bomb', DEPTH_BOMB, new RegExp(`depth limit of ${DEFAULT_LIMITS.maxDepth} exceeded`)],
    ['an alias bomb', ALIAS_BOMB, new RegExp(`Aliases limit of ${DEFAULT_LIMITS.maxAliases} exceeded`)],
    ['a token bomb', TOKEN_BOMB, new RegExp(`Token limit of ${DEFAULT_LIMITS.maxTokens} exceeded`)],
    ['a cost bomb', COST_BOMB, new RegExp(`Cost limit of ${DEFAULT_LIMITS.maxCost} exceeded`)],
  ] as const;
  const TRANSPORTS: readonly Transport[] = ['http-post', 'sse', 'graphql-ws'];
  const cells = BOMBS.flatMap(([bomb, document, message]) => TRANSPORTS.map((transport) => [bomb, transport, document, message] as const));

  it.each(cells)('refuses %s over %s with BAD_USER_INPUT before any engine call', async (_bomb, transport, document, message) => {
    plain.proxy.reset();
    const outcome = await runOperation(transport, plain, document, {}, undefined);

    expect(outcome.closed).toBeUndefined();
    expect(outcomeCodes(outcome)).toEqual(['BAD_USER_INPUT']);
    expect(outcomeMessages(outcome)[0]).toMatch(message);
    expect(plain.proxy.calls).toEqual([]);
  });

  it('refuses an introspection bomb, which the depth and cost limits do not count', async () => {
    const nest = (levels: number): string =>
      levels === 0 ? 'name' : `name fields { name type { ofType { ofType { ${nest(levels - 1)} } } } } interfaces { name }`;
    plain.proxy.reset();
    const outcome = await runOperation('http-post', plain, `{ __schema { types { ${nest(8)} } } }`, {}, undefined);

    expect(outcomeCodes(outcome)).toEqual(['BAD_USER_INPUT']);
    expect(outcomeMessages(outcome)[0]).toMatch(/introspection depth/i);
    expect(plain.proxy.calls).toEqual([]);
  });

  const LOWERED: ReadonlyArray<readonly [keyof DocumentLimits, Partial<DocumentLimits>, string, RegExp]> = [
    [
      'maxDepth',
      { maxDepth: 3 },
      '{ containers(filters: { name: ["wharf-no-such-container"] }) { inspect { state { status } } } }',
      /depth limit of 3 exceeded/,
    ],
    ['maxAliases', { maxAliases: 1 }, '{ a: engine { version } b: engine { os } }', /Aliases limit of 1 exceeded/],
    ['maxTokens', { maxTokens: 8 }, '{ engine { version apiVersion os arch kernelVersion } }', /Token limit of 8 exceeded/],
    ['maxCost', { maxCost: 5 }, '{ engine { version apiVersion os arch kernelVersion } }', /Cost limit of 5 exceeded/],
  ];

  it.each(LOWERED)('applies a lowered %s to a query the defaults let through', async (_limit, limits, query, message) => {
    const passes = await runOperation('http-post', plain, query, {}, undefined);
    expect(outcomeCodes(passes)).toEqual([]);

    const limited = await gatewayWith({ limits });
    const outcome = await runOperation('http-post', limited, query, {}, undefined);
    expect(outcomeCodes(outcome)).toEqual(['BAD_USER_INPUT']);
    expect(outcomeMessages(outcome)[0]).toMatch(message);
    expect(limited.proxy.calls).toEqual([]);
  });

  const HardeningDashboard = graphql(`
    query HardeningDashboard($name: String!) {
      engine { version apiVersion os arch kernelVersion }
      containers(all: true, filters: { name: [$name] }) {
        id shortId name image state status createdAt
        labels { key value }
        ports { ip privatePort publicPort type }
        stats { cpuPercent memoryUsage memoryLimit memoryPercent networkRxBytes networkTxBytes }
        inspect {
          restartCount
          state { status running paused exitCode startedAt finishedAt }
          config { image cmd env }
          hostConfig { networkMode privileged restartPolicy { name maximumRetryCount } }
          mounts { type source destination rw }
        }
      }
    }
  `);

  it('lets a dashboard-sized query through', async () => {
    const { id, name } = await createTestContainer(engine, { name: uniqueName('wharf-hardening'), cmd: ['sleep', '300'] });
    cleanups.push(() => removeContainer(engine, id));

    const outcome = await runOperation('http-post', plain, HardeningDashboard, { name }, undefined);

    expect(outcomeCodes(outcome)).toEqual([]);
    const data = outcome.results[0]?.data as { containers: Array<{ id: string; state: string; stats: object | null }> } | undefined;
    expect(data?.containers).toEqual([expect.objectContaining({ id, state: 'RUNNING', stats: expect.any(Object) })]);
  });
});

describe('origins', () => {
  it('refuses a foreign Origin on HTTP with 403 FORBIDDEN and no CORS headers', async () => {
    plain.proxy.reset();
    const outcome = await runOperation('http-post', plain, '{ engine { version } }', {}, undefined, {
      headers: { origin: FOREIGN_ORIGIN },
    });

    expect(outcome.status).toBe(403);
    expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
    expect(outcome.headers?.get('access-control-allow-origin')).toBeNull();
    expect(plain.proxy.calls).toEqual([]);
  });

  it('refuses the WebSocket upgrade of a foreign Origin', async () => {
    plain.proxy.reset();
    const socket = new RawSocket(plain.wsUrl, { headers: { origin: FOREIGN_ORIGIN } });
    cleanups.push(() => socket.terminate());
    const answer: { opened: boolean; status?: number } = await socket.upgrade;

    expect(answer.opened).toBe(false);
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expect(answer.status).toBeLessThan(500);
    expect(plain.proxy.calls).toEqual([]);
  });

  it("accepts the gateway's own origin (GraphiQL's page) without any configuration", async () => {
    const outcome = await runOperation('http-post', plain, '{ engine { version } }', {}, undefined, {
      headers: { origin: plain.origin },
    });
    expect(outcome.status).toBe(200);
    expect(outcomeCodes(outcome)).toEqual([]);
  });

  it('gives a foreign origin no access-control-allow-origin, even on a preflight, by default', async () => {
    const res = await fetch(plain.url, {
      method: 'OPTIONS',
      headers: { origin: FOREIGN_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    await res.arrayBuffer();
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers an allowed origin with its own origin in access-control-allow-origin, never *', async () => {
    // Two origins: the answer must pick the caller's, and say that it varies by Origin.
    const cors = await gatewayWith({ corsOrigins: [OTHER_DASHBOARD_ORIGIN, DASHBOARD_ORIGIN] });
    const outcome = await runOperation('http-post', cors, '{ engine { version } }', {}, undefined, {
      headers: { origin: DASHBOARD_ORIGIN },
    });

    expect(outcome.status).toBe(200);
    expect(outcomeCodes(outcome)).toEqual([]);
    expect(outcome.headers?.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(outcome.headers?.get('access-control-allow-credentials')).toBe('true');
    expect(outcome.headers?.get('vary')?.toLowerCase()).toContain('origin');
  });

  it("answers an allowed origin's preflight", async () => {
    const cors = await gatewayWith({ corsOrigins: [DASHBOARD_ORIGIN] });
    const res = await fetch(cors.url, {
      method: 'OPTIONS',
      headers: {
        origin: DASHBOARD_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization, x-wharf-csrf',
      },
    });
    await res.arrayBuffer();

    expect(res.status).toBeLessThan(300);
    expect(res.headers.get('access-control-allow-origin')).toBe(DASHBOARD_ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    const allowedHeaders = (res.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['content-type', 'authorization', 'x-wharf-csrf']) expect(allowedHeaders).toContain(header);
    expect(cors.proxy.calls).toEqual([]);
  });

  it('lets an allowed origin open a WebSocket', async () => {
    const cors = await gatewayWith({ corsOrigins: [DASHBOARD_ORIGIN] });
    const outcome = await runOperation('graphql-ws', cors, '{ engine { apiVersion } }', {}, undefined, {
      headers: { origin: DASHBOARD_ORIGIN },
    });
    expect(outcome.closed).toBeUndefined();
    expect(outcomeCodes(outcome)).toEqual([]);
    expect(outcome.results).toHaveLength(1);
  });
});

describe('CSRF and batching', () => {
  it('refuses a GET without a CSRF header', async () => {
    plain.proxy.reset();
    const res = await fetch(`${plain.url}?query=${encodeURIComponent('{ engine { version } }')}`, {
      headers: { accept: 'application/graphql-response+json' },
    });
    const text = await res.text();

    expect(res.status).toBe(403);
    expect(text).not.toContain('"data"');
    expect(plain.proxy.calls).toEqual([]);
  });

  it('accepts a GET with x-wharf-csrf', async () => {
    const outcome = await runOperation('http-get', plain, '{ engine { version } }', {}, undefined);
    expect(outcome.status).toBe(200);
    expect(outcomeCodes(outcome)).toEqual([]);
  });

  it('refuses batched operations (a JSON array body)', async () => {
    plain.proxy.reset();
    const res = await fetch(plain.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify([{ query: '{ engine { version } }' }, { query: '{ engine { os } }' }]),
    });
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };

    expect(res.status).toBe(400);
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(plain.proxy.calls).toEqual([]);
  });
});

describe('introspection', () => {
  const INTROSPECTION = '{ __schema { queryType { name } } }';

  it('is on by default', async () => {
    const outcome = await runOperation('http-post', plain, INTROSPECTION, {}, undefined);
    expect(outcome.results[0]?.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('is refused when configured off', async () => {
    const closed = await gatewayWith({ introspection: false });
    const outcome = await runOperation('http-post', closed, INTROSPECTION, {}, undefined);
    expect(new Set(outcomeCodes(outcome))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(outcomeMessages(outcome)[0]).toMatch(/introspection has been disabled.*__schema/);
    expect(outcome.results[0]?.data ?? undefined).toBeUndefined();
  });

  it('is refused over graphql-ws too when configured off', async () => {
    const closed = await gatewayWith({ introspection: false });
    const outcome = await runOperation('graphql-ws', closed, '{ __type(name: "Container") { name } }', {}, undefined);
    expect(outcome.closed).toBeUndefined();
    expect(outcomeCodes(outcome)).toEqual(['BAD_USER_INPUT']);
    expect(outcome.results.map((result) => result.data ?? null)).toEqual([null]);
  });
});

describe('GraphiQL', () => {
  it('is served at GET /graphql to a browser by default', async () => {
    const res = await fetch(plain.url, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(text.toLowerCase()).toContain('graphiql');
  });

  it('is not served when graphiql: false', async () => {
    const bare = await gatewayWith({ graphiql: false });
    const res = await fetch(bare.url, { headers: { accept: 'text/html' } });
    const text = await res.text();
    expect(res.headers.get('content-type') ?? '').not.toContain('text/html');
    expect(text.toLowerCase()).not.toContain('graphiql');
  });
});

/** One raw HTTP/1.1 exchange, for what fetch will not send: a body without Content-Length, a length that lies. */
function rawExchange(port: number, head: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer and close before it read the body: a broken pipe then is expected.
    socket.on('error', (error) => (chunks.length ? undefined : reject(error)));
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0);
      resolve({ status, text });
    });
    socket.write(`${head}\r\n\r\n`);
    socket.end(body);
  });
}

describe('request bodies', () => {
  const port = () => Number(new URL(plain.url).port);

  it('answers a POST without Content-Length with 411', async () => {
    plain.proxy.reset();
    const json = JSON.stringify({ query: '{ engine { version } }' });
    const chunked = `${json.length.toString(16)}\r\n${json}\r\n0\r\n\r\n`;
    const head = [
      'POST /graphql HTTP/1.1',
      `host: 127.0.0.1:${port()}`,
      'content-type: application/json',
      'transfer-encoding: chunked',
      'connection: close',
    ].join('\r\n');
    const answer = await rawExchange(port(), head, chunked);

    expect(answer.status).toBe(411);
    expect(answer.text).toContain('BAD_USER_INPUT');
    expect(plain.proxy.calls).toEqual([]);
  });

  it('answers a POST over 1 MiB with 413', async () => {
    plain.proxy.reset();
    const json = JSON.stringify({ query: `{ engine { version } } # ${'x'.repeat(1024 * 1024)}` });
    const head = [
      'POST /graphql HTTP/1.1',
      `host: 127.0.0.1:${port()}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(json)}`,
      'connection: close',
    ].join('\r\n');
    const answer = await rawExchange(port(), head, json);

    expect(answer.status).toBe(413);
    expect(answer.text).toContain('BAD_USER_INPUT');
    expect(plain.proxy.calls).toEqual([]);
  });
});

describe('startup', () => {
  const WHARF = fileURLToPath(new URL('../bin/wharf.js', import.meta.url));

  interface Spawned {
    child: ChildProcess;
    stdout: () => string;
    stderr: () => string;
    exited: Promise<number | null>;
  }

  /** `bin/wharf.js ...` (the file itself, with its Node flags) in a clean environment: no tokens file, the test engine as DOCKER_HOST. */
  function wharf(args: string[]): Spawned {
    const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', DOCKER_HOST: inject('dockerHost') };
    const child = spawn(WHARF, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    cleanups.push(async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    });
    return { child, stdout: () => out, stderr: () => err, exited };
  }

  /** The port of the printed `Wharf listening on http://HOST:PORT/graphql`. */
  async function listeningPort(spawned: Spawned): Promise<number> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const match = /Wharf listening on http:\/\/\S+?:(\d+)\/graphql/.exec(spawned.stdout());
      if (match) return Number(match[1]);
      if (spawned.child.exitCode !== null) throw new Error(`wharf exited ${spawned.child.exitCode}: ${spawned.stderr()}`);
      if (Date.now() > deadline) throw new Error(`wharf did not say where it listens: ${spawned.stdout()} ${spawned.stderr()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function tokenCreate(
    name: string,
    role: string,
  ): Promise<{ token: string; entry: { name: string; role: string; sha256: string } }> {
    const created = wharf(['token', 'create', '--name', name, '--role', role]);
    expect(await created.exited).toBe(0);
    const token = /^token: (\S+)$/m.exec(created.stdout())?.[1];
    const entryLine = created
      .stdout()
      .split('\n')
      .find((line) => line.startsWith('{'));
    expect(token).toBeDefined();
    expect(entryLine).toBeDefined();
    return { token: token!, entry: JSON.parse(entryLine!) as { name: string; role: string; sha256: string } };
  }

  it('refuses to listen beyond loopback without tokens: exit 2, naming --insecure-no-auth', async () => {
    const refused = wharf(['--host', '0.0.0.0', '--port', '0']);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain('--insecure-no-auth');
    expect(refused.stdout()).not.toContain('Wharf listening');
  });

  it.each([
    [['--engine', 'Edge=unix:///tmp/x.sock'], '--engine Edge=unix:///tmp/x.sock: the name must match'],
    [['--engine', 'a=unix:///tmp/a.sock', '--engine', 'a=unix:///tmp/b.sock'], 'the name "a" is given twice'],
    [['--engine', 'b=tcp://'], '--engine b=tcp://: "tcp://" is not a URL'],
  ])('refuses engine configuration it cannot use: exit 2, naming the entry (%j)', async (args, message) => {
    const refused = wharf([...args, '--port', '0']);
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toContain(message);
    expect(refused.stdout()).not.toContain('Wharf listening');
  });

  it('listens beyond loopback with --insecure-no-auth, warning loudly, and stops on SIGTERM', async () => {
    const open = wharf(['--host', '0.0.0.0', '--port', '0', '--insecure-no-auth']);
    const port = await listeningPort(open);
    expect(open.stderr()).toMatch(/WARNING.*--insecure-no-auth/);

    const outcome = await runOperation(
      'http-post',
      { url: `http://127.0.0.1:${port}/graphql`, wsUrl: '' },
      '{ engine { apiVersion } }',
      {},
      undefined,
    );
    expect(outcomeCodes(outcome)).toEqual([]);

    open.child.kill('SIGTERM');
    expect(await open.exited).toBe(0);
  });

  it('token create prints a token whose sha256 is the printed entry', async () => {
    const { token, entry } = await tokenCreate('ci', 'viewer');
    expect(entry).toEqual({ name: 'ci', role: 'viewer', sha256: createHash('sha256').update(token, 'utf8').digest('hex') });
  });

  it('lets the created token in once its entry is in the --tokens-file, and no one else', async () => {
    const { token, entry } = await tokenCreate('ci', 'viewer');
    const dir = mkdtempSync('/tmp/wharf-tokens.');
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'tokens.json');
    writeFileSync(file, JSON.stringify([entry]));

    const guarded = wharf(['--port', '0', '--tokens-file', file]);
    const port = await listeningPort(guarded);
    const target = { url: `http://127.0.0.1:${port}/graphql`, wsUrl: `ws://127.0.0.1:${port}/graphql` };

    const allowed = await runOperation('http-post', target, '{ engine { apiVersion } }', {}, `Bearer ${token}`);
    expect(allowed.status).toBe(200);
    expect(outcomeCodes(allowed)).toEqual([]);
    const anonymous = await runOperation('http-post', target, '{ engine { apiVersion } }', {}, undefined);
    expect(anonymous.status).toBe(401);
    expect(outcomeCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    guarded.child.kill('SIGTERM');
    expect(await guarded.exited).toBe(0);
  });
});
