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
 * A bare WebSocket for what graphql-ws's client will not do: send frames out of protocol, see an
 * upgrade refused, read the close code of a connection that never started an operation.
 */
export class RawSocket {
  readonly socket: WebSocket;
  /** Every frame received, as text. */
  readonly frames: string[] = [];
  /** Resolves once the upgrade is answered. */
  readonly upgrade: Promise<UpgradeAnswer>;
  readonly closed: Promise<{ code: number; reason: string }>;
  closedWith: { code: number; reason: string } | undefined;

  constructor(wsUrl: string, options: { protocol?: string; headers?: Record<string, string> } = {}) {
    this.socket = new WebSocket(wsUrl, options.protocol ?? 'graphql-transport-ws', options.headers ? { headers: options.headers } : {});
    this.socket.on('message', (data: WebSocket.RawData) => {
      this.frames.push(Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8'));
    });
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
      this.socket.once('close', (code: number, reason: Buffer) => {
        this.closedWith = { code, reason: reason.toString('utf8') };
        resolve(this.closedWith);
      });
    });
  }

  /** Sends a frame as it is: a string verbatim, anything else as JSON. */
  send(frame: unknown): void {
    this.socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** Destroys the TCP connection at once, without a close frame. */
  terminate(): void {
    this.socket.terminate();
  }
}
