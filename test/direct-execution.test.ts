// Known queries and mutations POSTed as JSON are answered without Yoga's HTTP layer; every answer (status, headers, body) equals Yoga's own.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { issueTokens } from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer } from './helpers/engine-api.js';
import { startGateway, type TestGateway } from './helpers/gateway.js';

const tokens = issueTokens('direct');
const engine = rawEngine(inject('dockerSocket'));
/** The default gateway, and one with the direct path turned off: Yoga answers everything there. */
let direct: TestGateway;
let plain: TestGateway;
let running: { id: string; name: string };
let created: { id: string; name: string };

beforeAll(async () => {
  [direct, plain, running, created] = await Promise.all([
    startGateway(inject('dockerHost'), { tokens: Object.values(tokens), warm: true }),
    startGateway(inject('dockerHost'), { tokens: Object.values(tokens), warm: true, directExecution: false }),
    createTestContainer(engine, { cmd: ['sleep', '3600'], labels: { 'wharf.direct': 'running' }, extra: { Env: ['MODE=direct'] } }),
    createTestContainer(engine, { cmd: ['true'], start: false, labels: { 'wharf.direct': 'created' } }),
  ]);
});

afterAll(async () => {
  await Promise.all([direct?.close(), plain?.close()]);
  await Promise.all([running, created].filter(Boolean).map((c) => removeContainer(engine, c.id)));
  await engine.close();
});

interface Answer {
  status: number;
  contentType: string | null;
  contentLength: string | null;
  body: string;
}

interface Request {
  /** The JSON body, as sent. */
  body: string;
  headers?: Record<string, string>;
  /** Whose token; admin by default. */
  role?: keyof typeof tokens;
}

const JSON_HEADERS = { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' };

async function post(gateway: TestGateway, request: Request): Promise<Answer> {
  const res = await fetch(gateway.url, {
    method: 'POST',
    headers: { ...JSON_HEADERS, authorization: `Bearer ${tokens[request.role ?? 'admin'].token}`, ...request.headers },
    body: request.body,
  });
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    contentLength: res.headers.get('content-length'),
    body: await res.text(),
  };
}

async function directAnswers(): Promise<number> {
  const res = await fetch(`${direct.origin}/metrics`, { headers: { authorization: `Bearer ${tokens.admin.token}` } });
  const line = (await res.text()).split('\n').find((l) => l.startsWith('wharf_graphql_direct_operations_total '));
  return Number(line?.split(' ')[1]);
}

const body = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });

/**
 * The request's answer from the plain gateway, and from the default one twice: first through Yoga
 * (which makes the document known), then, if `direct`, on the direct path. All three must be equal.
 */
async function expectSameAnswers(request: Request, expected: { direct: boolean }): Promise<Answer> {
  const fromYoga = await post(plain, request);
  const first = await post(direct, request);
  const before = await directAnswers();
  const second = await post(direct, request);
  expect(await directAnswers()).toBe(before + (expected.direct ? 1 : 0));
  expect(first).toEqual(fromYoga);
  expect(second).toEqual(fromYoga);
  return fromYoga;
}

const INSPECT = `query Inspect($id: String!) {
  container(id: $id) {
    __typename id name
    inspect {
      path args restartCount
      state { status running pid startedAt exitCode }
      config { image cmd env labels { key value } }
      hostConfig { memory networkMode }
      mounts { destination }
    }
  }
}`;

