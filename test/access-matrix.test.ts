// Who may do what, cell by cell: caller × operation × transport in token mode, checked against the engine's own record of calls.
import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import type { DocumentNode } from 'graphql';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import { isRole, type Role } from '../src/schema/access.js';
import { createToken } from '../src/server/auth/tokens.js';
import type { ContainerInspectWire } from '../src/docker/types.js';
import { graphql } from './gql/index.js';
import {
  issueTokens,
  outcomeCodes,
  outcomeMessages,
  runOperation,
  TRANSPORTS,
  type OperationOutcome,
  type Transport,
} from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer, TEST_LABEL, uniqueName } from './helpers/engine-api.js';
import { startGateway, type ProxiedGateway } from './helpers/gateway.js';

const engine = rawEngine(inject('dockerSocket'));
const tokens = issueTokens('matrix');
/** A well-formed token the gateway has never heard of. */
const strangerToken = createToken('matrix-stranger', 'admin').token;
/** Every credential of this file: none may ever come back in a response, an error or an audit record. */
const SECRETS = [...Object.values(tokens).map((t) => t.token), strangerToken];

type Caller = 'no token' | 'malformed' | 'unknown token' | Role;
const CALLERS: readonly Caller[] = ['no token', 'malformed', 'unknown token', 'viewer', 'operator', 'admin'];

function authorizationOf(caller: Caller): string | undefined {
  switch (caller) {
    case 'no token':
      return undefined;
    case 'malformed':
      // The admin's real token under the wrong scheme: refused, and never echoed.
      return `Token ${tokens.admin.token}`;
    case 'unknown token':
      return `Bearer ${strangerToken}`;
    default:
      return `Bearer ${tokens[caller].token}`;
  }
}

const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };

/** An exited container with environment values and one log line: what the queries and the subscription read. */
let fixture: { id: string; name: string };
let guarded: ProxiedGateway;
beforeAll(async () => {
  guarded = await startGateway(inject('dockerHost'), { countingProxy: true, warm: true, tokens: Object.values(tokens) });
  fixture = await createTestContainer(engine, {
    name: uniqueName('wharf-matrix-fixture'),
    cmd: ['echo', 'matrix says hello'],
    extra: { Env: ['MATRIX_SECRET=hunter2-matrix', 'MATRIX_PLAIN=visible'] },
  });
  await engine.json('POST', `/containers/${fixture.id}/wait`);
});
afterAll(async () => {
  await guarded?.close();
  if (fixture) await removeContainer(engine, fixture.id);
  await engine.close();
});

/** Containers (ids or names) a cell made, removed after it. */
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((ref) => removeContainer(engine, ref)));
});

const SLEEPER = ['sleep', '300'];

async function container(start: boolean): Promise<{ id: string; name: string }> {
  const created = await createTestContainer(engine, { name: uniqueName('wharf-matrix'), cmd: SLEEPER, start });
  made.push(created.id);
  return created;
}

const inspectOnEngine = (ref: string) => engine.json<ContainerInspectWire>('GET', `/containers/${encodeURIComponent(ref)}/json`);

const MatrixContainers = graphql(`
  query MatrixContainers($name: String!) {
    containers(all: true, filters: { name: [$name] }) {
      id
      name
      state
    }
  }
`);

const MatrixInspect = graphql(`
  query MatrixInspect($id: String!) {
    container(id: $id) {
      id
      inspect {
        config {
          env
        }
        raw
      }
    }
  }
`);

const MatrixLogs = graphql(`
  subscription MatrixLogs($id: String!) {
    containerLogs(id: $id) {
      stream
      message
    }
  }
`);

const MatrixStart = graphql(`
  mutation MatrixStart($id: String!) {
    startContainer(id: $id) { id state }
  }
`);
const MatrixStop = graphql(`
  mutation MatrixStop($id: String!, $timeout: Int) {
    stopContainer(id: $id, timeout: $timeout) { id state }
  }
`);
const MatrixRestart = graphql(`
  mutation MatrixRestart($id: String!, $timeout: Int) {
    restartContainer(id: $id, timeout: $timeout) { id state }
  }
`);
const MatrixKill = graphql(`
  mutation MatrixKill($id: String!) {
    killContainer(id: $id) { id state }
  }
`);
const MatrixPause = graphql(`
  mutation MatrixPause($id: String!) {
    pauseContainer(id: $id) { id state }
  }
`);
const MatrixUnpause = graphql(`
  mutation MatrixUnpause($id: String!) {
    unpauseContainer(id: $id) { id state }
  }
`);
const MatrixRename = graphql(`
  mutation MatrixRename($id: String!, $name: String!) {
    renameContainer(id: $id, name: $name) { id name }
  }
`);
const MatrixCreate = graphql(`
  mutation MatrixCreate($input: CreateContainerInput!) {
    createContainer(input: $input) { id name state }
  }
`);
const MatrixRemove = graphql(`
  mutation MatrixRemove($id: String!) {
    removeContainer(id: $id, force: true)
  }
`);

