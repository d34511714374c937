// Fuzzing the gateway: 10,000 random, mutated and mistyped documents against a real engine; no 5xx, no crash, a contract code on every error.
//
// Safety: most documents go to a token-mode gateway as a viewer, whose mutations are refused before the engine.
// A share goes to a local-mode gateway (every right) through an engine guard (helpers/fuzz.ts) that lets
// changes reach only the fuzz's own containers and refuses creates that would reach the host. Afterwards the
// fuzz removes what it made; other test files run beside it, so containers it did not make are left alone.
// WHARF_FUZZ_SEED=n replays a run (with the same test files); WHARF_FUZZ_SHOW_SLOWEST=n prints timings.
import { createHash, randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { format } from 'node:util';
import { createClient } from 'graphql-ws';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_IMAGE } from '../scripts/engine.js';
import { STRICT_CREATE_POLICY } from '../src/schema/create-policy.js';
import { createToken } from '../src/server/auth/tokens.js';
import { MAX_WS_PAYLOAD } from '../src/server/graphql/ws.js';
import { createTestContainer, rawEngine, removeContainer, type RawEngine } from './helpers/engine-api.js';
import {
  collectTestOperations,
  fuzzSeed,
  loadSchema,
  mutateDocument,
  operationNameOf,
  parseLoose,
  randomPrintable,
  Rng,
  schemaVocabulary,
  startEngineGuard,
  toJsonText,
  toPlain,
  tokenSoup,
  variablesFor,
  wrongValue,
  type EngineGuard,
  type FuzzValue,
  type ValuePools,
} from './helpers/fuzz.js';
import { startGateway, type TestGateway } from './helpers/gateway.js';

const DEFAULT_SEED = 0x57a2f;
const SEED = fuzzSeed(process.env.WHARF_FUZZ_SEED, DEFAULT_SEED);
const TOTAL = 10_000;
/** Of TOTAL, the documents sent in local mode, where every right is granted and mutations reach the engine (through the guard). */
const LOCAL_SHARE = 1_000;
const CONCURRENCY = 8;
const WS_CONCURRENCY = 8;
/** A subscription is completed after its first message or this long. */
const SUBSCRIPTION_WINDOW_MS = 500;
const REQUEST_TIMEOUT_MS = 30_000;

const CODES = new Set([
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'DOCKER_UNAVAILABLE',
  'DOCKER_ERROR',
  'SLOW_CONSUMER',
]);

type FuzzSource = 'token soup' | 'printable' | 'mutated operation' | 'random variables';
type Transport = 'post' | 'get' | 'ws';
type Mode = 'viewer' | 'local';

interface FuzzCase {
  n: number;
  source: FuzzSource;
  transport: Transport;
  mode: Mode;
  query: FuzzValue;
  variables?: FuzzValue | undefined;
  operationName?: FuzzValue | undefined;
  /** Extra body members, POST only. */
  extensions?: FuzzValue | undefined;
  /** Replaces the bearer token in token mode (missing, malformed or unknown credentials). */
  authorization?: string | null;
}

interface Problem {
  kind: string;
  message: string;
}

