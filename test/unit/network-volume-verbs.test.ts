// The network, volume and prune verbs of the engine client: the request each sends, what it makes of a success, and each status it can meet as a typed error.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BadRequestError, ConflictError, type EngineError, EngineFailure, NotFoundError } from '../../src/docker/errors.js';
import type { DockerClient } from '../../src/docker/client.js';
import type { NetworkCreateWire, VolumeCreateWire } from '../../src/docker/types.js';
import { API, consumed, mockEngine, type MockEngine } from './helpers/mock-engine.js';

let mock: MockEngine;
beforeEach(() => {
  mock = mockEngine();
});
afterEach(async () => {
  await mock.close();
});

/** A name the engine could never have made, so that every character that needs encoding is there. */
const NAME = 'net 1/ü?#%';
const ENCODED = 'net%201%2F%C3%BC%3F%23%25';
const FILTERS = { label: ['wharf.test=1'], name: ['web'] };
const FILTERS_QUERY = '{"label":["wharf.test=1"],"name":["web"]}';

const NETWORK_BODY: NetworkCreateWire = {
  Name: 'backend',
  Internal: true,
  IPAM: { Config: [{ Subnet: '10.77.0.0/24', Gateway: '10.77.0.1' }] },
  Labels: { 'wharf.test': '1' },
};
const VOLUME_BODY: VolumeCreateWire = { Name: 'data', DriverOpts: { type: 'tmpfs', device: 'tmpfs' }, Labels: { 'wharf.test': '1' } };

interface Verb {
  name: string;
  call: (client: DockerClient) => Promise<unknown>;
  method: string;
  pathname: string;
  query: Record<string, string>;
  /** The JSON body as sent, for the verbs that send one. */
  json?: unknown;
  ok: { status: number; body: string };
  /** What the call resolves to on that answer. */
  result: unknown;
  /** The statuses besides success the engine answers this verb with, and the code each must become. */
  errors: ReadonlyArray<readonly [number, string]>;
}

const NETWORK = { Name: 'backend', Id: 'n1', Driver: 'bridge', Internal: true };
const VOLUME = {
  Name: 'data',
  Driver: 'local',
  Mountpoint: '/var/lib/docker/volumes/data/_data',
  Labels: null,
  Scope: 'local',
  Options: null,
};

