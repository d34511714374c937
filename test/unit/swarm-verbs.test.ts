// The swarm verbs and system info/df on a mock engine: what each sends, how its failures map, and how a service's log lines are read.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DockerClient } from '../../src/docker/client.js';
import { ConflictError, EngineFailure, NotFoundError } from '../../src/docker/errors.js';
import { eachItem } from '../../src/docker/line-batches.js';
import { serviceLogParser, type ServiceLogRecord } from '../../src/docker/swarm.js';
import type { ServiceSpecWire } from '../../src/docker/types.js';
import { API, consumed, mockEngine, type MockEngine } from './helpers/mock-engine.js';
import { release } from './helpers/verbs.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

const V = `/v${API}`;
const SPEC: ServiceSpecWire = {
  Name: 'web',
  TaskTemplate: { ContainerSpec: { Image: 'busybox:latest', Args: ['sleep', '60'], StopGracePeriod: 1_000_000_000 } },
  Mode: { Replicated: { Replicas: 2 } },
};
/** An id that needs every kind of encoding. */
const ODD = 'web 1/ü?#%';
const ODD_ENCODED = 'web%201%2F%C3%BC%3F%23%25';

interface SwarmVerb {
  name: string;
  call: (c: DockerClient) => Promise<unknown>;
  method: string;
  pathname: string;
  query: Record<string, string>;
  json?: unknown;
  ok: { status: number; body: string };
  /** Whether the verb names one object, so a 404 is NOT_FOUND. */
  names: boolean;
}

const VERBS: SwarmVerb[] = [
  {
    name: 'swarm.inspect',
    call: (c) => c.swarm.inspect(),
    method: 'GET',
    pathname: `${V}/swarm`,
    query: {},
    ok: { status: 200, body: '{"ID":"s1"}' },
    names: false,
  },
  {
    name: 'swarm.nodes',
    call: (c) => c.swarm.nodes({ role: ['manager'] }),
    method: 'GET',
    pathname: `${V}/nodes`,
    query: { filters: '{"role":["manager"]}' },
    ok: { status: 200, body: '[]' },
    names: false,
  },
  {
    name: 'swarm.node',
    call: (c) => c.swarm.node(ODD),
    method: 'GET',
    pathname: `${V}/nodes/${ODD_ENCODED}`,
    query: {},
    ok: { status: 200, body: '{"ID":"n1"}' },
    names: true,
  },
  {
    name: 'swarm.services',
    call: (c) => c.swarm.services({ name: ['web'] }),
    method: 'GET',
    pathname: `${V}/services`,
    query: { filters: '{"name":["web"]}', status: '1' },
    ok: { status: 200, body: '[]' },
    names: false,
  },
  {
    name: 'swarm.service',
    call: (c) => c.swarm.service(ODD),
    method: 'GET',
    pathname: `${V}/services/${ODD_ENCODED}`,
    query: {},
    ok: { status: 200, body: '{"ID":"s1"}' },
    names: true,
  },
  {
    name: 'swarm.tasks',
    call: (c) => c.swarm.tasks({ service: ['web'], 'desired-state': ['running'] }),
    method: 'GET',
    pathname: `${V}/tasks`,
    query: { filters: '{"service":["web"],"desired-state":["running"]}' },
    ok: { status: 200, body: '[]' },
    names: false,
  },
  {
    name: 'swarm.createService',
    call: (c) => c.swarm.createService(SPEC),
    method: 'POST',
    pathname: `${V}/services/create`,
    query: {},
    json: SPEC,
    ok: { status: 201, body: '{"ID":"s1"}' },
    names: false,
  },
  {
    name: 'swarm.updateService',
    call: (c) => c.swarm.updateService(ODD, 42, SPEC),
    method: 'POST',
    pathname: `${V}/services/${ODD_ENCODED}/update`,
    query: { version: '42' },
    json: SPEC,
    ok: { status: 200, body: '{"Warnings":null}' },
    names: true,
  },
  {
    name: 'swarm.removeService',
    call: (c) => c.swarm.removeService(ODD),
    method: 'DELETE',
    pathname: `${V}/services/${ODD_ENCODED}`,
    query: {},
    ok: { status: 200, body: '' },
    names: true,
  },
  {
    name: 'swarm.serviceLogs',
    call: (c) => c.swarm.serviceLogs(ODD, { follow: true, tail: 0, since: '100.5', tty: false }),
    method: 'GET',
    pathname: `${V}/services/${ODD_ENCODED}/logs`,
    query: { details: '1', timestamps: '1', stdout: '1', stderr: '1', follow: '1', since: '100.5', tail: '0' },
    ok: { status: 200, body: '' },
    names: true,
  },
  {
    name: 'system.info',
    call: (c) => c.system.info(),
    method: 'GET',
    pathname: `${V}/info`,
    query: {},
    ok: { status: 200, body: '{"ID":"e1","Swarm":{"ControlAvailable":false}}' },
    names: false,
  },
  {
    name: 'system.diskUsage',
    call: (c) => c.system.diskUsage(),
    method: 'GET',
    pathname: `${V}/system/df`,
    query: {},
    ok: { status: 200, body: '{"LayersSize":1}' },
    names: false,
  },
];
const SWARM_VERBS = VERBS.filter((v) => v.name.startsWith('swarm.'));
const table = (verbs: SwarmVerb[]) => verbs.map((v) => [v.name, v] as const);

