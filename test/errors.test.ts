// Every documented error code that the engine or the gateway can produce, reached for real, and nothing internal leaking out.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExecutionResult } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { graphql } from './gql/index.js';
import { createTestContainer, EngineRequestError, removeContainer, TEST_LABEL, uniqueName } from './helpers/engine-api.js';
import { errorCodes, gql, startGateway, gatewayForFile } from './helpers/gateway.js';
import { wsClient } from './helpers/ws.js';

const { engine, gateway } = gatewayForFile();

/** A created (or running) test container, removed when `use` is done. */
async function withContainer(
  cmd: string[],
  start: boolean,
  use: (container: { id: string; name: string }) => Promise<void>,
): Promise<void> {
  const container = await createTestContainer(engine, { cmd, start });
  try {
    await use(container);
  } finally {
    await removeContainer(engine, container.id);
  }
}

const RUNS = ['sleep', '300'];

/** The message the engine itself gives for a request it refuses. */
async function engineRefusal(method: string, path: string): Promise<{ status: number; message: string }> {
  try {
    await engine.json(method, path);
  } catch (error) {
    if (error instanceof EngineRequestError) return { status: error.status, message: error.engineMessage };
    throw error;
  }
  throw new Error(`${method} ${path} succeeded; the test expected the engine to refuse it`);
}

/** No stack trace and no path of the gateway's own files in any error, message or extension. */
function expectNothingInternal(result: ExecutionResult<unknown>): void {
  for (const error of result.errors ?? []) {
    expect(error).not.toHaveProperty('stack');
    expect(error.extensions ?? {}).not.toHaveProperty('stack');
    expect(error.extensions ?? {}).not.toHaveProperty('stacktrace');
    expect(error.extensions ?? {}).not.toHaveProperty('originalError');
    const text = JSON.stringify(error);
    expect(text).not.toMatch(/stack/i);
    expect(text).not.toContain('/work/');
    expect(text).not.toContain('node_modules');
    expect(text).not.toMatch(/\.ts:\d/);
    expect(text).not.toMatch(/\\n\s+at /);
  }
}

/** Exactly one error, with this code, and nothing internal in it. */
function expectOneError(result: ExecutionResult<unknown>, code: string): string {
  expect(errorCodes(result)).toEqual([code]);
  expectNothingInternal(result);
  return result.errors?.[0]?.message ?? '';
}

const ErrorsStart = graphql(`mutation ErrorsStart($id: String!) { startContainer(id: $id) { id } }`);
const ErrorsStop = graphql(`mutation ErrorsStop($id: String!, $timeout: Int) { stopContainer(id: $id, timeout: $timeout) { id } }`);
const ErrorsRestart = graphql(
  `mutation ErrorsRestart($id: String!, $timeout: Int) { restartContainer(id: $id, timeout: $timeout) { id } }`,
);
const ErrorsKill = graphql(`mutation ErrorsKill($id: String!, $signal: String) { killContainer(id: $id, signal: $signal) { id } }`);
const ErrorsPause = graphql(`mutation ErrorsPause($id: String!) { pauseContainer(id: $id) { id } }`);
const ErrorsUnpause = graphql(`mutation ErrorsUnpause($id: String!) { unpauseContainer(id: $id) { id } }`);
const ErrorsRename = graphql(`mutation ErrorsRename($id: String!, $name: String!) { renameContainer(id: $id, name: $name) { id } }`);
const ErrorsRemove = graphql(`mutation ErrorsRemove($id: String!, $force: Boolean) { removeContainer(id: $id, force: $force) }`);
const ErrorsCreate = graphql(`mutation ErrorsCreate($input: CreateContainerInput!) { createContainer(input: $input) { id } }`);
const ErrorsTop = graphql(`query ErrorsTop($id: String!, $psArgs: String) { container(id: $id) { top(psArgs: $psArgs) { titles } } }`);
const ErrorsLogs = graphql(`
  query ErrorsLogs($id: String!, $tail: Int, $since: DateTime) {
    container(id: $id) { logs(tail: $tail, since: $since) { message } }
  }
`);
const ErrorsList = graphql(`query ErrorsList($limit: Int) { containers(all: true, limit: $limit) { id } }`);
const ErrorsContainer = graphql(`query ErrorsContainer($id: String!) { container(id: $id) { id inspect { path } } }`);
const ErrorsEngine = graphql(`query ErrorsEngine { engine { version apiVersion } }`);

