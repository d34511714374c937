// The WebSocket connection caps, per client address and in all: the excess is closed with 1013 before graphql-ws reads it, and a closed connection frees its place.
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { WebSocketOptions } from '../src/server/graphql/ws.js';
import { startGateway, type TestGateway } from './helpers/gateway.js';
import { waitUntil } from './helpers/subscriptions.js';
import { RawSocket } from './helpers/ws.js';

/** What a test opened, closed after it in reverse order. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function gatewayWith(webSocket: WebSocketOptions): Promise<TestGateway> {
  const started = await startGateway(inject('dockerHost'), { webSocket });
  cleanups.push(() => started.close());
  return started;
}

type Outcome = { acked: true } | { acked: false; code: number; reason: string };

/** A raw connection that sends connection_init as soon as it opens, and what came of it. */
interface Attempt {
  raw: RawSocket;
  /** Every graphql-ws message the gateway sent, by type. */
  received: string[];
  /** Acknowledged, or closed before that (with the close code and reason). */
  outcome: Promise<Outcome>;
  /** Closes with 1000 and resolves once the socket has closed on this side. */
  close(): Promise<void>;
}

function attempt(wsUrl: string): Attempt {
  const raw = new RawSocket(wsUrl);
  const received: string[] = [];
  raw.socket.on('open', () => raw.socket.send(JSON.stringify({ type: 'connection_init' })));
  const acked = new Promise<Outcome>((resolve) => {
    raw.socket.on('message', (data: Buffer) => {
      const type = (JSON.parse(data.toString('utf8')) as { type: string }).type;
      received.push(type);
      if (type === 'connection_ack') resolve({ acked: true });
    });
  });
  const closedFirst = raw.closed.then(({ code, reason }): Outcome => ({ acked: false, code, reason }));
  cleanups.push(() => raw.terminate());
  return {
    raw,
    received,
    outcome: Promise.race([acked, closedFirst]),
    async close() {
      raw.socket.close(1000);
      await raw.closed;
    },
  };
}

/** `count` connections, each acknowledged. */
async function openAcked(wsUrl: string, count: number): Promise<Attempt[]> {
  const attempts = Array.from({ length: count }, () => attempt(wsUrl));
  for (const opened of attempts) expect(await opened.outcome).toEqual({ acked: true });
  return attempts;
}

/** A connection refused with 1013 and `reason`, that never heard a graphql-ws message. */
async function expectRefused(wsUrl: string, reason: string): Promise<void> {
  const refused = attempt(wsUrl);
  expect(await refused.outcome).toEqual({ acked: false, code: 1013, reason });
  // The upgrade itself succeeded: a browser sees the code and the reason.
  expect(await refused.raw.upgrade).toEqual({ opened: true });
  expect(refused.received).toEqual([]);
}

/**
 * A connection acknowledged once the gateway has seen an earlier one close: its side of a close may
 * end after ours, so an attempt refused meanwhile is tried again.
 */
async function ackedOnceFreed(wsUrl: string): Promise<Attempt> {
  let accepted: Attempt | undefined;
  await waitUntil(async () => {
    const next = attempt(wsUrl);
    if ((await next.outcome).acked) accepted = next;
    return accepted !== undefined;
  }, 'a place freed by a closed connection');
  return accepted!;
}

/**
 * graphql-ws's client, connecting at once, whose socket comes from `localAddress` (another loopback
 * address than 127.0.0.1); wsClient cannot choose the local address.
 */
function clientFrom(wsUrl: string, localAddress: string): { client: Client; outcome: Promise<Outcome> } {
  let settle: (outcome: Outcome) => void = () => undefined;
  const outcome = new Promise<Outcome>((resolve) => (settle = resolve));
  const client = createClient({
    url: wsUrl,
    retryAttempts: 0,
    lazy: false,
    onNonLazyError: () => undefined,
    webSocketImpl: class extends WebSocket {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols, { localAddress });
      }
    },
    on: {
      connected: () => settle({ acked: true }),
      closed: (event) => {
        const { code, reason } = event as { code: number; reason: string };
        settle({ acked: false, code, reason });
      },
    },
  });
  cleanups.push(() => client.dispose());
  return { client, outcome };
}

describe('connections per client address', () => {
  it('closes the 4th connection from an address with 1013 when the cap is 3, and takes a new one after one closes', async () => {
    const gateway = await gatewayWith({ maxConnectionsPerAddress: 3 });
    const [first] = await openAcked(gateway.wsUrl, 3);
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (3)');

    await first!.close();
    await ackedOnceFreed(gateway.wsUrl);
    // Three open again: the cap holds.
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (3)');
  });

  it('counts each address on its own', async () => {
    const gateway = await gatewayWith({ maxConnectionsPerAddress: 2 });
    await openAcked(gateway.wsUrl, 2);
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (2)');
    expect(await clientFrom(gateway.wsUrl, '127.0.0.2').outcome).toEqual({ acked: true });
  });

  it('frees the places of connections however they close, and never counts a refused one', async () => {
    const gateway = await gatewayWith({ maxConnectionsPerAddress: 3 });
    const opened = await openAcked(gateway.wsUrl, 3);
    for (let i = 0; i < 5; i += 1) await expectRefused(gateway.wsUrl, 'Too many connections from this address (3)');

    // A close handshake, a TCP connection cut without one, and the gateway's own close (a bad message).
    await opened[0]!.close();
    opened[1]!.raw.terminate();
    opened[2]!.raw.socket.send('not json');
    expect((await opened[2]!.raw.closed).code).toBe(4400);

    const again = [await ackedOnceFreed(gateway.wsUrl), await ackedOnceFreed(gateway.wsUrl), await ackedOnceFreed(gateway.wsUrl)];
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (3)');

    // Close them all and open up to the cap again.
    await Promise.all(again.map((a) => a.close()));
    for (let i = 0; i < 3; i += 1) await ackedOnceFreed(gateway.wsUrl);
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (3)');
  });
});

describe('connections in all', () => {
  it('closes the connection over the total cap with 1013, whatever its address, and takes a new one after one closes', async () => {
    const gateway = await gatewayWith({ maxConnections: 3 });
    const [first] = await openAcked(gateway.wsUrl, 3);
    await expectRefused(gateway.wsUrl, 'Too many connections to the gateway (3)');
    expect(await clientFrom(gateway.wsUrl, '127.0.0.2').outcome).toEqual({
      acked: false,
      code: 1013,
      reason: 'Too many connections to the gateway (3)',
    });

    await first!.close();
    await ackedOnceFreed(gateway.wsUrl);
    await expectRefused(gateway.wsUrl, 'Too many connections to the gateway (3)');
  });

  it('names the per-address cap when both are reached', async () => {
    const gateway = await gatewayWith({ maxConnections: 2, maxConnectionsPerAddress: 2 });
    await openAcked(gateway.wsUrl, 2);
    await expectRefused(gateway.wsUrl, 'Too many connections from this address (2)');
  });
});