/** The data of the one result an operation gave, typed by its document; fails on errors. */
function single<TData, TVariables>(outcome: OperationOutcome, _document: TypedDocumentNode<TData, TVariables>): TData {
  expect(outcome.results.map((result) => result.errors ?? [])).toEqual([[]]);
  return outcome.results[0]!.data as TData;
}

interface Arranged {
  variables: Record<string, unknown>;
  /** The container as the operation names it: what its audit record must say. */
  container: string;
  /** A fact from before the operation that the check compares with. */
  before?: string;
}

interface OperationCase {
  name: string;
  kind: 'query' | 'mutation' | 'subscription';
  /** The root field, as the audit names the operation. */
  field: string;
  /** The least role that may run it. */
  needs: Role;
  document: DocumentNode;
  /** What an allowed run acts on; a denied run is pointed at the fixture, which it must never reach. */
  arrange(allowed: boolean): Promise<Arranged>;
  /** Checks an allowed run's answer and the engine's state after it. */
  check(outcome: OperationOutcome, caller: Role, arranged: Arranged): Promise<void>;
}

/** A lifecycle mutation on a fresh container in the state it needs, checked by the state it leaves. */
function lifecycleCase(
  field: string,
  document: DocumentNode,
  setup: { start: boolean; pause?: boolean; timeout?: boolean },
  after: { state: string; engineStatus: string; exitCode?: number; restarted?: boolean },
): OperationCase {
  return {
    name: field,
    kind: 'mutation',
    field,
    needs: 'operator',
    document,
    async arrange(allowed) {
      const timeout = setup.timeout ? { timeout: 0 } : {};
      if (!allowed) return { variables: { id: fixture.id, ...timeout }, container: fixture.id };
      const { id } = await container(setup.start);
      if (setup.pause) await engine.json('POST', `/containers/${id}/pause`);
      const before = (await inspectOnEngine(id)).State.StartedAt;
      return { variables: { id, ...timeout }, container: id, before };
    },
    async check(outcome, _caller, arranged) {
      const answer = outcome.results[0]?.data?.[field];
      expect(outcome.results.map((result) => result.errors ?? [])).toEqual([[]]);
      expect(answer).toEqual({ id: arranged.container, state: after.state });
      const state = (await inspectOnEngine(arranged.container)).State;
      expect(state.Status).toBe(after.engineStatus);
      if (after.exitCode !== undefined) expect(state.ExitCode).toBe(after.exitCode);
      if (after.restarted) expect(state.StartedAt).not.toBe(arranged.before);
    },
  };
}