describe('NOT_FOUND', () => {
  const missing = () => uniqueName('wharf-missing');
  const onMissing: Array<[string, (id: string) => Promise<ExecutionResult<unknown>>]> = [
    ['startContainer', (id) => gql(gateway.url, ErrorsStart, { id })],
    ['stopContainer', (id) => gql(gateway.url, ErrorsStop, { id, timeout: 0 })],
    ['restartContainer', (id) => gql(gateway.url, ErrorsRestart, { id, timeout: 0 })],
    ['killContainer', (id) => gql(gateway.url, ErrorsKill, { id })],
    ['pauseContainer', (id) => gql(gateway.url, ErrorsPause, { id })],
    ['unpauseContainer', (id) => gql(gateway.url, ErrorsUnpause, { id })],
    ['renameContainer', (id) => gql(gateway.url, ErrorsRename, { id, name: uniqueName('wharf-new-name') })],
    ['removeContainer', (id) => gql(gateway.url, ErrorsRemove, { id, force: true })],
  ];

  it.each(onMissing)('%s on a container that does not exist', async (_mutation, run) => {
    const id = missing();
    const result = await run(id);
    expect(result.data).toBeNull();
    const message = expectOneError(result, 'NOT_FOUND');
    expect(message).toContain(id);
  });

  it('createContainer with an image the engine does not have', async () => {
    const result = await gql(gateway.url, ErrorsCreate, {
      input: { image: 'wharf-test/no-such-image:latest', cmd: ['true'], labels: [{ key: TEST_LABEL, value: '1' }] },
    });
    const message = expectOneError(result, 'NOT_FOUND');
    expect(message).toContain('wharf-test/no-such-image');
  });

  it('is not an error for the container query, which answers null', async () => {
    const result = await gql(gateway.url, ErrorsContainer, { id: missing() });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ container: null });
  });

  it("is the export route's 404 for a container that does not exist", async () => {
    const res = await fetch(`${gateway.origin}/containers/${missing()}/export`);
    expect(res.status).toBe(404);
    const body = (await res.json()) as ExecutionResult<unknown>;
    expectOneError(body, 'NOT_FOUND');
  });
});

describe('CONFLICT', () => {
  it('killing a container that is not running', async () => {
    await withContainer(['true'], false, async ({ id }) => {
      const refusal = await engineRefusal('POST', `/containers/${id}/kill`);
      expect(refusal.status).toBe(409);
      const message = expectOneError(await gql(gateway.url, ErrorsKill, { id }), 'CONFLICT');
      expect(message).toBe(refusal.message);
    });
  });

  it('removing a running container without force', async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      const message = expectOneError(await gql(gateway.url, ErrorsRemove, { id }), 'CONFLICT');
      expect(message).toContain('cannot remove a running container');
    });
  });

  it('creating a container with a name in use', async () => {
    await withContainer(['true'], false, async ({ name }) => {
      const result = await gql(gateway.url, ErrorsCreate, {
        input: { image: TEST_IMAGE, name, cmd: ['true'], labels: [{ key: TEST_LABEL, value: '1' }] },
      });
      const message = expectOneError(result, 'CONFLICT');
      expect(message).toContain(`/${name}`);
    });
  });

  it('renaming a container to a name in use', async () => {
    await withContainer(['true'], false, async (first) => {
      await withContainer(['true'], false, async (second) => {
        const message = expectOneError(await gql(gateway.url, ErrorsRename, { id: first.id, name: second.name }), 'CONFLICT');
        expect(message).toContain(second.name);
      });
    });
  });

  it('pausing a container that is not running', async () => {
    await withContainer(['true'], false, async ({ id }) => {
      const refusal = await engineRefusal('POST', `/containers/${id}/pause`);
      expect(refusal.status).toBe(409);
      const message = expectOneError(await gql(gateway.url, ErrorsPause, { id }), 'CONFLICT');
      expect(message).toBe(refusal.message);
    });
  });

  it('listing the processes of a container that is not running', async () => {
    await withContainer(['true'], false, async ({ id }) => {
      const result = await gql(gateway.url, ErrorsTop, { id });
      expectOneError(result, 'CONFLICT');
      expect(result.errors?.[0]?.path).toEqual(['container', 'top']);
    });
  });
});