interface Failure {
  problem: Problem;
  count: number;
  example: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const schema = loadSchema(join(here, '..', 'schema', 'schema.graphql'));
const vocabulary = schemaVocabulary(schema);
// This file's own documents are generated, not written down.
const corpus = collectTestOperations(here, ['fuzz.test.ts']);
const corpusDocs = corpus.map(parseLoose);

const runId = randomBytes(4).toString('hex');
const secret = `s3cr3t-${randomBytes(8).toString('hex')}`;
const viewer = createToken('fuzz-viewer', 'viewer');
const admin = createToken('fuzz-admin', 'admin');

let engine: RawEngine;
let guard: EngineGuard;
let viewerGateway: TestGateway;
let localGateway: TestGateway;
let before: Set<string>;
const fixtureIds: string[] = [];
const pools: Record<Mode, ValuePools> = {
  viewer: { ids: [], names: [], labels: [], images: [] },
  local: { ids: [], names: [], labels: [], images: [] },
};

/** A busy container that logs on both streams and stops at once on SIGTERM (sleep as PID 1 would not). */
const CHATTY = ['sh', '-c', 'trap "exit 0" TERM; i=0; while true; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); sleep 0.3; done'];

async function fixtures(mode: Mode): Promise<void> {
  const labels = { 'wharf.fuzz': runId, 'fuzz.mode': mode };
  const extra = { Env: [`WHARF_FUZZ_SECRET=${secret}`, 'PLAIN=1'], StopTimeout: 1 };
  const made = [
    await createTestContainer(engine, { cmd: CHATTY, name: `wharf-fuzz-${runId}-${mode}-chatty`, labels, extra }),
    await createTestContainer(engine, { cmd: ['sleep', '600'], name: `wharf-fuzz-${runId}-${mode}-created`, labels, extra, start: false }),
    await createTestContainer(engine, { cmd: ['sh', '-c', 'echo bye; exit 3'], name: `wharf-fuzz-${runId}-${mode}-exited`, labels, extra }),
  ];
  for (const { id, name } of made) {
    fixtureIds.push(id);
    pools[mode].ids.push(id, id.slice(0, 12), id.slice(0, 3), name, `/${name}`);
  }
  pools[mode].names.push(
    ...Array.from({ length: 8 }, (_, i) => `wharf-fuzz-${runId}-${mode}-n${i}`),
    `wharf-fuzz-${runId}-${mode}-chatty`,
    'bad name',
    '/slash',
    '',
  );
  pools[mode].labels.push(`wharf.fuzz=${runId}`, 'wharf.fuzz', `fuzz.mode=${mode}`, 'a=b', '', '=', 'x=y=z');
  pools[mode].images.push(TEST_IMAGE, TEST_IMAGE, 'wharf-fuzz-no-such-image:latest', 'UPPER/Case', '', `${TEST_IMAGE}@sha256:abc`);
}

// ---------------------------------------------------------------------------------------------
// Cases: planned up front from the seed, each one's content drawn from its own seed when it runs

function sourceOf(i: number): FuzzSource {
  const slot = i % 10;
  if (slot === 0) return 'token soup';
  if (slot === 1) return 'printable';
  if (slot <= 6) return 'mutated operation';
  return 'random variables';
}

function drawCase(plan: CasePlan): FuzzCase {
  const { n, mode, transport } = plan;
  const rng = new Rng(plan.seed);
  const source = sourceOf(n);
  const pool = pools[mode];
  let query: string;
  let variables: FuzzValue | undefined;
  let operationName: FuzzValue | undefined;
  switch (source) {
    case 'token soup':
      query = tokenSoup(rng, vocabulary);
      if (rng.chance(0.3)) variables = variablesFor(rng, schema, parseLoose(query), pool, 0.3);
      break;
    case 'printable':
      query = randomPrintable(rng, 400);
      break;
    case 'mutated operation': {
      const original = rng.int(corpus.length);
      query = mutateDocument(rng, corpus[original] as string, vocabulary);
      const parsed = parseLoose(query);
      // Mostly typed for the mutated document; sometimes for the original, whose variables may no longer fit.
      variables = variablesFor(rng, schema, rng.chance(0.8) ? parsed : corpusDocs[original], pool, 0.25);
      if (rng.chance(0.5)) operationName = operationNameOf(parsed);
      break;
    }
    default: {
      const original = rng.int(corpus.length);
      query = corpus[original] as string;
      variables = variablesFor(rng, schema, corpusDocs[original], pool, rng.chance(0.7) ? 0 : 0.1);
      if (rng.chance(0.3)) operationName = operationNameOf(corpusDocs[original]);
    }
  }
  const fuzzCase: FuzzCase = { n, source, transport, mode, query, variables, operationName };
  if (transport === 'post' && rng.chance(0.03)) {
    // The envelope itself of the wrong shape.
    switch (rng.int(4)) {
      case 0:
        fuzzCase.variables = wrongValue(rng);
        break;
      case 1:
        fuzzCase.query = wrongValue(rng);
        break;
      case 2:
        fuzzCase.operationName = wrongValue(rng);
        break;
      default:
        fuzzCase.extensions = rng.chance(0.5) ? wrongValue(rng) : { persistedQuery: { version: 1, sha256Hash: 'abc' } };
    }
  }
  if (mode === 'viewer' && transport !== 'ws' && rng.chance(0.01)) {
    fuzzCase.authorization = rng.pick([
      null,
      'Bearer',
      'Bearer wharf_nope',
      'Basic dXNlcjpwYXNz',
      `bearer ${viewer.token}x`,
      `Bearer ${viewer.token} extra`,
    ]);
  }
  return fuzzCase;
}

interface CasePlan {
  n: number;
  seed: number;
  mode: Mode;
  transport: Transport;
}

/**
 * What each case is, drawn up front from the seed; its content is drawn from its own seed when it runs,
 * so that neither concurrency nor memory depends on holding 10,000 documents at once.
 */
function planCases(): CasePlan[] {
  const rng = new Rng(SEED);
  const local = new Set<number>();
  while (local.size < LOCAL_SHARE) local.add(rng.int(TOTAL));
  return Array.from({ length: TOTAL }, (_, n) => {
    const seed = rng.int(4294967296);
    const roll = rng.next();
    const transport: Transport = roll < 0.05 ? 'ws' : roll < 0.15 ? 'get' : 'post';
    return { n, seed, mode: local.has(n) ? 'local' : 'viewer', transport };
  });
}

// ---------------------------------------------------------------------------------------------
// Checks

function describeCase(c: FuzzCase): string {
  const show = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  const query = typeof c.query === 'string' ? c.query : toJsonText(c.query);
  const lines = [`#${c.n} ${c.source}, ${c.mode}, ${c.transport} (seed ${SEED})`, `  query: ${show(JSON.stringify(query), 700)}`];
  if (c.variables !== undefined) lines.push(`  variables: ${show(toJsonText(c.variables), 400)}`);
  if (c.operationName !== undefined) lines.push(`  operationName: ${show(toJsonText(c.operationName), 100)}`);
  if (c.extensions !== undefined) lines.push(`  extensions: ${show(toJsonText(c.extensions), 200)}`);
  if (c.authorization !== undefined) lines.push(`  authorization: ${JSON.stringify(c.authorization)}`);
  return lines.join('\n');
}

const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\n\s+at \S/],
  ['stack trace', /\bat [\w$.<>]+ \((?:file:|node:|\/)/],
  ['internal path', /\/work\//],
  ['internal path', /node_modules/],
  ['internal path', /\.ts:\d/],
];

/** Every error in a result: a known code, nothing internal, no unredacted secret for a viewer. */
function checkErrors(errors: unknown, c: FuzzCase, problems: Problem[]): void {
  if (errors === undefined) return;
  if (!Array.isArray(errors)) {
    problems.push({ kind: 'errors is not a list', message: JSON.stringify(errors).slice(0, 200) });
    return;
  }
  // What was sent, computed only when a pattern matches: a leak is what the request did not already contain.
  let sentText: string | undefined;
  const sent = () => (sentText ??= `${typeof c.query === 'string' ? c.query : toJsonText(c.query)}${toJsonText(c.variables)}`);
  for (const error of errors as unknown[]) {
    const record = (error ?? {}) as { message?: unknown; extensions?: Record<string, unknown>; path?: unknown };
    const message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message);
    const code = record.extensions?.code;
    if (code === 'INTERNAL_SERVER_ERROR') {
      problems.push({ kind: 'INTERNAL_SERVER_ERROR', message: `${message} at ${JSON.stringify(record.path ?? null)}` });
    } else if (typeof code !== 'string' || !CODES.has(code)) {
      problems.push({ kind: `error without a contract code (${JSON.stringify(code)})`, message });
    }
    for (const key of ['stack', 'stacktrace', 'originalError', 'exception']) {
      if (record.extensions && key in record.extensions) problems.push({ kind: `extensions.${key} leaked`, message });
    }
    const text = JSON.stringify(error);
    for (const [what, pattern] of LEAKS) {
      if (pattern.test(text) && !pattern.test(sent())) problems.push({ kind: `${what} leaked`, message: text.slice(0, 400) });
    }
  }
}