const OPERATIONS: readonly OperationCase[] = [
  {
    name: 'containers query',
    kind: 'query',
    field: 'containers',
    needs: 'viewer',
    document: MatrixContainers,
    arrange: async () => ({ variables: { name: fixture.name }, container: fixture.name }),
    async check(outcome) {
      expect(single(outcome, MatrixContainers).containers).toEqual([{ id: fixture.id, name: fixture.name, state: 'EXITED' }]);
    },
  },
  {
    name: 'container inspect with env',
    kind: 'query',
    field: 'container',
    needs: 'viewer',
    document: MatrixInspect,
    arrange: async () => ({ variables: { id: fixture.id }, container: fixture.id }),
    async check(outcome, caller) {
      const inspect = single(outcome, MatrixInspect).container?.inspect;
      const engineEnv = (await inspectOnEngine(fixture.id)).Config.Env ?? [];
      expect(engineEnv).toContain('MATRIX_SECRET=hunter2-matrix');
      // A viewer sees every key and no value; the others see what the engine has.
      const shown = caller === 'viewer' ? engineEnv.map((entry) => `${entry.slice(0, entry.indexOf('='))}=***`) : engineEnv;
      expect(inspect?.config.env).toEqual(shown);
      expect((inspect?.raw as { Config: { Env: string[] } } | undefined)?.Config.Env).toEqual(shown);
      if (caller === 'viewer') {
        expect(shown).toContain('MATRIX_SECRET=***');
        expect(outcome.text).not.toContain('hunter2-matrix');
      }
    },
  },
  {
    name: 'containerLogs subscription',
    kind: 'subscription',
    field: 'containerLogs',
    needs: 'viewer',
    document: MatrixLogs,
    arrange: async () => ({ variables: { id: fixture.id }, container: fixture.id }),
    async check(outcome) {
      expect(outcomeCodes(outcome)).toEqual([]);
      // The container has exited: its history, then the subscription completes.
      expect(outcome.results.map((result) => (result.data as { containerLogs: { message: string } }).containerLogs)).toEqual([
        { stream: 'STDOUT', message: 'matrix says hello' },
      ]);
    },
  },
  lifecycleCase('startContainer', MatrixStart, { start: false }, { state: 'RUNNING', engineStatus: 'running' }),
  lifecycleCase('stopContainer', MatrixStop, { start: true, timeout: true }, { state: 'EXITED', engineStatus: 'exited' }),
  lifecycleCase(
    'restartContainer',
    MatrixRestart,
    { start: true, timeout: true },
    { state: 'RUNNING', engineStatus: 'running', restarted: true },
  ),
  lifecycleCase('killContainer', MatrixKill, { start: true }, { state: 'EXITED', engineStatus: 'exited', exitCode: 137 }),
  lifecycleCase('pauseContainer', MatrixPause, { start: true }, { state: 'PAUSED', engineStatus: 'paused' }),
  lifecycleCase('unpauseContainer', MatrixUnpause, { start: true, pause: true }, { state: 'RUNNING', engineStatus: 'running' }),
  {
    name: 'renameContainer',
    kind: 'mutation',
    field: 'renameContainer',
    needs: 'operator',
    document: MatrixRename,
    async arrange(allowed) {
      const newName = uniqueName('wharf-matrix-renamed');
      if (!allowed) return { variables: { id: fixture.id, name: newName }, container: fixture.id, before: newName };
      const { id } = await container(false);
      return { variables: { id, name: newName }, container: id, before: newName };
    },
    async check(outcome, _caller, arranged) {
      expect(single(outcome, MatrixRename).renameContainer).toEqual({ id: arranged.container, name: arranged.before });
      expect((await inspectOnEngine(arranged.container)).Name).toBe(`/${arranged.before}`);
    },
  },
  {
    name: 'createContainer',
    kind: 'mutation',
    field: 'createContainer',
    needs: 'admin',
    document: MatrixCreate,
    async arrange(allowed) {
      const name = uniqueName('wharf-matrix-created');
      if (allowed) made.push(name);
      const input = { image: TEST_IMAGE, name, cmd: SLEEPER, labels: [{ key: TEST_LABEL, value: '1' }] };
      return { variables: { input }, container: name };
    },
    async check(outcome, _caller, arranged) {
      const created = single(outcome, MatrixCreate).createContainer;
      expect(created).toMatchObject({ name: arranged.container, state: 'CREATED' });
      expect(await inspectOnEngine(arranged.container)).toMatchObject({ Id: created.id, Config: { Image: TEST_IMAGE } });
    },
  },
  {
    name: 'removeContainer',
    kind: 'mutation',
    field: 'removeContainer',
    needs: 'admin',
    document: MatrixRemove,
    async arrange(allowed) {
      if (!allowed) return { variables: { id: fixture.id }, container: fixture.id };
      const { id } = await container(false);
      return { variables: { id }, container: id };
    },
    async check(outcome, _caller, arranged) {
      expect(single(outcome, MatrixRemove).removeContainer).toBe(arranged.container);
      const res = await engine.request('GET', `/containers/${arranged.container}/json`);
      expect(res.status).toBe(404);
    },
  },
];

type Expected = 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED' | 'closed 4401' | 'POST only (405)';

function transportsFor(operation: OperationCase): readonly Transport[] {
  // A subscription streams: over SSE or graphql-ws, not as one HTTP answer.
  return operation.kind === 'subscription' ? ['sse', 'graphql-ws'] : TRANSPORTS;
}

function expectedOutcome(caller: Caller, operation: OperationCase, transport: Transport): Expected {
  if (!isRole(caller)) return transport === 'graphql-ws' ? 'closed 4401' : 'UNAUTHENTICATED';
  // GraphQL over HTTP: a mutation never runs from a GET, whoever asks.
  if (operation.kind === 'mutation' && transport === 'http-get') return 'POST only (405)';
  return RANK[caller] >= RANK[operation.needs] ? 'ok' : 'FORBIDDEN';
}