describe('BAD_USER_INPUT', () => {
  it('a subscription whose root field is under @include with an undefined variable, over graphql-ws', async () => {
    const client = wsClient(gateway.wsUrl);
    try {
      const failure = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: 'subscription { events @include(if: $nope) { action } }' },
          { next: () => undefined, error: resolve, complete: () => resolve(undefined) },
        );
      });
      expect(Array.isArray(failure) ? failure.map((e: { extensions?: { code?: string } }) => e.extensions?.code) : failure).toEqual([
        'BAD_USER_INPUT',
      ]);
    } finally {
      await client.dispose();
    }
  });

  it('an argument the engine rejects with 400: a restart policy it does not know', async () => {
    const name = uniqueName('wharf-bad-policy');
    try {
      const result = await gql(gateway.url, ErrorsCreate, {
        input: {
          image: TEST_IMAGE,
          name,
          cmd: ['true'],
          labels: [{ key: TEST_LABEL, value: '1' }],
          hostConfig: { restartPolicy: { name: 'sometimes' } },
        },
      });
      const message = expectOneError(result, 'BAD_USER_INPUT');
      expect(message).toContain("invalid restart policy 'sometimes'");
      expect((await engine.request('GET', `/containers/${name}/json`)).status).toBe(404);
    } finally {
      await removeContainer(engine, name);
    }
  });

  it('an argument the engine rejects with 400: a signal it does not know', async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      const refusal = await engineRefusal('POST', `/containers/${id}/kill?signal=SIGWHARF`);
      expect(refusal.status).toBe(400);
      const message = expectOneError(await gql(gateway.url, ErrorsKill, { id, signal: 'SIGWHARF' }), 'BAD_USER_INPUT');
      expect(message).toBe(refusal.message);
    });
  });

  it('a negative tail', async () => {
    await withContainer(['true'], false, async ({ id }) => {
      expectOneError(await gql(gateway.url, ErrorsLogs, { id, tail: -1 }), 'BAD_USER_INPUT');
    });
  });

  it('a negative limit', async () => {
    expectOneError(await gql(gateway.url, ErrorsList, { limit: -1 }), 'BAD_USER_INPUT');
  });

  it('a negative stop or restart timeout, which leaves the container running', async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      expectOneError(await gql(gateway.url, ErrorsStop, { id, timeout: -1 }), 'BAD_USER_INPUT');
      expectOneError(await gql(gateway.url, ErrorsRestart, { id, timeout: -5 }), 'BAD_USER_INPUT');
      const inspect = await engine.json<{ State: { Running: boolean; StartedAt: string } }>('GET', `/containers/${id}/json`);
      expect(inspect.State.Running).toBe(true);
    });
  });

  it('a signal that is not a signal name or number', async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      expectOneError(await gql(gateway.url, ErrorsKill, { id, signal: 'not a signal; rm -rf /' }), 'BAD_USER_INPUT');
    });
  });

  it('an env entry that is not KEY=value', async () => {
    const result = await gql(gateway.url, ErrorsCreate, {
      input: { image: TEST_IMAGE, cmd: ['true'], env: ['NOVALUE'], labels: [{ key: TEST_LABEL, value: '1' }] },
    });
    expectOneError(result, 'BAD_USER_INPUT');
  });

  it('an empty new name', async () => {
    await withContainer(['true'], false, async ({ id, name }) => {
      expectOneError(await gql(gateway.url, ErrorsRename, { id, name: '' }), 'BAD_USER_INPUT');
      const inspect = await engine.json<{ Name: string }>('GET', `/containers/${id}/json`);
      expect(inspect.Name).toBe(`/${name}`);
    });
  });

  it('a DateTime that is not RFC 3339', async () => {
    await withContainer(['true'], false, async ({ id }) => {
      const result = await gql(gateway.url, ErrorsLogs, { id, since: 'yesterday at noon' });
      expectOneError(result, 'BAD_USER_INPUT');
      expect(result.data).toBeUndefined();
    });
  });

  it('a variable of the wrong type', async () => {
    const result = await gql<unknown, Record<string, unknown>>(
      gateway.url,
      'query ErrorsWrongVariable($limit: Int) { containers(limit: $limit) { id } }',
      { limit: 'ten' },
    );
    expectOneError(result, 'BAD_USER_INPUT');
  });

  it('a syntax error', async () => {
    const result = await gql<unknown, Record<string, unknown>>(gateway.url, '{ containers(all: true) { id ');
    expect(result.status).toBe(400);
    const message = expectOneError(result, 'BAD_USER_INPUT');
    expect(message).toMatch(/Syntax Error/);
  });

  it('an unknown field', async () => {
    const result = await gql<unknown, Record<string, unknown>>(gateway.url, '{ containers { id wharfNoSuchField } }');
    expect(result.status).toBe(400);
    const message = expectOneError(result, 'BAD_USER_INPUT');
    expect(message).toContain('wharfNoSuchField');
  });
});

