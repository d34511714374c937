// The terminal WebSocket against a real engine: a shell's prompt, input and output, resize, exit, hang-up on close, fds over 50 sessions, and access.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { WebSocket } from 'ws';
import { issueTokens } from './helpers/access.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gatewayForFile, startGateway, type ProxiedGateway } from './helpers/gateway.js';
import { openFileDescriptors } from './helpers/process-probes.js';
import { waitUntil } from './helpers/subscriptions.js';

const tokens = issueTokens('terminal');
const { engine, gateway } = gatewayForFile({ tokens: Object.values(tokens) });
/** Refusals are counted through a proxy (which cannot carry an exec start's body, so only refusals go through it). */
let counted: ProxiedGateway;

let running: { id: string; name: string };
let stopped: { id: string; name: string };
beforeAll(async () => {
  [running, stopped] = await Promise.all([
    createTestContainer(engine, { cmd: ['sleep', '600'], extra: { StopTimeout: 1 } }),
    createTestContainer(engine, { cmd: ['sleep', '600'], start: false }),
  ]);
  counted = await startGateway(inject('dockerHost'), { countingProxy: true, tokens: Object.values(tokens), warm: true });
});
afterAll(async () => {
  await counted?.close();
  await Promise.all([running, stopped].filter(Boolean).map((c) => removeContainer(engine, c.id)));
});

/** A terminal client as a browser's would be: what came back, as text, and how the socket closed. */
class Terminal {
  output = '';
  readonly controls: Array<Record<string, unknown>> = [];
  closed: { code: number; reason: string } | undefined;
  readonly ws: WebSocket;

  constructor(url: string, headers: Record<string, string> = {}) {
    this.ws = new WebSocket(url, { headers });
    this.ws.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) this.output += data.toString('utf8');
      else this.controls.push(JSON.parse(data.toString('utf8')) as Record<string, unknown>);
    });
    this.ws.on('close', (code: number, reason: Buffer) => {
      this.closed = { code, reason: reason.toString() };
    });
    this.ws.on('error', () => undefined);
  }

  opened(): Promise<void> {
    if (this.ws.readyState === WebSocket.OPEN) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('close', (code: number) => reject(new Error(`closed with ${code} before opening`)));
    });
  }

  type(text: string): void {
    this.ws.send(Buffer.from(text), { binary: true });
  }

  control(message: object): void {
    this.ws.send(JSON.stringify(message));
  }

  until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    return waitUntil(
      check,
      () => `${what}; output so far ${JSON.stringify(this.output.slice(-300))}, closed ${JSON.stringify(this.closed)}`,
      {
        timeoutMs,
      },
    );
  }

  /** busybox ash's prompt for root; it asks for the cursor position first, and input typed before the prompt may be lost. */
  prompt(count = 1): Promise<void> {
    return this.until(() => this.output.split('# ').length > count, `prompt ${count}`);
  }

  closedWith(): Promise<{ code: number; reason: string }> {
    return this.until(() => this.closed !== undefined, 'the socket to close').then(() => this.closed!);
  }
}

const terminalUrl = (base: string, container: string, cmd: string[], tty = true) =>
  `${base.replace(/^http/, 'ws')}/containers/${encodeURIComponent(container).replace('%2F', '/')}/exec?${cmd.map((c) => `cmd=${encodeURIComponent(c)}`).join('&')}${tty ? '&tty=1' : ''}`;
const adminHeader = () => ({ authorization: `Bearer ${tokens.admin.token}` });

/** The container's processes whose command is exactly `sh` (the sessions' shells; its own process is sleep). */
async function shells(id: string): Promise<number> {
  const top = await engine.json<{ Titles: string[]; Processes: string[][] }>('GET', `/containers/${id}/top`);
  const command = top.Titles.findIndex((t) => t === 'CMD' || t === 'COMMAND');
  return top.Processes.filter((p) => p[command] === 'sh').length;
}