/** Error codes seen, by mode, and results with data and no errors: how far the fuzz got. */
const seen = { codes: new Map<string, number>(), clean: { viewer: 0, local: 0 }, redacted: 0 };

function checkBody(text: string, c: FuzzCase, problems: Problem[], status?: number): void {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push({ kind: `body is not JSON${status !== undefined ? ` (HTTP ${status})` : ''}`, message: text.slice(0, 200) });
    return;
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    problems.push({ kind: 'body is not a JSON object', message: text.slice(0, 200) });
    return;
  }
  const result = body as { data?: unknown; errors?: unknown };
  if (!('data' in result) && !('errors' in result))
    problems.push({ kind: 'result with neither data nor errors', message: text.slice(0, 200) });
  checkErrors(result.errors, c, problems);
  if (Array.isArray(result.errors)) {
    for (const error of result.errors as Array<{ extensions?: { code?: unknown } }>) {
      const code = `${c.mode} ${String(error?.extensions?.code)}`;
      seen.codes.set(code, (seen.codes.get(code) ?? 0) + 1);
    }
  } else if (result.data) seen.clean[c.mode]++;
  if (c.mode === 'viewer' && text.includes('WHARF_FUZZ_SECRET=***')) seen.redacted++;
  if (c.mode === 'viewer' && text.includes(secret))
    problems.push({ kind: 'a viewer saw an unredacted environment value', message: text.slice(0, 200) });
}

// ---------------------------------------------------------------------------------------------
// Transports