describe('DOCKER_UNAVAILABLE', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp('/tmp/wharf-nosock.');
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  /** Every kind of operation against a gateway whose engine cannot be reached. */
  async function expectUnavailable(dockerHost: string): Promise<void> {
    const unreachable = await startGateway(dockerHost);
    try {
      const started = Date.now();
      const results: Array<[string, ExecutionResult<unknown>]> = [
        ['containers', await gql(unreachable.url, ErrorsList, {})],
        ['container', await gql(unreachable.url, ErrorsContainer, { id: 'anything' })],
        ['engine', await gql(unreachable.url, ErrorsEngine, {})],
        ['startContainer', await gql(unreachable.url, ErrorsStart, { id: 'anything' })],
      ];
      for (const [operation, result] of results) {
        expect(errorCodes(result), operation).toEqual(['DOCKER_UNAVAILABLE']);
        expectNothingInternal(result);
      }
      // A socket that is not there fails at once, not after the connect timeout.
      expect(Date.now() - started).toBeLessThan(2_000);

      const exported = await fetch(`${unreachable.origin}/containers/anything/export`);
      expect(exported.status).toBe(503);
      expectOneError((await exported.json()) as ExecutionResult<unknown>, 'DOCKER_UNAVAILABLE');
      expect((await fetch(`${unreachable.origin}/readyz`)).status).toBe(503);
      expect((await fetch(`${unreachable.origin}/healthz`)).status).toBe(200);
    } finally {
      await unreachable.close();
    }
  }

  it('when the engine socket does not exist', async () => {
    await expectUnavailable(`unix://${join(dir, 'docker.sock')}`);
  });

  it('when nothing listens on the socket path', async () => {
    const path = join(dir, 'not-a-socket.sock');
    await writeFile(path, '');
    await expectUnavailable(`unix://${path}`);
  });
});

describe('DOCKER_ERROR', () => {
  it("an engine 500, with the engine's own message: ps arguments that ps rejects", async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      const psArgs = '--wharf-no-such-option';
      const refusal = await engineRefusal('GET', `/containers/${id}/top?ps_args=${encodeURIComponent(psArgs)}`);
      expect(refusal.status).toBe(500);
      const result = await gql(gateway.url, ErrorsTop, { id, psArgs });
      const message = expectOneError(result, 'DOCKER_ERROR');
      expect(message).toContain(refusal.message);
    });
  });

  it("an engine 500, with the engine's own message: unpausing a container that is not paused", async () => {
    await withContainer(RUNS, true, async ({ id }) => {
      const refusal = await engineRefusal('POST', `/containers/${id}/unpause`);
      expect(refusal.status).toBe(500);
      const message = expectOneError(await gql(gateway.url, ErrorsUnpause, { id }), 'DOCKER_ERROR');
      expect(message).toContain(refusal.message);
    });
  });
});