describe('a TTY shell in the terminal', () => {
  it('prompts, runs a command, follows a resize, and exits with its code', async () => {
    const term = new Terminal(terminalUrl(gateway.origin, `local/${running.name}`, ['sh']), adminHeader());
    await term.opened();
    await term.prompt(1);
    term.type('echo hello-$((6*7))\r');
    await term.until(() => term.output.includes('hello-42'), 'hello-42');
    await term.prompt(2);
    // An unknown control message is ignored: the session goes on.
    term.control({ type: 'bell' });
    term.control({ type: 'resize', cols: 101, rows: 33 });
    // The resize is its own engine call: the size may reach the TTY after a command typed at once.
    for (let attempt = 1; !term.output.includes('33 101'); attempt++) {
      term.type('busybox stty size\r');
      await term.prompt(2 + attempt);
      if (attempt === 10) throw new Error(`stty never saw the resize: ${term.output.slice(-200)}`);
    }
    term.type('exit 5\r');
    expect(await term.closedWith()).toEqual({ code: 1000, reason: '' });
    expect(term.controls).toEqual([{ type: 'exit', exitCode: 5 }]);
    const line = gateway.audit.find((record) => record.operation === 'execTerminal');
    expect(line).toMatchObject({
      token: tokens.admin.name,
      role: 'admin',
      container: `local/${running.name}`,
      outcome: 'ok',
      command: ['sh'],
    });
  });

  it.each([
    ['a clean close', (term: Terminal) => term.ws.close(1000)],
    ['a dropped connection', (term: Terminal) => term.ws.terminate()],
  ])('after %s, leaves no shell running in the container', async (_what, end) => {
    const term = new Terminal(terminalUrl(gateway.origin, running.id, ['sh']), adminHeader());
    await term.prompt(1);
    expect(await shells(running.id)).toBe(1);
    end(term);
    await waitUntil(async () => (await shells(running.id)) === 0, 'the shell to end');
  });

  it('authenticates with a first auth frame, and without a TTY interleaves stdout and stderr', async () => {
    const term = new Terminal(
      terminalUrl(gateway.origin, running.id, ['sh', '-c', 'read line; echo "out $line"; echo "err $line" >&2; exit 2'], false),
    );
    await term.opened();
    term.control({ type: 'auth', authorization: `Bearer ${tokens.admin.token}` });
    term.type('typed\n');
    expect(await term.closedWith()).toEqual({ code: 1000, reason: '' });
    expect(term.output).toContain('out typed\n');
    expect(term.output).toContain('err typed\n');
    expect(term.controls).toEqual([{ type: 'exit', exitCode: 2 }]);
  });

  it('keeps file descriptors flat over 50 sessions opened and closed', async () => {
    const cycle = async () => {
      const term = new Terminal(terminalUrl(gateway.origin, running.id, ['sh']), adminHeader());
      await term.until(() => term.output.length > 0, 'first output');
      term.ws.close();
      await term.closedWith();
    };
    await cycle();
    await waitUntil(async () => (await shells(running.id)) === 0, 'the warm-up shell to end');
    const before = openFileDescriptors();
    for (let round = 0; round < 5; round++) await Promise.all(Array.from({ length: 10 }, cycle));
    await waitUntil(async () => (await shells(running.id)) === 0, 'every shell to end', { timeoutMs: 20_000 });
    await waitUntil(
      () => openFileDescriptors() <= before + 3,
      () => `fds back near ${before}: ${openFileDescriptors()}`,
    );
  });
});

describe('the terminal refuses', () => {
  it.each([
    ['a missing container', () => 'no-such-container-for-terminal', 4404],
    ['a stopped container', () => stopped.id, 4409],
  ])('%s', async (_what, container, code) => {
    const term = new Terminal(terminalUrl(gateway.origin, container(), ['sh']), adminHeader());
    expect((await term.closedWith()).code).toBe(code);
    expect(term.controls[0]).toMatchObject({ type: 'error', code: code === 4404 ? 'NOT_FOUND' : 'CONFLICT' });
  });

  it.each(['viewer', 'operator'] as const)('the %s role (both forms), before any engine call', async (role) => {
    counted.proxy.reset();
    const byHeader = new Terminal(terminalUrl(counted.origin, running.id, ['sh']), { authorization: `Bearer ${tokens[role].token}` });
    const byFrame = new Terminal(terminalUrl(counted.origin, running.id, ['sh']));
    await byFrame.opened();
    byFrame.control({ type: 'auth', authorization: `Bearer ${tokens[role].token}` });
    expect((await byHeader.closedWith()).code).toBe(4403);
    expect((await byFrame.closedWith()).code).toBe(4403);
    expect(counted.proxy.calls).toEqual([]);
    expect(counted.audit.filter((r) => r.token === tokens[role].name)).toMatchObject([{ outcome: 'FORBIDDEN' }, { outcome: 'FORBIDDEN' }]);
  });

  it('a bad token, a binary frame before authentication, and silence for 5 s, with 4401', async () => {
    counted.proxy.reset();
    const badToken = new Terminal(terminalUrl(counted.origin, running.id, ['sh']), { authorization: 'Bearer nope' });
    const binaryFirst = new Terminal(terminalUrl(counted.origin, running.id, ['sh']));
    const silent = new Terminal(terminalUrl(counted.origin, running.id, ['sh']));
    await binaryFirst.opened();
    binaryFirst.type('ls\r');
    expect((await badToken.closedWith()).code).toBe(4401);
    expect((await binaryFirst.closedWith()).code).toBe(4401);
    const started = Date.now();
    await silent.opened();
    expect((await silent.closedWith()).code).toBe(4401);
    expect(Date.now() - started).toBeGreaterThan(4_000);
    expect(counted.proxy.calls).toEqual([]);
  });
});