function gatewayOf(c: FuzzCase): TestGateway {
  return c.mode === 'viewer' ? viewerGateway : localGateway;
}

function authHeaders(c: FuzzCase): Record<string, string> {
  if (c.authorization === null) return {};
  if (c.authorization !== undefined) return { authorization: c.authorization };
  return { authorization: `Bearer ${c.mode === 'viewer' ? viewer.token : admin.token}` };
}

/** Keep-alive connections for the fuzz's HTTP requests; node:http costs a fraction of fetch per request. */
const httpAgent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY * 2 });

function httpRequest(
  url: string,
  method: string,
  headers: Record<string, string>,
  body?: string,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : Buffer.from(body);
    const req = request(
      url,
      {
        method,
        agent: httpAgent,
        headers: payload ? { ...headers, 'content-length': String(payload.length) } : headers,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

async function sendHttp(c: FuzzCase, problems: Problem[]): Promise<void> {
  const gateway = gatewayOf(c);
  const headers: Record<string, string> = { accept: 'application/graphql-response+json, application/json', ...authHeaders(c) };
  const getUrl =
    c.transport === 'get' && typeof c.query === 'string'
      ? `${gateway.url}?${new URLSearchParams({
          query: c.query,
          ...(c.variables !== undefined ? { variables: toJsonText(c.variables) } : {}),
          ...(typeof c.operationName === 'string' ? { operationName: c.operationName } : {}),
        }).toString()}`
      : undefined;
  let answer: { status: number; text: string };
  try {
    // Node refuses request lines over 16 kB before the gateway sees them: long documents go by POST.
    if (getUrl && getUrl.length < 8_000) {
      answer = await httpRequest(getUrl, 'GET', { ...headers, 'x-wharf-csrf': '1' });
    } else {
      const members = [`"query":${toJsonText(c.query)}`];
      if (c.variables !== undefined) members.push(`"variables":${toJsonText(c.variables)}`);
      if (c.operationName !== undefined) members.push(`"operationName":${toJsonText(c.operationName)}`);
      if (c.extensions !== undefined) members.push(`"extensions":${toJsonText(c.extensions)}`);
      answer = await httpRequest(gateway.url, 'POST', { ...headers, 'content-type': 'application/json' }, `{${members.join(',')}}`);
    }
  } catch (error) {
    problems.push({ kind: 'no answer', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    return;
  }
  if (answer.status >= 500) problems.push({ kind: `HTTP ${answer.status}`, message: answer.text.slice(0, 300) });
  checkBody(answer.text, c, problems, answer.status);
}

interface CloseLike {
  code: number;
  reason: string;
}

function isCloseLike(value: unknown): value is CloseLike {
  return !!value && typeof value === 'object' && typeof (value as { code?: unknown }).code === 'number' && 'reason' in value;
}

async function sendWs(c: FuzzCase, problems: Problem[]): Promise<void> {
  const gateway = gatewayOf(c);
  const client = createClient({
    url: gateway.wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...(c.mode === 'viewer' ? { connectionParams: { authorization: `Bearer ${viewer.token}` } } : {}),
  });
  const variables = toPlain(c.variables);
  let payload = {
    query: typeof c.query === 'string' ? c.query : toJsonText(c.query),
    ...(variables && typeof variables === 'object' && !Array.isArray(variables) ? { variables: variables as Record<string, unknown> } : {}),
    ...(typeof c.operationName === 'string' ? { operationName: c.operationName } : {}),
  };
  let size: number;
  try {
    size = Buffer.byteLength(JSON.stringify(payload));
  } catch {
    // Nesting too deep for the client's own JSON.stringify: the server never sees it, so send the document alone.
    payload = { query: payload.query };
    size = Buffer.byteLength(JSON.stringify(payload));
  }
  try {
    await new Promise<void>((resolve) => {
      let settled = false;
      let unsubscribe: () => void = () => undefined;
      const finish = () => {
        if (settled) return;
        settled = true;
        clearTimeout(windowTimer);
        clearTimeout(hard);
        unsubscribe();
        resolve();
      };
      const windowTimer = setTimeout(finish, SUBSCRIPTION_WINDOW_MS);
      const hard = setTimeout(() => {
        problems.push({ kind: 'no answer', message: `graphql-ws operation open after ${REQUEST_TIMEOUT_MS} ms` });
        finish();
      }, REQUEST_TIMEOUT_MS);
      unsubscribe = client.subscribe(payload, {
        next: (result) => {
          checkBody(JSON.stringify(result), c, problems);
          finish();
        },
        error: (error: unknown) => {
          if (Array.isArray(error)) checkErrors(error, c, problems);
          // 1009: a message over the server's maxPayload, which is the documented answer to one.
          else if (isCloseLike(error) && error.code === 1009 && size > MAX_WS_PAYLOAD) return finish();
          else if (isCloseLike(error)) problems.push({ kind: `WebSocket closed ${error.code}`, message: error.reason });
          else problems.push({ kind: 'WebSocket error', message: error instanceof Error ? error.message : String(error) });
          finish();
        },
        complete: finish,
      });
    });
  } finally {
    await client.dispose();
  }
}

// ---------------------------------------------------------------------------------------------
// Raw HTTP: bodies and framing no client library would send

interface RawCase {
  name: string;
  request: string | Buffer;
  /** Half-close after writing (the body never completes). */
  endEarly?: boolean;
  /** Not a GraphQL request: any answer under 500 will do. */
  notGraphQL?: boolean;
}

function rawRequests(port: number): RawCase[] {
  const auth = `Authorization: Bearer ${viewer.token}\r\n`;
  const post = (body: string | Buffer, contentType: string | undefined, extraHeaders = '', length?: string): Buffer => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const head =
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nAccept: application/json\r\n` +
      `${contentType !== undefined ? `Content-Type: ${contentType}\r\n` : ''}Content-Length: ${length ?? bytes.length}\r\n${extraHeaders}\r\n`;
    return Buffer.concat([Buffer.from(head), bytes]);
  };
  const get = (path: string, headers = 'x-wharf-csrf: 1\r\n') =>
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}${headers}Connection: close\r\nAccept: application/json\r\n\r\n`;
  const ok = '{"query":"{ engine { version } }"}';
  const deepJson = `{"query":"query($a: JSON) { __typename }","variables":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
  return [
    { name: 'invalid JSON', request: post('{"query": "{ engine { version } }"', 'application/json') },
    { name: 'JSON array (batching is off)', request: post(`[${ok},${ok}]`, 'application/json') },
    { name: 'JSON string', request: post('"{ engine { version } }"', 'application/json') },
    { name: 'JSON number', request: post('123', 'application/json') },
    { name: 'JSON null', request: post('null', 'application/json') },
    { name: 'query: number', request: post('{"query":1}', 'application/json') },
    { name: 'variables: string', request: post('{"query":"{ __typename }","variables":"x"}', 'application/json') },
    { name: 'variables: array', request: post('{"query":"{ __typename }","variables":[1]}', 'application/json') },
    { name: 'operationName: object', request: post('{"query":"{ __typename }","operationName":{}}', 'application/json') },
    { name: 'extensions: string', request: post('{"query":"{ __typename }","extensions":"x"}', 'application/json') },
    { name: 'duplicate keys', request: post('{"query":"{ __typename }","query":"{ engine { version } }"}', 'application/json') },
    { name: 'BOM before JSON', request: post(`\ufeff${ok}`, 'application/json') },
    { name: 'binary body as JSON', request: post(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81, 0xc3, 0x28]), 'application/json') },
    { name: 'deeply nested JSON variables', request: post(deepJson, 'application/json') },
    { name: 'text/plain', request: post(ok, 'text/plain') },
    { name: 'application/graphql', request: post('{ engine { version } }', 'application/graphql') },
    { name: 'form-urlencoded', request: post('query=%7B%20engine%20%7B%20version%20%7D%20%7D', 'application/x-www-form-urlencoded') },
    { name: 'form-urlencoded garbage', request: post('%%%=&&=%zz', 'application/x-www-form-urlencoded') },
    { name: 'multipart without boundary', request: post('--x\r\n\r\n', 'multipart/form-data') },
    {
      name: 'multipart with a bad body',
      request: post('--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{bad\r\n--x--\r\n', 'multipart/form-data; boundary=x'),
    },
    { name: 'application/xml', request: post('<query/>', 'application/xml') },
    { name: 'no content type', request: post(ok, undefined) },
    { name: 'JSON in UTF-16', request: post(Buffer.from(ok, 'utf16le'), 'application/json; charset=utf-16le') },
    { name: 'JSON with an unknown charset', request: post(ok, 'application/json; charset=klingon') },
    { name: 'empty body', request: post('', 'application/json') },
    {
      name: 'accept only XML',
      request: post(ok, 'application/json').toString().replace('Accept: application/json', 'Accept: application/xml'),
    },
    { name: 'Content-Length far beyond the limit', request: post(ok, 'application/json', '', '999999999') },
    {
      name: 'Content-Length larger than the body, body never completed',
      request: post(ok, 'application/json', '', '5000'),
      endEarly: true,
    },
    { name: 'Content-Length shorter than the body', request: post(`${ok}${ok}`, 'application/json', '', String(ok.length - 5)) },
    {
      name: 'chunked without Content-Length',
      request: `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${ok.length.toString(16)}\r\n${ok}\r\n0\r\n\r\n`,
    },
    {
      name: 'PUT',
      request: `PUT /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nContent-Type: application/json\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`,
    },
    { name: 'DELETE', request: `DELETE /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\n\r\n` },
    { name: 'GET without a query', request: get('/graphql') },
    { name: 'GET with a mutation', request: get(`/graphql?query=${encodeURIComponent('mutation { startContainer(id: "x") { id } }')}`) },
    {
      name: 'GET with bad variables',
      request: get(`/graphql?query=${encodeURIComponent('query($id: String!) { container(id: $id) { id } }')}&variables=%7Bnope`),
    },
    {
      name: 'GET with repeated parameters',
      request: get(`/graphql?query=${encodeURIComponent('{ __typename }')}&query=${encodeURIComponent('{ engine { version } }')}`),
    },
    { name: 'GET with bad percent-encoding', request: get('/graphql?query=%E0%A4%A') },
    { name: 'GET without the CSRF header', request: get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, '') },
    { name: 'unknown path', request: get('/nope'), notGraphQL: true },
    { name: 'export of a bad percent-encoding (viewer)', request: get('/containers/%E0%A4%A/export') },
    {
      name: 'no credentials',
      request: `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`,
    },
  ];
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are and reads the first response; undefined when the server closes without one. */
function sendRaw(port: number, raw: RawCase): Promise<RawAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to "${raw.name}" in 5 s`));
    }, 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRawResponse(Buffer.concat(chunks)));
    });
    socket.write(raw.request, () => {
      if (raw.endEarly) socket.end();
    });
  });
}