/** What the call rejected with; fails the test when it resolved. */
async function failure(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    (value) => {
      throw new Error(`expected a rejection, got ${String(value)}`);
    },
    (error: unknown) => error,
  );
}

describe('each verb sends its request', () => {
  it.each(table(VERBS))('%s: method, path, query and body', async (_name, v) => {
    mock.answer(v.ok.status, v.ok.body);
    await release(await v.call(mock.client));
    expect(mock.sent).toHaveLength(1);
    const sent = mock.sent[0]!;
    expect({ method: sent.method, pathname: sent.pathname, query: sent.query }).toEqual({
      method: v.method,
      pathname: v.pathname,
      query: v.query,
    });
    expect(sent.body === undefined ? undefined : JSON.parse(sent.body)).toEqual(v.json);
    expect(sent.headers['content-type']).toBe(v.json === undefined ? undefined : 'application/json');
  });

  it('lists without filters send none; services still ask for their task counts', async () => {
    for (let i = 0; i < 3; i++) mock.answer(200, '[]');
    await mock.client.swarm.nodes();
    await mock.client.swarm.tasks({});
    await mock.client.swarm.services();
    expect(mock.sent.map((s) => s.path)).toEqual([`${V}/nodes`, `${V}/tasks`, `${V}/services?status=1`]);
  });

  it('createService resolves to the new service id', async () => {
    mock.answer(201, '{"ID":"ak7w3gjqoa3kuz8xcpnyy0pvl"}');
    await expect(mock.client.swarm.createService(SPEC)).resolves.toEqual({ ID: 'ak7w3gjqoa3kuz8xcpnyy0pvl' });
  });

  it('serviceLogs without options asks for both streams and no follow, tail or since', async () => {
    mock.answer(200, '');
    await release(await mock.client.swarm.serviceLogs('web', { tty: false }));
    expect(mock.sent[0]!.query).toEqual({ details: '1', timestamps: '1', stdout: '1', stderr: '1' });
  });

  it('serviceLogs without tty reads the service first and takes its TTY from the spec', async () => {
    mock.answer(200, { ID: 's1', Spec: { TaskTemplate: { ContainerSpec: { Image: 'x', TTY: true } } } });
    // Raw TTY bytes: no frame headers.
    mock.answer(200, '2026-12-02T21:24:53.1Z com.docker.swarm.task.id=t1 hello\r\n');
    const lines = await collect(await mock.client.swarm.serviceLogs('web'));
    expect(mock.sent.map((s) => s.pathname)).toEqual([`${V}/services/web`, `${V}/services/web/logs`]);
    expect(lines.map((l) => [l.taskId, l.message])).toEqual([['t1', 'hello']]);
  });
});