const VERBS: readonly Verb[] = [
  {
    name: 'networks.list',
    call: (c) => c.networks.list(FILTERS),
    method: 'GET',
    pathname: `/v${API}/networks`,
    query: { filters: FILTERS_QUERY },
    ok: { status: 200, body: JSON.stringify([NETWORK]) },
    result: [NETWORK],
    errors: [
      [400, 'BAD_USER_INPUT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.inspect',
    call: (c) => c.networks.inspect(NAME),
    method: 'GET',
    pathname: `/v${API}/networks/${ENCODED}`,
    query: {},
    ok: { status: 200, body: JSON.stringify(NETWORK) },
    result: NETWORK,
    errors: [
      [400, 'BAD_USER_INPUT'],
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.create',
    call: (c) => c.networks.create(NETWORK_BODY),
    method: 'POST',
    pathname: `/v${API}/networks/create`,
    query: {},
    json: { CheckDuplicate: true, ...NETWORK_BODY },
    ok: { status: 201, body: '{"Id":"n1","Warning":""}' },
    result: { Id: 'n1', Warning: '' },
    errors: [
      [400, 'BAD_USER_INPUT'],
      [403, 'CONFLICT'],
      [404, 'NOT_FOUND'],
      [409, 'CONFLICT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.remove',
    call: (c) => c.networks.remove(NAME),
    method: 'DELETE',
    pathname: `/v${API}/networks/${ENCODED}`,
    query: {},
    ok: { status: 204, body: '' },
    result: undefined,
    errors: [
      [400, 'BAD_USER_INPUT'],
      [403, 'CONFLICT'],
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.connect',
    call: (c) => c.networks.connect(NAME, { Container: 'web', EndpointConfig: { Aliases: ['db', 'cache'] } }),
    method: 'POST',
    pathname: `/v${API}/networks/${ENCODED}/connect`,
    query: {},
    json: { Container: 'web', EndpointConfig: { Aliases: ['db', 'cache'] } },
    ok: { status: 200, body: '' },
    result: undefined,
    errors: [
      [400, 'BAD_USER_INPUT'],
      [403, 'CONFLICT'],
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.disconnect',
    call: (c) => c.networks.disconnect(NAME, { Container: 'web', Force: true }),
    method: 'POST',
    pathname: `/v${API}/networks/${ENCODED}/disconnect`,
    query: {},
    json: { Container: 'web', Force: true },
    ok: { status: 200, body: '' },
    result: undefined,
    errors: [
      [403, 'CONFLICT'],
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'networks.prune',
    call: (c) => c.networks.prune({ label: ['wharf.test=1'], until: ['10m'] }),
    method: 'POST',
    pathname: `/v${API}/networks/prune`,
    query: { filters: '{"label":["wharf.test=1"],"until":["10m"]}' },
    ok: { status: 200, body: '{"NetworksDeleted":["a","b"]}' },
    result: { NetworksDeleted: ['a', 'b'] },
    errors: [
      [400, 'BAD_USER_INPUT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'volumes.list',
    call: (c) => c.volumes.list(FILTERS),
    method: 'GET',
    pathname: `/v${API}/volumes`,
    query: { filters: FILTERS_QUERY },
    ok: { status: 200, body: JSON.stringify({ Volumes: [VOLUME], Warnings: null }) },
    result: { Volumes: [VOLUME], Warnings: null },
    errors: [
      [400, 'BAD_USER_INPUT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'volumes.inspect',
    call: (c) => c.volumes.inspect(NAME),
    method: 'GET',
    pathname: `/v${API}/volumes/${ENCODED}`,
    query: {},
    ok: { status: 200, body: JSON.stringify(VOLUME) },
    result: VOLUME,
    errors: [
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'volumes.create',
    call: (c) => c.volumes.create(VOLUME_BODY),
    method: 'POST',
    pathname: `/v${API}/volumes/create`,
    query: {},
    json: VOLUME_BODY,
    ok: { status: 201, body: JSON.stringify(VOLUME) },
    result: VOLUME,
    errors: [
      [400, 'BAD_USER_INPUT'],
      [404, 'NOT_FOUND'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'volumes.remove',
    call: (c) => c.volumes.remove(NAME, true),
    method: 'DELETE',
    pathname: `/v${API}/volumes/${ENCODED}`,
    query: { force: '1' },
    ok: { status: 204, body: '' },
    result: undefined,
    errors: [
      [404, 'NOT_FOUND'],
      [409, 'CONFLICT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'volumes.prune',
    call: (c) => c.volumes.prune({ label: ['wharf.test=1'] }),
    method: 'POST',
    pathname: `/v${API}/volumes/prune`,
    query: { filters: '{"label":["wharf.test=1"]}' },
    ok: { status: 200, body: '{"VolumesDeleted":["data"],"SpaceReclaimed":4096}' },
    result: { VolumesDeleted: ['data'], SpaceReclaimed: 4096 },
    errors: [
      [400, 'BAD_USER_INPUT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
  {
    name: 'containers.prune',
    call: (c) => c.containers.prune({ label: ['wharf.test=1'] }),
    method: 'POST',
    pathname: `/v${API}/containers/prune`,
    query: { filters: '{"label":["wharf.test=1"]}' },
    ok: { status: 200, body: '{"ContainersDeleted":["c1"],"SpaceReclaimed":12}' },
    result: { ContainersDeleted: ['c1'], SpaceReclaimed: 12 },
    errors: [
      [400, 'BAD_USER_INPUT'],
      [500, 'DOCKER_ERROR'],
    ],
  },
];

const rows = VERBS.map((v) => [v.name, v] as const);

/** Calls the verb against its success answer; hands back what it resolved to and the one request it sent. */
async function callOk(v: Verb) {
  mock.answer(v.ok.status, v.ok.body);
  const result = await v.call(mock.client);
  expect(mock.sent).toHaveLength(1);
  return { result, sent: mock.sent[0]! };
}

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
  it.each(rows)('%s: method, path and query', async (_name, v) => {
    const { sent } = await callOk(v);
    expect({ method: sent.method, pathname: sent.pathname, query: sent.query }).toEqual({
      method: v.method,
      pathname: v.pathname,
      query: v.query,
    });
  });

  it.each(rows)('%s: its JSON body, or none', async (_name, v) => {
    const { sent } = await callOk(v);
    if (v.json === undefined) {
      expect({ body: sent.body, contentType: sent.headers['content-type'] }).toEqual({ body: undefined, contentType: undefined });
    } else {
      expect(sent.headers['content-type']).toBe('application/json');
      expect(JSON.parse(sent.body!)).toEqual(v.json);
    }
  });

  it.each(rows)('%s: resolves to the answer, its body consumed', async (_name, v) => {
    const { result, sent } = await callOk(v);
    expect(result).toEqual(v.result);
    expect(consumed(sent.response)).toBe(true);
  });
});

describe('options left out are left out of the request', () => {
  const cases: Array<[string, (c: DockerClient) => Promise<unknown>, string, number, string]> = [
    ['networks.list without filters', (c) => c.networks.list(), `/v${API}/networks`, 200, '[]'],
    ['networks.list with an empty filter map', (c) => c.networks.list({}), `/v${API}/networks`, 200, '[]'],
    ['networks.prune without filters', (c) => c.networks.prune(), `/v${API}/networks/prune`, 200, '{"NetworksDeleted":null}'],
    ['volumes.list without filters', (c) => c.volumes.list(), `/v${API}/volumes`, 200, '{"Volumes":[],"Warnings":null}'],
    ['volumes.prune with an empty filter map', (c) => c.volumes.prune({}), `/v${API}/volumes/prune`, 200, '{"VolumesDeleted":null}'],
    ['volumes.remove without force', (c) => c.volumes.remove('data', false), `/v${API}/volumes/data`, 204, ''],
    ['containers.prune without filters', (c) => c.containers.prune(), `/v${API}/containers/prune`, 200, '{"ContainersDeleted":null}'],
  ];
  it.each(cases)('%s', async (_name, call, path, status, body) => {
    mock.answer(status, body);
    await call(mock.client);
    expect(mock.sent[0]!.path).toBe(path);
  });

  it('networks.create: a CheckDuplicate the body turns off stays off', async () => {
    mock.answer(201, '{"Id":"n2","Warning":"Network with name backend already exists"}');
    const answer = await mock.client.networks.create({ Name: 'backend', CheckDuplicate: false });
    expect(JSON.parse(mock.sent[0]!.body!)).toEqual({ Name: 'backend', CheckDuplicate: false });
    expect(answer.Warning).toBe('Network with name backend already exists');
  });

  it('networks.connect without endpoint settings sends the container alone', async () => {
    mock.answer(200);
    await mock.client.networks.connect('backend', { Container: 'web' });
    expect(JSON.parse(mock.sent[0]!.body!)).toEqual({ Container: 'web' });
  });
});

describe('statuses as typed errors', () => {
  const TYPES: Record<string, new (...args: never[]) => EngineError> = {
    BAD_USER_INPUT: BadRequestError,
    NOT_FOUND: NotFoundError,
    CONFLICT: ConflictError,
    DOCKER_ERROR: EngineFailure,
  };
  const errorRows = VERBS.flatMap((v) => v.errors.map(([status, code]) => [v.name, status, code, v] as const));

  it.each(errorRows)('%s answered %i: %s with the engine message', async (_name, status, code, v) => {
    mock.answer(status, { message: `the engine says ${status}` });
    const error = await failure(v.call(mock.client));
    expect(error).toBeInstanceOf(TYPES[code]!);
    expect(error).toMatchObject({ code, message: `the engine says ${status}` });
    expect(consumed(mock.sent[0]!.response)).toBe(true);
  });

  it('networks.remove of a network with endpoints: CONFLICT, in the engine words', async () => {
    const message = 'error while removing network: network backend id 9fd2f24c has active endpoints';
    mock.answer(403, { message });
    const error = await failure(mock.client.networks.remove('backend'));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: 'CONFLICT', message });
  });

  it('a 403 of a verb that reads stays a DOCKER_ERROR: only the changes of networks are conflicts', async () => {
    mock.answer(403, { message: 'forbidden' });
    const error = await failure(mock.client.networks.inspect('backend'));
    expect(error).toMatchObject({ code: 'DOCKER_ERROR', status: 403 });
  });

  it.each([
    ['networks.inspect', (c: DockerClient) => c.networks.inspect('a\uD800b'), 'network a\uFFFDb not found'],
    ['networks.remove', (c: DockerClient) => c.networks.remove('\uDC00'), 'network \uFFFD not found'],
    ['networks.connect', (c: DockerClient) => c.networks.connect('a\uD800', { Container: 'web' }), 'network a\uFFFD not found'],
    ['volumes.inspect', (c: DockerClient) => c.volumes.inspect('v\uD800'), 'get v\uFFFD: no such volume'],
    ['volumes.remove', (c: DockerClient) => c.volumes.remove('v\uDC00', false), 'get v\uFFFD: no such volume'],
  ] as const)('%s of a name that is not well-formed UTF-16: NOT_FOUND, nothing sent', async (_name, call, message) => {
    const error = await failure(call(mock.client));
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe(message);
    expect(mock.sent).toHaveLength(0);
  });

  it('a well-formed pair of surrogates is a name like any other', async () => {
    mock.answer(200, JSON.stringify(VOLUME));
    await mock.client.volumes.inspect('v\uD83D\uDE00');
    expect(mock.sent[0]!.pathname).toBe(`/v${API}/volumes/v%F0%9F%98%80`);
  });
});
