// POST /images/build against the real engine: a small context built and run, bad contexts and failing steps as the stream's last line, 413, and access.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { issueTokens } from './helpers/access.js';
import { removeContainer, uniqueName } from './helpers/engine-api.js';
import { gatewayForFile, startGateway } from './helpers/gateway.js';
import { waitUntil } from './helpers/subscriptions.js';
import { tarOf } from './helpers/tar.js';

// Over the 1 MiB of a JSON body, to show a context is not held to it.
const LIMIT = 1536 * 1024;
const { engine, gateway, proxy } = gatewayForFile({ maxBuildContextBytes: LIMIT, countingProxy: true });

const built: string[] = [];
afterAll(async () => {
  for (const tag of built) await engine.request('DELETE', `/images/${tag}?force=1`);
});

interface BuildLine {
  stream?: string;
  aux?: { ID?: string };
  error?: string;
  errorDetail?: { message?: string };
}

async function postBuild(
  origin: string,
  query: string,
  body: Buffer | ReadableStream<Uint8Array>,
  headers: Record<string, string> = {},
): Promise<{ status: number; type: string | null; lines: BuildLine[]; text: string }> {
  const res = await fetch(`${origin}/images/build?${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-tar', ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: 'half' } : {}),
  } as RequestInit);
  const text = await res.text();
  const lines =
    res.headers.get('content-type') === 'application/x-ndjson'
      ? text
          .split('\n')
          .filter((l) => l.trim())
          .map((l) => JSON.parse(l) as BuildLine)
      : [];
  return { status: res.status, type: res.headers.get('content-type'), lines, text };
}

const dockerfile = (run: string) => `FROM ${TEST_IMAGE}\nRUN ${run}\nCMD ["cat", "/built.txt"]\n`;

describe('POST /images/build', () => {
  it("takes a context over the JSON bodies' 1 MiB limit when under its own", async () => {
    const tag = `wharf-test/${uniqueName('built')}:1`;
    built.push(tag);
    const answer = await postBuild(
      gateway.origin,
      `t=${encodeURIComponent(tag)}`,
      tarOf({ Dockerfile: `FROM ${TEST_IMAGE}\nCOPY big /big\n`, big: randomBytes(1200 * 1024) }),
    );
    expect(answer.status, answer.text).toBe(200);
    expect(answer.lines.at(-1)?.stream).toBe(`Successfully tagged ${tag}\n`);
  });

  it('builds a small context, streaming the engine output; the built image runs', async () => {
    const tag = `wharf-test/${uniqueName('built')}:1`;
    built.push(tag);
    const answer = await postBuild(
      gateway.origin,
      `t=${encodeURIComponent(tag)}`,
      tarOf({ Dockerfile: dockerfile('echo built-by-wharf > /built.txt') }),
    );
    expect(answer.status).toBe(200);
    expect(answer.type).toBe('application/x-ndjson');
    expect(answer.lines.some((l) => l.stream?.startsWith('Step 1/3 : FROM'))).toBe(true);
    expect(answer.lines.some((l) => l.aux?.ID?.startsWith('sha256:'))).toBe(true);
    expect(answer.lines.at(-1)?.stream).toBe(`Successfully tagged ${tag}\n`);
    expect(answer.lines.every((l) => !l.error)).toBe(true);

    const created = await engine.json<{ Id: string }>('POST', '/containers/create', { Image: tag, Labels: { 'wharf.test': '1' } });
    try {
      await engine.json('POST', `/containers/${created.Id}/start`);
      const waited = await engine.json<{ StatusCode: number }>('POST', `/containers/${created.Id}/wait`);
      expect(waited.StatusCode).toBe(0);
      const logs = await engine.request('GET', `/containers/${created.Id}/logs?stdout=1`);
      expect(logs.body.toString('utf8')).toContain('built-by-wharf');
    } finally {
      await removeContainer(engine, created.Id);
    }
  });

  it('a failing step, a context that is not a tar, a missing Dockerfile: the engine error is the last line, and no image is tagged', async () => {
    const tags = [1, 2, 3].map(() => `wharf-test/${uniqueName('failed')}:1`);
    built.push(...tags);
    const [failing, notTar, noDockerfile] = await Promise.all([
      postBuild(gateway.origin, `t=${encodeURIComponent(tags[0]!)}`, tarOf({ Dockerfile: dockerfile('exit 3') })),
      postBuild(gateway.origin, `t=${encodeURIComponent(tags[1]!)}`, Buffer.from('this is not a tar archive at all')),
      postBuild(
        gateway.origin,
        `t=${encodeURIComponent(tags[2]!)}&dockerfile=nowhere/Dockerfile`,
        tarOf({ Dockerfile: dockerfile('true') }),
      ),
    ]);
    for (const answer of [failing, notTar, noDockerfile]) {
      expect(answer.status, answer.text).toBe(200);
      const last = answer.lines.at(-1);
      expect(last, answer.text).toMatchObject({ errorDetail: { message: expect.any(String) }, error: last?.errorDetail?.message });
    }
    expect(failing.lines.at(-1)?.error).toContain('returned a non-zero code: 3');
    for (const tag of tags) expect((await engine.request('GET', `/images/${tag}/json`)).status).toBe(404);
  });

  it('413 for a context over the limit, declared or streamed; 400 for a bad tag', async () => {
    const large = tarOf({ Dockerfile: dockerfile('true'), big: randomBytes(LIMIT) });
    const declared = await postBuild(gateway.origin, 't=wharf-test/too-large:1', large);
    expect(declared.status).toBe(413);
    const streamed = await postBuild(
      gateway.origin,
      't=wharf-test/too-large:1',
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let at = 0; at < large.length; at += 16 * 1024) controller.enqueue(large.subarray(at, at + 16 * 1024));
          controller.close();
        },
      }),
    );
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const badTag = await postBuild(gateway.origin, 't=Not%20A%20Tag', tarOf({ Dockerfile: dockerfile('true') }));
    expect(badTag.status).toBe(400);
  });

  it('streams the output as it comes; a client that goes away aborts the engine request', async () => {
    const tag = `wharf-test/${uniqueName('abandoned')}:1`;
    built.push(tag);
    proxy.reset();
    const controller = new AbortController();
    const res = await fetch(`${gateway.origin}/images/build?t=${encodeURIComponent(tag)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-tar' },
      body: new Uint8Array(tarOf({ Dockerfile: `FROM ${TEST_IMAGE}\nRUN sleep 30\n` })),
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The step's output comes while the step runs: nothing waits for the build's end.
    while (!text.includes('Running in')) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the build ended early: ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    expect(proxy.count('POST', '/build')).toBe(1);
    expect(proxy.open()).toBe(1);
    controller.abort();
    await waitUntil(() => proxy.open() === 0, 'the engine build request to close');
    expect((await engine.request('GET', `/images/${tag}/json`)).status).toBe(404);
  });

  it('admin only in token mode', async () => {
    const tokens = issueTokens('build');
    const tokenGateway = await startGateway(inject('dockerHost'), { tokens: Object.values(tokens) });
    try {
      const context = tarOf({ Dockerfile: dockerfile('true') });
      const [none, viewer, operator] = await Promise.all([
        postBuild(tokenGateway.origin, 't=wharf-test/refused:1', context),
        postBuild(tokenGateway.origin, 't=wharf-test/refused:1', context, { authorization: `Bearer ${tokens.viewer.token}` }),
        postBuild(tokenGateway.origin, 't=wharf-test/refused:1', context, { authorization: `Bearer ${tokens.operator.token}` }),
      ]);
      expect([none.status, viewer.status, operator.status]).toEqual([401, 403, 403]);
      expect((await engine.request('GET', '/images/wharf-test/refused:1/json')).status).toBe(404);
    } finally {
      await tokenGateway.close();
    }
  });
});