describe('failures', () => {
  const NOT_A_MANAGER =
    "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";

  it.each(table(SWARM_VERBS))('%s on an engine that is not a manager (503) is CONFLICT with the engine message', async (_name, v) => {
    mock.answer(503, { message: NOT_A_MANAGER });
    const error = await failure(v.call(mock.client));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: NOT_A_MANAGER });
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it.each(table(VERBS.filter((v) => v.names)))('%s of a missing object (404) is NOT_FOUND', async (_name, v) => {
    mock.answer(404, { message: 'service web 1 not found' });
    const error = await failure(v.call(mock.client));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', message: 'service web 1 not found' });
  });

  it('a 503 outside the swarm verbs keeps its usual mapping', async () => {
    mock.answer(503, { message: 'busy' });
    const error = await failure(mock.client.containers.inspect('c1'));
    expect(error).toBeInstanceOf(EngineFailure);
    expect(error).toMatchObject({ code: 'DOCKER_ERROR', status: 503 });
  });

  it('a 500 from a swarm verb stays DOCKER_ERROR', async () => {
    mock.answer(500, { message: 'rpc error: code = Unknown desc = something broke' });
    await expect(mock.client.swarm.nodes()).rejects.toMatchObject({ code: 'DOCKER_ERROR', status: 500 });
  });

  it('an update over a version that has moved on is CONFLICT', async () => {
    mock.answer(500, { message: 'rpc error: code = Unknown desc = update out of sequence' });
    const error = await failure(mock.client.swarm.updateService('web', 41, SPEC));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', message: 'rpc error: code = Unknown desc = update out of sequence' });
  });

  it('an id that is not well-formed UTF-16 is NOT_FOUND without a request', async () => {
    await expect(mock.client.swarm.service('web\uD800')).rejects.toBeInstanceOf(NotFoundError);
    await expect(mock.client.swarm.node('\uDC00')).rejects.toBeInstanceOf(NotFoundError);
    expect(mock.sent).toHaveLength(0);
  });
});

/** One multiplexed frame as the engine writes it: byte 0 the stream, bytes 4-7 the big-endian length, then the payload. */
function frame(stream: 1 | 2, payload: string): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

const TS1 = '2026-12-02T21:24:53.328816900Z';
const TS2 = '2026-12-02T21:24:53.362265391Z';
const DETAILS_A = 'com.docker.swarm.node.id=node1,com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=taskA';
const DETAILS_B = 'com.docker.swarm.node.id=node2,com.docker.swarm.service.id=svc1,com.docker.swarm.task.id=taskB';

async function collect(iterator: AsyncIterableIterator<ServiceLogRecord[]>): Promise<ServiceLogRecord[]> {
  const lines: ServiceLogRecord[] = [];
  for await (const line of eachItem(iterator)) lines.push(line);
  return lines;
}

function parseAll(tty: boolean, chunks: Buffer[]): ServiceLogRecord[] {
  const parser = serviceLogParser(tty);
  return [...chunks.flatMap((chunk) => parser.push(chunk)), ...parser.end()];
}

