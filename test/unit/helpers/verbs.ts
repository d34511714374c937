// Every verb of the engine client, called with fixed arguments, with the request it must send and the statuses it can meet.
import { Readable } from 'node:stream';
import type { DockerClient } from '../../../src/docker/client.js';
import { StreamIterator } from '../../../src/docker/stream-iterator.js';
import type { ContainerCreateWire } from '../../../src/docker/types.js';
import { API } from './mock-engine.js';

/** How a verb reads its answer: parsed JSON, nothing, a body handed to the caller, an NDJSON iterator, or the ping text. */
export type VerbKind = 'json' | 'empty' | 'stream' | 'events' | 'ping';

export interface Verb {
  name: string;
  kind: VerbKind;
  call: (client: DockerClient, signal?: AbortSignal) => Promise<unknown>;
  method: string;
  /** As sent: versioned, the id percent-encoded. */
  pathname: string;
  query: Record<string, string>;
  /** The JSON body, for the verbs that send one. */
  json?: unknown;
  /** The statuses other than success that the engine answers this verb with. */
  errors: readonly number[];
  /** A success answer. */
  ok: { status: number; body: string };
}

/** A name the engine could never have made, so that every character that needs encoding is there. */
export const ID = 'web 1/ü?#%';
const ENCODED = 'web%201%2F%C3%BC%3F%23%25';
const C = `/v${API}/containers/${ENCODED}`;

export const CREATE_BODY: ContainerCreateWire = {
  Image: 'busybox:latest',
  Cmd: ['sleep', '60'],
  Labels: { 'wharf.test': 'unit' },
  HostConfig: { AutoRemove: false },
};

const JSON_OK = { status: 200, body: '{"Id":"abc"}' };
const EMPTY_OK = { status: 204, body: '' };
const STREAM_OK = { status: 200, body: 'some bytes' };