function expectNoSecrets(text: string): void {
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe.each(CALLERS)('%s', (caller) => {
  describe.each(OPERATIONS.map((operation) => [operation.name, operation] as const))('%s', (_name, operation) => {
    const cells = transportsFor(operation).map((transport) => [transport, expectedOutcome(caller, operation, transport)] as const);

    it.each(cells)('over %s: %s', async (transport, expected) => {
      const arranged = await operation.arrange(expected === 'ok');
      guarded.proxy.reset();
      guarded.audit.length = 0;

      const outcome = await runOperation(transport, guarded, operation.document, arranged.variables, authorizationOf(caller));

      switch (expected) {
        case 'UNAUTHENTICATED':
          expect(outcome.status).toBe(401);
          expect(outcome.headers?.get('www-authenticate')).toBe('Bearer');
          expect(outcomeCodes(outcome)).toEqual(['UNAUTHENTICATED']);
          break;
        case 'closed 4401':
          expect(outcome.closed?.code).toBe(4401);
          expect(outcome.results).toEqual([]);
          break;
        case 'POST only (405)':
          expect(outcome.status).toBe(405);
          expect(outcomeCodes(outcome)).toEqual(['BAD_USER_INPUT']);
          break;
        case 'FORBIDDEN':
          expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
          expect(outcomeMessages(outcome)[0]).toContain(operation.field);
          expect(outcome.results[0]?.data ?? null).toBeNull();
          break;
        case 'ok':
          await operation.check(outcome, caller as Role, arranged);
          break;
      }

      // A denied operation never reaches the engine; an allowed one does, through the proxy.
      if (expected === 'ok') expect(guarded.proxy.calls.length).toBeGreaterThan(0);
      else expect(guarded.proxy.calls).toEqual([]);

      // One audit record per mutation that ran, allowed or denied; nothing for the rest.
      const audited = operation.kind === 'mutation' && isRole(caller) && expected !== 'POST only (405)';
      expect(guarded.audit).toEqual(
        audited
          ? [
              {
                time: expect.any(String),
                token: tokens[caller as Role].name,
                role: caller,
                operation: operation.field,
                container: arranged.container,
                outcome: expected === 'ok' ? 'ok' : 'FORBIDDEN',
              },
            ]
          : [],
      );

      expectNoSecrets(outcome.text);
      expectNoSecrets(JSON.stringify(guarded.audit));
    });
  });
});

describe('export route', () => {
  const cells = CALLERS.map(
    (caller) => [caller, !isRole(caller) ? 'UNAUTHENTICATED (401)' : caller === 'admin' ? 'a tar stream' : 'FORBIDDEN (403)'] as const,
  );

  it.each(cells)('%s: %s', async (caller, expected) => {
    guarded.proxy.reset();
    const authorization = authorizationOf(caller);
    const res = await fetch(`${guarded.origin}/containers/${fixture.id}/export`, {
      headers: authorization === undefined ? {} : { authorization },
      signal: AbortSignal.timeout(15_000),
    });
    const body = Buffer.from(await res.arrayBuffer());

    if (expected === 'a tar stream') {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/x-tar');
      // ustar magic of the first header
      expect(body.subarray(257, 262).toString('latin1')).toBe('ustar');
      expect(guarded.proxy.count('GET', `/containers/${fixture.id}/export`)).toBe(1);
    } else {
      const parsed = JSON.parse(body.toString('utf8')) as { errors: Array<{ message: string; extensions: { code: string } }> };
      expect(res.status).toBe(expected === 'FORBIDDEN (403)' ? 403 : 401);
      expect(parsed.errors.map((e) => e.extensions.code)).toEqual([expected === 'FORBIDDEN (403)' ? 'FORBIDDEN' : 'UNAUTHENTICATED']);
      expect(guarded.proxy.calls).toEqual([]);
      expectNoSecrets(body.toString('utf8'));
    }
  });
});

describe('graphql-ws credentials in the upgrade request', () => {
  it('lets a known token in from the Authorization header of the upgrade', async () => {
    const outcome = await runOperation('graphql-ws', guarded, MatrixContainers, { name: fixture.name }, `Bearer ${tokens.viewer.token}`, {
      authorizationInUpgrade: true,
    });
    expect(single(outcome, MatrixContainers).containers.map((c) => c.id)).toEqual([fixture.id]);
  });

  it('closes with 4401 for an unknown token in the Authorization header of the upgrade', async () => {
    guarded.proxy.reset();
    const outcome = await runOperation('graphql-ws', guarded, MatrixContainers, { name: fixture.name }, `Bearer ${strangerToken}`, {
      authorizationInUpgrade: true,
    });
    expect(outcome.closed?.code).toBe(4401);
    expect(guarded.proxy.calls).toEqual([]);
    expectNoSecrets(outcome.text);
  });
});
