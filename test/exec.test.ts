// execInContainer against a real engine: output, exit code, stdin, the 1 MiB bound, bad input, access and the abort.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphql } from './gql/index.js';
import { issueTokens } from './helpers/access.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { errorCodes, gatewayForFile, gql, startGateway, type ProxiedGateway } from './helpers/gateway.js';
import { waitUntil } from './helpers/subscriptions.js';

const tokens = issueTokens('exec');
const { engine, gateway } = gatewayForFile({ tokens: Object.values(tokens) });
/**
 * Refusals are counted through a proxy. Runs go straight to the engine: the proxy cannot carry the
 * exec start's body on a hijacked connection (it forwards an upgrade request without its body).
 */
let counted: ProxiedGateway;
const proxy = {
  reset: () => counted.proxy.reset(),
  count: (method: string, path: RegExp) => counted.proxy.count(method, path),
  calls: () => counted.proxy.calls,
};
const as = (role: keyof typeof tokens) => ({ headers: { authorization: `Bearer ${tokens[role].token}` } });

const Exec = graphql(`
  mutation Exec($id: String!, $cmd: [String!]!, $env: [String!], $workingDir: String, $user: String, $stdin: String) {
    execInContainer(id: $id, cmd: $cmd, env: $env, workingDir: $workingDir, user: $user, stdin: $stdin) {
      exitCode
      stdout
      stderr
      truncated
    }
  }
`);

let running: { id: string; name: string };
let stopped: { id: string; name: string };
let paused: { id: string; name: string };
beforeAll(async () => {
  const grace = { extra: { StopTimeout: 1 } };
  [running, stopped, paused] = await Promise.all([
    createTestContainer(engine, { cmd: ['sleep', '600'], ...grace }),
    createTestContainer(engine, { cmd: ['sleep', '600'], start: false, ...grace }),
    createTestContainer(engine, { cmd: ['sleep', '600'], ...grace }),
  ]);
  await engine.json('POST', `/containers/${paused.id}/pause`);
  counted = await startGateway(inject('dockerHost'), { countingProxy: true, tokens: Object.values(tokens), warm: true });
});
afterAll(async () => {
  await counted?.close();
  await Promise.all([running, stopped, paused].filter(Boolean).map((c) => removeContainer(engine, c.id)));
});

const execCalls = () => proxy.count('POST', /^\/containers\/[^/]+\/exec$/) + proxy.count('POST', /^\/exec\//);

describe('execInContainer', () => {
  it('returns stdout, stderr and the exit code apart', async () => {
    const result = await gql(gateway.url, Exec, { id: running.id, cmd: ['sh', '-c', 'echo out; echo err >&2; exit 3'] }, as('admin'));
    expect(result.errors).toBeUndefined();
    expect(result.data?.execInContainer).toEqual({ exitCode: 3, stdout: 'out\n', stderr: 'err\n', truncated: false });
  });

  it('writes stdin and closes it: cat echoes it and ends', async () => {
    const stdin = 'first line\nsecond line ü\n';
    const result = await gql(gateway.url, Exec, { id: running.name, cmd: ['cat'], stdin }, as('admin'));
    expect(result.data?.execInContainer).toEqual({ exitCode: 0, stdout: stdin, stderr: '', truncated: false });
  });

  it('runs with the env, working directory and user given, addressed as engine/name', async () => {
    const script = 'echo "$GREETING $(pwd)"; while read k v rest; do [ "$k" = Uid: ] && echo "$v"; done < /proc/self/status; true';
    const result = await gql(
      gateway.url,
      Exec,
      { id: `local/${running.name}`, cmd: ['sh', '-c', script], env: ['GREETING=hi-there'], workingDir: '/tmp', user: '1234' },
      as('admin'),
    );
    expect(result.data?.execInContainer).toEqual({ exitCode: 0, stdout: 'hi-there /tmp\n1234\n', stderr: '', truncated: false });
    // The audit names the token, the operation and the command, never an environment value.
    const line = gateway.audit.findLast((record) => record.operation === 'execInContainer');
    expect(line).toMatchObject({
      token: tokens.admin.name,
      outcome: 'ok',
      container: `local/${running.name}`,
      command: ['sh', '-c', script],
    });
    expect(JSON.stringify(gateway.audit)).not.toContain('hi-there');
  });

  it('keeps 1 MiB of a 2 MiB output, says truncated, and still gets the exit code', async () => {
    const result = await gql(
      gateway.url,
      Exec,
      { id: running.id, cmd: ['sh', '-c', 'yes 0123456789abcde | head -c 2097152; echo after >&2; exit 4'] },
      as('admin'),
    );
    const output = result.data?.execInContainer;
    expect(output?.truncated).toBe(true);
    expect(output?.exitCode).toBe(4);
    expect(output?.stdout.length).toBe(1024 * 1024);
    expect(output?.stdout.startsWith('0123456789abcde\n0123456789abcde\n')).toBe(true);
    expect(output?.stderr).toBe('');
  });

  it('ends the engine connection when the client goes away', async () => {
    const openStreams = async () => {
      const res = await fetch(`${gateway.origin}/metrics`, as('admin'));
      const match = /^wharf_open_upstream_streams\{engine="local"\} (\d+)$/m.exec(await res.text());
      return Number(match?.[1] ?? 0);
    };
    expect(await openStreams()).toBe(0);
    const controller = new AbortController();
    const pending = gql(gateway.url, Exec, { id: running.id, cmd: ['sleep', '30'] }, { ...as('admin'), signal: controller.signal });
    await waitUntil(async () => (await openStreams()) === 1, 'the exec stream to open');
    controller.abort();
    await expect(pending).rejects.toThrow();
    await waitUntil(async () => (await openStreams()) === 0, 'the exec stream to close');
  });
});

describe('execInContainer refuses', () => {
  const refusals: Array<[string, () => { id: string; cmd: string[] }, string, RegExp]> = [
    ['a stopped container', () => ({ id: stopped.id, cmd: ['true'] }), 'CONFLICT', /not running/],
    ['a paused container', () => ({ id: paused.id, cmd: ['true'] }), 'CONFLICT', /paused/],
    ['a missing container', () => ({ id: 'no-such-container-for-exec', cmd: ['true'] }), 'NOT_FOUND', /No such container/],
    ['an empty cmd', () => ({ id: running.id, cmd: [] }), 'BAD_USER_INPUT', /cmd/],
  ];
  it.each(refusals)('%s, before any exec is created', async (_what, args, code, message) => {
    proxy.reset();
    const result = await gql(counted.url, Exec, args(), as('admin'));
    expect(errorCodes(result)).toEqual([code]);
    expect(result.errors?.[0]?.message).toMatch(message);
    expect(execCalls()).toBe(0);
  });

  it('a program that does not exist, with the engine message', async () => {
    const result = await gql(gateway.url, Exec, { id: running.id, cmd: ['/no/such/program'] }, as('admin'));
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0]?.message).toMatch(/no such file or directory|not found/);
  });

  it.each(['viewer', 'operator'] as const)('the %s role, before any engine call', async (role) => {
    proxy.reset();
    const result = await gql(counted.url, Exec, { id: running.id, cmd: ['true'] }, as(role));
    expect(errorCodes(result)).toEqual(['FORBIDDEN']);
    expect(proxy.calls()).toEqual([]);
  });
});