export const VERBS: readonly Verb[] = [
  {
    name: 'containers.list',
    kind: 'json',
    call: (c, signal) => c.containers.list({ all: true, limit: 5, filters: { status: ['running'], label: ['a=b'] } }, { signal }),
    method: 'GET',
    pathname: `/v${API}/containers/json`,
    query: { all: '1', limit: '5', filters: '{"status":["running"],"label":["a=b"]}' },
    errors: [400, 500],
    ok: { status: 200, body: '[]' },
  },
  {
    name: 'containers.inspect',
    kind: 'json',
    call: (c, signal) => c.containers.inspect(ID, { signal }),
    method: 'GET',
    pathname: `${C}/json`,
    query: {},
    errors: [404, 500],
    ok: JSON_OK,
  },
  {
    name: 'containers.top',
    kind: 'json',
    call: (c, signal) => c.containers.top(ID, 'aux', { signal }),
    method: 'GET',
    pathname: `${C}/top`,
    query: { ps_args: 'aux' },
    errors: [404, 409, 500],
    ok: { status: 200, body: '{"Titles":["PID"],"Processes":[["1"]]}' },
  },
  {
    name: 'containers.logs',
    kind: 'stream',
    call: (c, signal) =>
      c.containers.logs(ID, { stdout: true, stderr: false, since: '1.5', until: '2.000000001', tail: 10, follow: true }, { signal }),
    method: 'GET',
    pathname: `${C}/logs`,
    query: { stdout: '1', stderr: '0', timestamps: '1', follow: '1', since: '1.5', until: '2.000000001', tail: '10' },
    errors: [404, 500],
    ok: STREAM_OK,
  },
  {
    name: 'containers.stats',
    kind: 'stream',
    call: (c, signal) => c.containers.stats(ID, { signal }),
    method: 'GET',
    pathname: `${C}/stats`,
    query: { stream: '1' },
    errors: [404, 500],
    ok: STREAM_OK,
  },
  {
    name: 'containers.statsOnce',
    kind: 'json',
    call: (c, signal) => c.containers.statsOnce(ID, { signal }),
    method: 'GET',
    pathname: `${C}/stats`,
    query: { stream: '0' },
    errors: [404, 500],
    ok: { status: 200, body: '{"read":"2026-12-02T00:00:00Z"}' },
  },
  {
    name: 'containers.export',
    kind: 'stream',
    call: (c, signal) => c.containers.export(ID, { signal }),
    method: 'GET',
    pathname: `${C}/export`,
    query: {},
    errors: [404, 500],
    ok: STREAM_OK,
  },
  {
    name: 'containers.create',
    kind: 'json',
    call: (c, signal) => c.containers.create(CREATE_BODY, 'web-1', { signal }),
    method: 'POST',
    pathname: `/v${API}/containers/create`,
    query: { name: 'web-1' },
    json: CREATE_BODY,
    errors: [400, 404, 409, 500],
    ok: { status: 201, body: '{"Id":"abc","Warnings":[]}' },
  },
  {
    name: 'containers.start',
    kind: 'empty',
    call: (c, signal) => c.containers.start(ID, { signal }),
    method: 'POST',
    pathname: `${C}/start`,
    query: {},
    errors: [404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.stop',
    kind: 'empty',
    call: (c, signal) => c.containers.stop(ID, 5, { signal }),
    method: 'POST',
    pathname: `${C}/stop`,
    query: { t: '5' },
    errors: [404, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.restart',
    kind: 'empty',
    call: (c, signal) => c.containers.restart(ID, 5, { signal }),
    method: 'POST',
    pathname: `${C}/restart`,
    query: { t: '5' },
    errors: [404, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.kill',
    kind: 'empty',
    call: (c, signal) => c.containers.kill(ID, 'SIGUSR1', { signal }),
    method: 'POST',
    pathname: `${C}/kill`,
    query: { signal: 'SIGUSR1' },
    errors: [400, 404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.pause',
    kind: 'empty',
    call: (c, signal) => c.containers.pause(ID, { signal }),
    method: 'POST',
    pathname: `${C}/pause`,
    query: {},
    errors: [404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.unpause',
    kind: 'empty',
    call: (c, signal) => c.containers.unpause(ID, { signal }),
    method: 'POST',
    pathname: `${C}/unpause`,
    query: {},
    errors: [404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.rename',
    kind: 'empty',
    call: (c, signal) => c.containers.rename(ID, 'new name&x=1', { signal }),
    method: 'POST',
    pathname: `${C}/rename`,
    query: { name: 'new name&x=1' },
    errors: [400, 404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'containers.remove',
    kind: 'empty',
    call: (c, signal) => c.containers.remove(ID, { force: true, volumes: true }, { signal }),
    method: 'DELETE',
    pathname: C,
    query: { force: '1', v: '1' },
    errors: [400, 404, 409, 500],
    ok: EMPTY_OK,
  },
  {
    name: 'images.inspect',
    kind: 'json',
    call: (c, signal) => c.images.inspect('registry:5000/busybox:latest', { signal }),
    method: 'GET',
    pathname: `/v${API}/images/registry%3A5000%2Fbusybox%3Alatest/json`,
    query: {},
    errors: [404, 500],
    ok: { status: 200, body: '{"Id":"sha256:abc","RepoTags":["busybox:latest"]}' },
  },
  {
    name: 'system.ping',
    kind: 'ping',
    call: (c, signal) => c.system.ping({ signal }),
    method: 'GET',
    pathname: '/_ping',
    query: {},
    errors: [500],
    ok: { status: 200, body: 'OK' },
  },
  {
    name: 'system.version',
    kind: 'json',
    call: (c, signal) => c.system.version({ signal }),
    method: 'GET',
    pathname: `/v${API}/version`,
    query: {},
    errors: [500],
    ok: { status: 200, body: '{"Version":"27.0.0","ApiVersion":"1.47"}' },
  },
  {
    name: 'system.events',
    kind: 'events',
    call: (c, signal) => c.system.events({ filters: { type: ['container'] }, since: '100.000000001' }, { signal }),
    method: 'GET',
    pathname: `/v${API}/events`,
    query: { filters: '{"type":["container"]}', since: '100.000000001' },
    errors: [400, 500],
    ok: { status: 200, body: '' },
  },
];

export const verb = (name: string): Verb => {
  const found = VERBS.find((v) => v.name === name);
  if (!found) throw new Error(`no verb ${name}`);
  return found;
};

/** Ends whatever a successful call handed back: a body is destroyed, an iterator returned. */
export async function release(result: unknown): Promise<void> {
  if (result instanceof Readable) result.destroy();
  else if (result instanceof StreamIterator) await result.return();
}

/** The headers a successful answer needs: the ping's version header, nothing for the others. */
export function okHeaders(v: Verb): Record<string, string> {
  return v.kind === 'ping' ? { 'api-version': API } : {};
}
