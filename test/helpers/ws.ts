// WebSocket clients for tests: graphql-ws's own client for everything that speaks the protocol, and one raw socket for what must not (bad frames, refused upgrades, close codes).
import { createClient, type Client, type ClientOptions } from 'graphql-ws';
import WebSocket from 'ws';

export interface WsClientOptions extends Omit<ClientOptions, 'url' | 'webSocketImpl'> {
  /** Headers of the upgrade request (Origin, Authorization). */
  headers?: Record<string, string>;
}

/**
 * The real graphql-ws client over a `ws` WebSocket, lazy and without retries; dispose it in the test.
 * `on.opened` hands over the socket, for tests that stop reading from it or cut it.
 */
export function wsClient(wsUrl: string, options: WsClientOptions = {}): Client {
  const { headers, ...rest } = options;
  return createClient({
    url: wsUrl,
    webSocketImpl: headers && Object.keys(headers).length ? webSocketWithHeaders(headers) : WebSocket,
    retryAttempts: 0,
    lazy: true,
    ...rest,
  });
}

/** A `ws` WebSocket that sends these headers with its upgrade request. */
function webSocketWithHeaders(headers: Record<string, string>): unknown {
  return class HeaderWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols, { headers });
    }
  };
}

/** How an upgrade went: open, or refused (with the HTTP status, when the server answered one). */
export type UpgradeAnswer = { opened: true } | { opened: false; status?: number };

/**
 * A bare WebSocket for what graphql-ws's client will not do: see an upgrade refused, read the close
 * code of a connection that never sent connection_init. A test that must send frames out of
 * protocol does it on `socket`.
 */
export class RawSocket {
  readonly socket: WebSocket;
  /** Resolves once the upgrade is answered. */
  readonly upgrade: Promise<UpgradeAnswer>;
  /** Resolves once the socket has closed, with the code and reason of the close. */
  readonly closed: Promise<{ code: number; reason: string }>;

  constructor(wsUrl: string, options: { headers?: Record<string, string> } = {}) {
    this.socket = new WebSocket(wsUrl, 'graphql-transport-ws', options.headers ? { headers: options.headers } : {});
    // A refused or cut socket emits an error; the tests look at what the server did.
    this.socket.on('error', () => undefined);
    this.upgrade = new Promise((resolve) => {
      this.socket.once('open', () => resolve({ opened: true }));
      this.socket.once('unexpected-response', (_req, res) => {
        res.resume();
        resolve({ opened: false, status: res.statusCode });
      });
      this.socket.once('error', () => resolve({ opened: false }));
    });
    this.closed = new Promise((resolve) => {
      this.socket.once('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString('utf8') }));
    });
  }

  /** Destroys the TCP connection at once, without a close frame. */
  terminate(): void {
    this.socket.terminate();
  }
}
