// GET /containers/{id}/export: the container's filesystem streamed as a tar, checked against the engine's own export.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gqlData, startGateway, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

/** Containers made by one test, removed after it. */
const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((id) => removeContainer(engine, id)));
});

const ContainerExportUrl = graphql(`
  query ContainerExportUrl($id: String!) {
    container(id: $id) { id exportUrl }
  }
`);

interface TarEntry {
  name: string;
  /** The typeflag: '0' a file, '5' a directory, '2' a symlink ... */
  type: string;
  size: number;
}

/** The entries of a tar: 512-byte headers (name 0..100, size in octal 124..136, type 156, ustar prefix 345..500). */
function tarEntries(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const header = tar.subarray(offset, offset + 512);
    if (header.every((byte) => byte === 0)) break;
    const text = (start: number, end: number) => {
      const field = header.subarray(start, end);
      const nul = field.indexOf(0);
      return field.toString('utf8', 0, nul === -1 ? field.length : nul);
    };
    const size = parseInt(text(124, 136).trim() || '0', 8);
    const type = String.fromCharCode(header[156] ?? 0x30) || '0';
    const dataStart = offset + 512;
    offset = dataStart + Math.ceil(size / 512) * 512;
    const data = tar.subarray(dataStart, dataStart + size);
    if (type === 'x') {
      // A PAX header for the next entry: "<len> path=<name>\n" records.
      longName = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1] ?? longName;
      continue;
    }
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    const prefix = text(345, 500);
    const name = longName ?? (prefix ? `${prefix}/${text(0, 100)}` : text(0, 100));
    longName = undefined;
    entries.push({ name: name.replace(/^\.\//, ''), type, size });
  }
  return entries;
}

async function engineExport(id: string): Promise<TarEntry[]> {
  const res = await engine.request('GET', `/containers/${id}/export`);
  expect(res.status).toBe(200);
  return tarEntries(res.body);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('GET /containers/{id}/export', () => {
  it("streams the filesystem as application/x-tar, the entries of the engine's own export", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const res = await fetch(`${gateway.origin}/containers/${id}/export`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-tar');
    const entries = tarEntries(Buffer.from(await res.arrayBuffer()));
    expect(entries).toEqual(await engineExport(id));
    const busybox = entries.find((e) => e.name === 'bin/busybox');
    expect(busybox).toMatchObject({ type: '0' });
    expect(busybox!.size).toBeGreaterThan(100_000);
  });

  it('finds the container by name, and by /name', async () => {
    const { id, name } = await createTestContainer(engine, { cmd: ['true'], start: false });
    created.push(id);
    const expected = await engineExport(id);
    for (const ref of [name, `/${name}`]) {
      const res = await fetch(`${gateway.origin}/containers/${encodeURIComponent(ref)}/export`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-tar');
      expect(tarEntries(Buffer.from(await res.arrayBuffer()))).toEqual(expected);
    }
  });

  it("serves a container's exportUrl from the schema", async () => {
    const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'echo hi > /made-here'] });
    created.push(id);
    await engine.json('POST', `/containers/${id}/wait`);
    const { container } = await gqlData(gateway.url, ContainerExportUrl, { id: id.slice(0, 12) });
    const res = await fetch(`${gateway.origin}${container!.exportUrl}`);
    expect(res.status).toBe(200);
    const entries = tarEntries(Buffer.from(await res.arrayBuffer()));
    expect(entries.find((e) => e.name === 'made-here')).toEqual({ name: 'made-here', type: '0', size: 3 });
  });

  it('answers 404 with NOT_FOUND for an unknown container', async () => {
    const res = await fetch(`${gateway.origin}/containers/wharf-no-such-container/export`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as { errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('answers a malformed percent-encoding in the reference with a 4xx, and stays up', async () => {
    const res = await fetch(`${gateway.origin}/containers/%E0%A4%A/export`, { signal: AbortSignal.timeout(3_000) });
    expect([400, 404]).toContain(res.status);
    const body = (await res.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
    expect(['BAD_USER_INPUT', 'NOT_FOUND']).toContain(body.errors?.[0]?.extensions?.code);
    expect((await fetch(`${gateway.origin}/healthz`)).status).toBe(200);
  });

  it('aborts the engine request within a second when the client abandons the download', async () => {
    const proxied = await startGateway(inject('dockerHost'), { countingProxy: true });
    const { proxy } = proxied;
    try {
      // 64 MiB in the container: far more than the socket buffers between the engine and the client hold.
      const { id } = await createTestContainer(engine, { cmd: ['sh', '-c', 'head -c 67108864 /dev/zero > /big'] });
      created.push(id);
      expect((await engine.json<{ StatusCode: number }>('POST', `/containers/${id}/wait`)).StatusCode).toBe(0);

      const client = new AbortController();
      const res = await fetch(`${proxied.origin}/containers/${id}/export`, { signal: client.signal });
      expect(res.status).toBe(200);
      const first = await res.body!.getReader().read();
      expect(first.done).toBe(false);

      const exportCall = proxy.calls.find((c) => c.method === 'GET' && c.path === `/containers/${id}/export`);
      expect(exportCall).toBeDefined();
      expect(exportCall!.closedAt, 'the engine is still sending when the client goes').toBeUndefined();

      const abortedAt = Date.now();
      client.abort();
      await until(() => proxy.open() === 0, 1_000);
      expect(proxy.open()).toBe(0);
      expect(exportCall!.closedAt! - abortedAt).toBeLessThan(1_000);
    } finally {
      await proxied.close();
    }
  });
});