describe('queries the gateway has seen are answered directly, exactly as Yoga answers them', () => {
  it('a list of containers', async () => {
    const answer = await expectSameAnswers(
      { body: body('{ containers(all: true) { id name state image labels { key value } } }') },
      { direct: true },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toContain(running.id);
  });

  it('an inspect with variables, then the same document with other variables', async () => {
    const first = await expectSameAnswers({ body: body(INSPECT, { variables: { id: running.id } }) }, { direct: true });
    expect(first.body).toContain('MODE=direct');
    const second = await expectSameAnswers({ body: body(INSPECT, { variables: { id: created.name } }) }, { direct: true });
    expect(second.body).toContain(created.id);
  });

  it('the operation named among several in one document', async () => {
    const document = `query A($id: String!) { container(id: $id) { id } }
      query B($id: String!) { container(id: $id) { name state } }`;
    const answer = await expectSameAnswers(
      { body: body(document, { operationName: 'B', variables: { id: running.id } }) },
      { direct: true },
    );
    expect(answer.body).toContain(running.name);
  });

  it('aliases, fragments and directives that only include or skip', async () => {
    const document = `query F($id: String!, $more: Boolean!) {
      a: container(id: $id) { ...Names }
      b: container(id: $id) { id @include(if: $more) state @skip(if: $more) }
    }
    fragment Names on Container { __typename id name }`;
    await expectSameAnswers({ body: body(document, { variables: { id: running.id, more: true } }) }, { direct: true });
  });

  it('a container that does not exist: null', async () => {
    const answer = await expectSameAnswers({ body: body('{ container(id: "wharf-direct-missing") { id } }') }, { direct: true });
    expect(JSON.parse(answer.body)).toEqual({ data: { container: null } });
  });

  it("a resolver's refusal: BAD_USER_INPUT", async () => {
    const answer = await expectSameAnswers({ body: body('{ containers(limit: -1) { id } }') }, { direct: true });
    expect(answer.body).toContain('BAD_USER_INPUT');
  });

  it("a variable that does not coerce, and one that is missing: the contract's code", async () => {
    const wrong = await expectSameAnswers({ body: body(INSPECT, { variables: { id: 5 } }) }, { direct: true });
    expect(wrong.body).toContain('BAD_USER_INPUT');
    const missing = await expectSameAnswers({ body: body(INSPECT, { variables: {} }) }, { direct: true });
    expect(missing.body).toContain('BAD_USER_INPUT');
  });

  it('a mutation on a missing container: NOT_FOUND', async () => {
    const answer = await expectSameAnswers(
      { body: body('mutation { stopContainer(id: "wharf-direct-missing") { id } }') },
      { direct: true },
    );
    expect(answer.body).toContain('NOT_FOUND');
  });

  it('a mutation that succeeds, and audits each time', async () => {
    const audited = direct.audit.length;
    const answer = await expectSameAnswers(
      { body: body(`mutation { startContainer(id: "${running.id}") { id state } }`) },
      { direct: true },
    );
    expect(JSON.parse(answer.body)).toEqual({ data: { startContainer: { id: running.id, state: 'RUNNING' } } });
    expect(direct.audit.slice(audited).map((record) => record.outcome)).toEqual(['ok', 'ok']);
  });

  it("a viewer's mutation: FORBIDDEN", async () => {
    const answer = await expectSameAnswers(
      { body: body(`mutation { stopContainer(id: "${running.id}") { id } }`), role: 'viewer' },
      { direct: true },
    );
    expect(answer.body).toContain('FORBIDDEN');
  });

  it.each([
    ['application/json', 'application/json; charset=utf-8'],
    ['*/*', 'application/json; charset=utf-8'],
    ['application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
    ['application/json, application/graphql-response+json', 'application/json; charset=utf-8'],
    ['text/html, application/graphql-response+json', 'application/graphql-response+json; charset=utf-8'],
  ])('Accept: %s, answered as %s', async (accept, contentType) => {
    const answer = await expectSameAnswers({ body: body('{ engine { name } }'), headers: { accept } }, { direct: true });
    expect(answer.contentType).toBe(contentType);
  });

  it('a body sent as application/json; charset=utf-8', async () => {
    await expectSameAnswers(
      { body: body('{ engines { name } }'), headers: { 'content-type': 'application/json; charset=utf-8' } },
      { direct: true },
    );
  });
});

describe('everything else goes to Yoga, with its body', () => {
  it('a body that is not JSON', async () => {
    const answer = await expectSameAnswers({ body: '{"query": "{ engines { name } }"' }, { direct: false });
    expect(answer.status).toBe(400);
  });

  it('a parameter Yoga does not know', async () => {
    const answer = await expectSameAnswers({ body: body('{ engines { name } }', { unexpected: 1 }) }, { direct: false });
    expect(answer.status).toBe(400);
  });

  it('a document that does not validate', async () => {
    const answer = await expectSameAnswers({ body: body('{ containers { nonsense } }') }, { direct: false });
    expect(answer.body).toContain('BAD_USER_INPUT');
  });

  it('an operation name the document does not have', async () => {
    await expectSameAnswers({ body: body('query A { engines { name } }', { operationName: 'B' }) }, { direct: false });
  });

  it('a document with @defer', async () => {
    const answer = await expectSameAnswers(
      { body: body(`{ container(id: "${running.id}") { id ... @defer { name } } }`), headers: { accept: 'multipart/mixed' } },
      { direct: false },
    );
    expect(answer.contentType).toContain('multipart/mixed');
  });

  it('an Accept that asks for an event stream', async () => {
    const answer = await expectSameAnswers(
      { body: body('{ engines { name } }'), headers: { accept: 'text/event-stream' } },
      { direct: false },
    );
    expect(answer.contentType).toContain('text/event-stream');
  });

  it('a subscription', async () => {
    await expectSameAnswers({ body: body('subscription { events { type } }') }, { direct: false });
  });
});
