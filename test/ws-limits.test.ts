// The WebSocket endpoint's limits: operations per connection, message size, and the connection_init hook.
import type { Client } from 'graphql-ws';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { WebSocketOptions } from '../src/server/graphql/ws.js';
import { graphql } from './gql/index.js';
import { CONTRACT_CODES } from './helpers/contract-codes.js';
import { createTestContainer, removeContainer, uniqueName } from './helpers/engine-api.js';
import { startGateway, type TestGateway, gatewayForFile } from './helpers/gateway.js';
import { closeCodeOf, record, type Recording } from './helpers/subscriptions.js';
import { wsClient } from './helpers/ws.js';

const { engine, gateway } = gatewayForFile();

/** What a test opened, closed after it in reverse order: containers, gateways, clients. */
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A container that writes a line every 50 ms, for the subscriptions that must stay open. */
async function chattyContainer(): Promise<string> {
  const { id } = await createTestContainer(engine, {
    name: uniqueName('wharf-wslimits'),
    cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo line $i; sleep 0.05; done'],
  });
  cleanups.push(() => removeContainer(engine, id));
  return id;
}

function client(url = gateway.wsUrl, connectionParams?: Record<string, unknown>): Client {
  const opened = wsClient(url, connectionParams ? { connectionParams } : {});
  cleanups.push(() => opened.dispose());
  return opened;
}

async function gatewayWith(webSocket: WebSocketOptions): Promise<TestGateway> {
  const started = await startGateway(inject('dockerHost'), { webSocket });
  cleanups.push(() => started.close());
  return started;
}

const WsLimitsLogLines = graphql(`
  subscription WsLimitsLogLines($id: String!) {
    containerLogs(id: $id, tail: 0) {
      message
    }
  }
`);

const WsLimitsContainers = graphql(`
  query WsLimitsContainers($filters: ContainerFilters) {
    containers(filters: $filters) {
      id
    }
  }
`);

type LogLines = Recording<{ containerLogs: { message: string } }>;

/** Opens `count` log subscriptions on one connection and waits until each has a line. */
async function openSubscriptions(connection: Client, id: string, count: number): Promise<LogLines[]> {
  const subscriptions = Array.from({ length: count }, () => record(connection, WsLimitsLogLines, { id }));
  await Promise.all(subscriptions.map((s) => s.until(() => s.data.length >= 1, 'a first line')));
  return subscriptions;
}

/** Each subscription still open and still receiving: `more` lines beyond what it has now. */
async function allStillReceive(subscriptions: LogLines[], more = 2): Promise<void> {
  await Promise.all(
    subscriptions.map((s) => {
      const now = s.data.length;
      return s.until(() => s.data.length >= now + more, `${more} more lines`);
    }),
  );
  for (const s of subscriptions) {
    expect(s.state).toBe('open');
    expect(s.errors).toEqual([]);
  }
}

describe('operations per connection', () => {
  it('refuses a 51st operation with an error while the first 50 keep working', async () => {
    const chatty = await chattyContainer();
    const connection = client();
    const first50 = await openSubscriptions(connection, chatty, 50);

    const refused = record(connection, WsLimitsLogLines, { id: chatty });
    await refused.ended;
    expect(refused.state).toBe('error');
    expect(refused.data).toEqual([]);
    expect(refused.errors).toHaveLength(1);
    expect([...CONTRACT_CODES]).toContain(refused.errors[0]!.extensions?.code);

    await allStillReceive(first50);
  });

  it('applies a configured lower limit', async () => {
    const chatty = await chattyContainer();
    const limited = await gatewayWith({ maxSubscriptions: 2 });
    const connection = client(limited.wsUrl);
    const allowed = await openSubscriptions(connection, chatty, 2);

    const refused = record(connection, WsLimitsLogLines, { id: chatty });
    await refused.ended;
    expect(refused.state).toBe('error');
    expect(refused.errors).toHaveLength(1);
    await allStillReceive(allowed);
  });

  it('counts the limit per connection', async () => {
    const chatty = await chattyContainer();
    const limited = await gatewayWith({ maxSubscriptions: 2 });
    await openSubscriptions(client(limited.wsUrl), chatty, 2);
    const other = await openSubscriptions(client(limited.wsUrl), chatty, 2);
    await allStillReceive(other);
  });

  it('frees the slot of an operation that has ended', async () => {
    const chatty = await chattyContainer();
    const limited = await gatewayWith({ maxSubscriptions: 2 });
    const connection = client(limited.wsUrl);
    const [leaving, staying] = await openSubscriptions(connection, chatty, 2);
    leaving!.stop();
    // The gateway learns of the unsubscription asynchronously: give the complete message a moment to land.
    await new Promise((resolve) => setTimeout(resolve, 200));

    const [newcomer] = await openSubscriptions(connection, chatty, 1);
    await allStillReceive([staying!, newcomer!]);
  });

  it('does not count operations that failed validation as open', async () => {
    const chatty = await chattyContainer();
    const limited = await gatewayWith({ maxSubscriptions: 2 });
    const connection = client(limited.wsUrl);
    for (const invalid of ['subscription { noSuchField }', 'subscription {', 'query { containers { noSuchField } }']) {
      const rejected = record<unknown, Record<string, never>>(connection, invalid, {});
      await rejected.ended;
      expect(rejected.errors.length).toBeGreaterThan(0);
    }

    const accepted = await openSubscriptions(connection, chatty, 2);
    await allStillReceive(accepted);
  });
});

describe('message size', () => {
  /** A valid operation padded with a comment to `bytes` characters. */
  const padded = (bytes: number) => {
    const operation = '\n{ __typename }';
    return `#${'x'.repeat(bytes - operation.length - 1)}${operation}`;
  };

  it('closes the socket with 1009 on a message over 1 MiB, and the gateway stays up', async () => {
    const chatty = await chattyContainer();
    const result = record<unknown, Record<string, never>>(client(), padded(1024 * 1024 + 1024), {});
    await result.ended;
    expect(result.state).toBe('error');
    expect(closeCodeOf(result.failure)).toBe(1009);

    const health = await fetch(`${gateway.origin}/healthz`);
    expect(health.status).toBe(200);
    await health.body?.cancel();
    const query = record(client(), WsLimitsContainers, { filters: { id: [chatty] } });
    await query.ended;
    expect(query.data).toEqual([{ containers: [{ id: chatty }] }]);
  });

  it('accepts a message just under 1 MiB', async () => {
    const result = record<{ __typename: string }, Record<string, never>>(client(), padded(1000 * 1000), {});
    await result.ended;
    expect(result.state).toBe('complete');
    expect(result.data).toEqual([{ __typename: 'Query' }]);
  });
});