function parseRawResponse(data: Buffer): RawAnswer | undefined {
  const text = data.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    let rest = body;
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol < 0) break;
      const size = parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  } else if (headers['content-length'] !== undefined) {
    body = Buffer.from(body).subarray(0, Number(headers['content-length'])).toString('utf8');
  }
  // Only the first response: bytes past a short Content-Length make a second, garbage request.
  return { status, headers, body };
}

// ---------------------------------------------------------------------------------------------

describe('fuzzing the gateway', () => {
  const processErrors: string[] = [];
  let clientCloseRejections = 0;
  const onUnhandledRejection = (reason: unknown) => {
    // The graphql-ws client rejects a promise nobody awaits when it is disposed while its socket closes normally;
    // that CloseEvent belongs to the client's WebSocket (ws marks it _isServer: false), not to the gateway.
    const target = isCloseLike(reason) ? (reason as { target?: { _isServer?: unknown } }).target : undefined;
    if (isCloseLike(reason) && reason.code === 1000 && target?._isServer === false) {
      clientCloseRejections++;
      return;
    }
    processErrors.push(`unhandledRejection: ${format(reason)}`);
  };
  const onUncaughtException = (error: unknown) => processErrors.push(`uncaughtException: ${format(error)}`);

  beforeAll(async () => {
    engine = rawEngine(inject('dockerSocket'));
    const listed = await engine.json<Array<{ Id: string }>>('GET', '/containers/json?all=1');
    before = new Set(listed.map((c) => c.Id));
    await fixtures('viewer');
    await fixtures('local');
    const labels = { 'wharf.test': '1', 'wharf.fuzz': runId };
    // Only the local fixtures are the fuzz's to change; the viewer's stay as they are for the whole run.
    guard = await startEngineGuard(inject('dockerSocket'), labels, fixtureIds.slice(3));
    viewerGateway = await startGateway(guard.dockerHost, {
      access: { mode: 'token', tokens: [viewer.entry, admin.entry], createPolicy: STRICT_CREATE_POLICY },
    });
    localGateway = await startGateway(guard.dockerHost);
    process.on('unhandledRejection', onUnhandledRejection);
    process.on('uncaughtException', onUncaughtException);
  });

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandledRejection);
    process.off('uncaughtException', onUncaughtException);
    httpAgent.destroy();
    await viewerGateway?.close();
    await localGateway?.close();
    await guard?.close();
    if (engine) {
      // Ours: the fixtures, what the fuzz created, and anything labelled with this run.
      const filters = encodeURIComponent(JSON.stringify({ label: [`wharf.fuzz=${runId}`] }));
      const labelled = await engine.json<Array<{ Id: string }>>('GET', `/containers/json?all=1&filters=${filters}`);
      const ours = new Set([...fixtureIds, ...(guard?.created ?? []), ...labelled.map((c) => c.Id)]);
      await Promise.all([...ours].map((id) => removeContainer(engine, id)));
      // Other test files run beside this one and create containers of their own: those are reported, never removed.
      const after = await engine.json<Array<{ Id: string; Names: string[] }>>('GET', '/containers/json?all=1');
      const strangers = after.filter((c) => !before.has(c.Id) && !ours.has(c.Id));
      if (strangers.length)
        console.log(
          `fuzz: ${strangers.length} containers appeared during the run that the fuzz did not create (left alone): ${strangers.map((c) => c.Names[0]).join(', ')}`,
        );
      await engine.close();
    }
  });

  it(`answers ${TOTAL} fuzzed documents with no 5xx, no crash and a contract code on every error`, { timeout: 180_000 }, async () => {
    // The corpus is read from the other test files: the same seed replays the same run while they are unchanged.
    const corpusHash = createHash('sha256').update(corpus.join('\0')).digest('hex').slice(0, 12);
    console.log(
      `fuzz: seed ${SEED} (0x${SEED.toString(16)}); reproduce with WHARF_FUZZ_SEED=${SEED}; corpus of ${corpus.length} test operations (sha256 ${corpusHash})`,
    );
    const plans = planCases();
    let drawMs = 0;
    const failures = new Map<string, Failure>();
    const record = (c: FuzzCase | undefined, problem: Problem, example?: string) => {
      const normalized = problem.message
        .replace(/"[^"]*"/g, '"…"')
        .replace(/\d+/g, 'N')
        .slice(0, 300);
      const key = `${problem.kind}|${normalized}`;
      const found = failures.get(key);
      if (found) found.count++;
      else failures.set(key, { problem, count: 1, example: example ?? (c ? describeCase(c) : '') });
    };

    // What the gateway logs as unexpected, to name the cause of an INTERNAL_SERVER_ERROR.
    const serverLogs = new Map<string, number>();
    let capture: string[] | undefined;
    const originalConsoleError = console.error;
    console.error = (...args: unknown[]) => {
      const line = format(...args);
      serverLogs.set(line.slice(0, 600), (serverLogs.get(line.slice(0, 600)) ?? 0) + 1);
      capture?.push(line);
    };
    /** Cases answered with INTERNAL_SERVER_ERROR, replayed one at a time after the run to learn what the gateway logged. */
    const internals: Array<[FuzzCase, Problem]> = [];

    const started = Date.now();
    const cpuStarted = process.cpuUsage();
    const loopDelay = monitorEventLoopDelay({ resolution: 20 });
    loopDelay.enable();
    const bySource = new Map<string, number>();
    const byTransport = new Map<string, number>();
    const showSlowest = Number(process.env.WHARF_FUZZ_SHOW_SLOWEST ?? 0);
    const slowest: Array<[number, string]> = [];
    const timeBySource = new Map<string, number>();
    try {
      const http = pLimit(CONCURRENCY);
      const ws = pLimit(WS_CONCURRENCY);
      await Promise.all(
        plans.map((plan) =>
          (plan.transport === 'ws' ? ws : http)(async () => {
            const drawStarted = Date.now();
            const c = drawCase(plan);
            drawMs += Date.now() - drawStarted;
            bySource.set(c.source, (bySource.get(c.source) ?? 0) + 1);
            byTransport.set(`${c.mode}/${c.transport}`, (byTransport.get(`${c.mode}/${c.transport}`) ?? 0) + 1);
            const problems: Problem[] = [];
            const t0 = Date.now();
            try {
              if (c.transport === 'ws') await sendWs(c, problems);
              else await sendHttp(c, problems);
            } catch (error) {
              problems.push({ kind: 'client threw', message: error instanceof Error ? error.message : String(error) });
            }
            for (const problem of problems) {
              if (problem.kind === 'INTERNAL_SERVER_ERROR') internals.push([c, problem]);
              else record(c, problem);
            }
            const ms = Date.now() - t0;
            timeBySource.set(`${c.source}/${c.transport}`, (timeBySource.get(`${c.source}/${c.transport}`) ?? 0) + ms);
            if (showSlowest && (slowest.length < showSlowest || ms > (slowest[slowest.length - 1]?.[0] ?? 0))) {
              slowest.push([ms, describeCase(c)]);
              slowest.sort((a, b) => b[0] - a[0]).splice(showSlowest);
            }
          }),
        ),
      );

      // The masked message says nothing: the cause the gateway logs, one case at a time, tells the bugs apart.
      for (const [c, problem] of internals) {
        capture = [];
        const replayed: Problem[] = [];
        await (c.transport === 'ws' ? sendWs(c, replayed) : sendHttp(c, replayed)).catch(() => undefined);
        const logged = capture.find((line) => /\w*(Error|Exception)\b/.test(line)) ?? capture[0];
        capture = undefined;
        const cause = !replayed.some((p) => p.kind === 'INTERNAL_SERVER_ERROR')
          ? 'nothing: the case did not fail when replayed alone'
          : logged
            ? (/^.*?\w*(?:Error|Exception)\b.*$/m.exec(logged)?.[0] ?? logged.split('\n')[0] ?? '')
            : 'nothing';
        record(c, { kind: `INTERNAL_SERVER_ERROR (the gateway logged: ${cause.slice(0, 200)})`, message: problem.message });
      }

      for (const raw of rawRequests(Number(new URL(viewerGateway.origin).port))) {
        const port = Number(new URL(viewerGateway.origin).port);
        const answer = await sendRaw(port, raw).catch((error: unknown) => error as Error);
        const shown = raw.request.toString().replaceAll(viewer.token, '<viewer token>').slice(0, 300);
        const example = `raw HTTP: ${raw.name}\n  ${JSON.stringify(shown)}`;
        if (answer instanceof Error) {
          record(undefined, { kind: 'raw HTTP: no answer', message: answer.message }, example);
          continue;
        }
        // A body that never completes may be dropped without an answer; anything else needs one.
        if (!answer) {
          if (!raw.endEarly) record(undefined, { kind: 'raw HTTP: connection closed without a response', message: raw.name }, example);
          continue;
        }
        const problems: Problem[] = [];
        if (answer.status >= 500) problems.push({ kind: `raw HTTP ${answer.status}`, message: answer.body.slice(0, 300) });
        if (!raw.notGraphQL)
          checkBody(
            answer.body,
            { n: -1, source: 'printable', transport: 'post', mode: 'viewer', query: raw.request.toString() },
            problems,
            answer.status,
          );
        for (const problem of problems) record(undefined, { kind: `raw HTTP: ${problem.kind}`, message: problem.message }, example);
      }

      // Still up and still right after all that.
      for (const gateway of [viewerGateway, localGateway]) {
        const health = await fetch(`${gateway.origin}/healthz`);
        if (health.status !== 200) record(undefined, { kind: 'gateway unhealthy after the run', message: String(health.status) });
        const res = await fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
          body: JSON.stringify({ query: '{ engine { version } }' }),
        });
        const body = (await res.json()) as { data?: { engine?: { version?: string } } };
        if (!body.data?.engine?.version)
          record(undefined, { kind: 'gateway does not answer a plain query after the run', message: JSON.stringify(body) });
      }
    } finally {
      console.error = originalConsoleError;
    }
    for (const line of processErrors) record(undefined, { kind: 'process error', message: line });

    loopDelay.disable();
    const cpu = process.cpuUsage(cpuStarted);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `fuzz: ${TOTAL} documents in ${seconds} s (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, longest event-loop stall ${(loopDelay.max / 1e6).toFixed(0)} ms); by source ${JSON.stringify(Object.fromEntries(bySource))}; ` +
        `by mode/transport ${JSON.stringify(Object.fromEntries(byTransport))}; guard answered itself: ${JSON.stringify(Object.fromEntries(guard.refused))}; ` +
        `created through the guard: ${guard.created.size}; graphql-ws client close rejections ignored: ${clientCloseRejections}`,
    );
    console.log(
      `fuzz: results with data and no errors: ${JSON.stringify(seen.clean)}; viewer results showing the redacted fixture env: ${seen.redacted}; error codes: ${JSON.stringify(Object.fromEntries([...seen.codes].sort()))}`,
    );
    if (showSlowest) {
      console.log(`fuzz: drawing cases took ${drawMs} ms; ms by source/transport ${JSON.stringify(Object.fromEntries(timeBySource))}`);
      for (const [ms, described] of slowest) console.log(`fuzz: slow ${ms} ms\n${described}`);
    }

    const report = [...failures.values()]
      .sort((a, b) => b.count - a.count)
      .map((f) => `[${f.problem.kind}] ×${f.count}: ${f.problem.message.slice(0, 500)}\n${f.example}`);
    const logs = [...serverLogs.entries()].map(([line, count]) => `  ×${count} ${line}`);
    expect(
      failures.size,
      `seed ${SEED}: ${failures.size} distinct failures\n\n${report.join('\n\n')}${logs.length ? `\n\nThe gateway logged (first 600 chars each):\n${logs.slice(0, 20).join('\n')}` : ''}`,
    ).toBe(0);
  });
});