describe('service log lines', () => {
  const sample = Buffer.concat([
    frame(1, `${TS1} ${DETAILS_A} hello from bba820ea4d10\n`),
    frame(2, `${TS2} ${DETAILS_B} oops: a=b, c d\n`),
  ]);
  const expected = [
    {
      stream: 'stdout',
      timestamp: TS1,
      message: 'hello from bba820ea4d10',
      taskId: 'taskA',
      nodeId: 'node1',
      serviceId: 'svc1',
      details: { 'com.docker.swarm.node.id': 'node1', 'com.docker.swarm.service.id': 'svc1', 'com.docker.swarm.task.id': 'taskA' },
    },
    {
      stream: 'stderr',
      timestamp: TS2,
      message: 'oops: a=b, c d',
      taskId: 'taskB',
      nodeId: 'node2',
      serviceId: 'svc1',
      details: { 'com.docker.swarm.node.id': 'node2', 'com.docker.swarm.service.id': 'svc1', 'com.docker.swarm.task.id': 'taskB' },
    },
  ];

  it('each line carries its task, node and service from the details before the message', async () => {
    mock.answer(200, sample);
    expect(await collect(await mock.client.swarm.serviceLogs('svc1', { tty: false }))).toEqual(expected);
  });

  it('reads the same lines whatever the chunk boundaries', () => {
    for (let cut = 1; cut < sample.length; cut++) {
      expect(parseAll(false, [sample.subarray(0, cut), sample.subarray(cut)])).toEqual(expected);
    }
  });

  it('decodes query-escaped details, and keeps details other than swarm ids', () => {
    const line = `${TS1} com.docker.swarm.task.id=t1,env%3DA=x+y%2Cz,team=ops hi there\n`;
    expect(parseAll(false, [frame(1, line)])).toEqual([
      expect.objectContaining({
        message: 'hi there',
        taskId: 't1',
        nodeId: '',
        details: { 'com.docker.swarm.task.id': 't1', 'env=A': 'x y,z', team: 'ops' },
      }),
    ]);
  });

  it('an empty message is an empty line', () => {
    expect(parseAll(false, [frame(1, `${TS1} ${DETAILS_A} \n`)])).toEqual([expect.objectContaining({ message: '', taskId: 'taskA' })]);
  });

  it('a line longer than the engine buffer, sent as partial entries each with their details, is one line with one set of details', () => {
    const part = (n: number) => String.fromCharCode(97 + n).repeat(16 * 1024);
    const chunks = [
      frame(1, `${TS1} ${DETAILS_A} ${part(0)}`),
      frame(2, `${TS2} ${DETAILS_A} short err\n`),
      frame(1, `${TS1} ${DETAILS_A} ${part(1)}`),
      frame(1, `${TS1} ${DETAILS_A} end\n`),
      frame(1, `${TS2} ${DETAILS_B} next\n`),
    ];
    const lines = parseAll(false, chunks);
    expect(lines.map((l) => [l.stream, l.taskId, l.message.length, l.message.slice(-6)])).toEqual([
      ['stderr', 'taskA', 9, 'rt err'],
      ['stdout', 'taskA', 2 * 16 * 1024 + 3, 'bbbend'],
      ['stdout', 'taskB', 4, 'next'],
    ]);
    expect(lines[1]!.message.startsWith('aaa')).toBe(true);
  });

  it('a TTY service log is raw bytes: the same details, no frames', () => {
    const raw = Buffer.from(`${TS1} ${DETAILS_A} one\r\n${TS2} ${DETAILS_B} two\r\n`);
    expect(parseAll(true, [raw]).map((l) => [l.stream, l.taskId, l.nodeId, l.message])).toEqual([
      ['stdout', 'taskA', 'node1', 'one'],
      ['stdout', 'taskB', 'node2', 'two'],
    ]);
  });

  it('return() ends the stream and frees the engine response', async () => {
    mock.answer(200, sample);
    const logs = await mock.client.swarm.serviceLogs('svc1', { tty: false, follow: true });
    await logs.return();
    expect(await logs.next()).toEqual({ value: undefined, done: true });
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });

  it("the call's signal aborts the stream", async () => {
    mock.answer(200, sample);
    const controller = new AbortController();
    const logs = await mock.client.swarm.serviceLogs('svc1', { tty: false, follow: true }, { signal: controller.signal });
    controller.abort();
    expect(await logs.next()).toEqual({ value: undefined, done: true });
    expect(mock.sent[0]!.signal?.aborted).toBe(true);
  });
});
