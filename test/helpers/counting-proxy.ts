// A streaming HTTP proxy on a unix socket that records every engine call passing through it.
import { mkdtempSync, rmSync } from 'node:fs';
import http, { type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { join } from 'node:path';

export interface ProxiedCall {
  method: string;
  /** Without the query and without a `/v1.xx` prefix. */
  path: string;
  /** The raw query string, without `?`. */
  query: string;
  at: number;
  /** When the upstream response ended or the client went away, whichever came first. */
  closedAt?: number;
}

export interface CountingProxy {
  socketPath: string;
  dockerHost: string;
  calls: ProxiedCall[];
  /** Calls with this method (case-insensitive) whose path equals a string or matches a RegExp. */
  count(method: string, pathPattern: RegExp | string): number;
  /** Calls whose upstream response has not finished yet. */
  open(): number;
  reset(): void;
  close(): Promise<void>;
}

// Hop-by-hop headers belong to one connection, not to the message (RFC 9110 7.6.1).
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'upgrade',
]);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out: IncomingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!HOP_BY_HOP.has(name.toLowerCase())) out[name] = value;
  }
  return out;
}

function splitUrl(url: string): { path: string; query: string } {
  const q = url.indexOf('?');
  const rawPath = q >= 0 ? url.slice(0, q) : url;
  return {
    path: rawPath.replace(/^\/v\d+(?:\.\d+)?(?=\/|$)/, '') || '/',
    query: q >= 0 ? url.slice(q + 1) : '',
  };
}

/** An HTTP server on a unix socket of its own. */
export interface PrivateSocketServer {
  socketPath: string;
  /** Stops listening, destroys every open connection, runs `andThen`, removes the socket's directory. Idempotent. */
  close(andThen?: () => void): Promise<void>;
}

/**
 * Makes `server` listen on a socket in a fresh directory under /tmp, with its timeouts off (follow
 * streams and long polls must not be cut), keeping its connections so that close() can end them.
 */
export async function listenOnPrivateSocket(server: http.Server, name: string): Promise<PrivateSocketServer> {
  const dir = mkdtempSync(`/tmp/wharf-${name}.`);
  const socketPath = join(dir, `${name}.sock`);
  const connections = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    connections.add(socket);
    socket.once('close', () => connections.delete(socket));
  });
  server.requestTimeout = 0;
  server.headersTimeout = 0;
  server.timeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  let closing: Promise<void> | undefined;
  return {
    socketPath,
    close(andThen) {
      closing ??= new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of connections) socket.destroy();
        andThen?.();
      }).finally(() => rmSync(dir, { recursive: true, force: true }));
      return closing;
    },
  };
}

export async function startCountingProxy(targetSocket: string): Promise<CountingProxy> {
  const calls: ProxiedCall[] = [];
  const upstreams = new Set<http.ClientRequest>();
  const agent = new http.Agent({ keepAlive: true });

  const record = (req: IncomingMessage): ProxiedCall => {
    const call: ProxiedCall = { method: req.method ?? 'GET', ...splitUrl(req.url ?? '/'), at: Date.now() };
    calls.push(call);
    return call;
  };
  const markClosed = (call: ProxiedCall): void => {
    call.closedAt ??= Date.now();
  };

  const forward = (req: IncomingMessage, res: ServerResponse): void => {
    const call = record(req);
    const upstream = http.request({
      socketPath: targetSocket,
      agent,
      method: req.method,
      path: req.url,
      headers: endToEnd(req.headers),
    });
    upstreams.add(upstream);
    upstream.once('close', () => upstreams.delete(upstream));

    upstream.once('response', (ures) => {
      res.writeHead(ures.statusCode ?? 502, ures.statusMessage, endToEnd(ures.headers));
      // Send the head at once: a follow stream may not have a first chunk for a while.
      res.flushHeaders();
      ures.once('end', () => markClosed(call));
      ures.once('error', () => res.destroy());
      ures.pipe(res);
    });
    upstream.once('error', (err) => {
      markClosed(call);
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ message: `counting proxy: ${err.message}` }));
      } else {
        res.destroy();
      }
    });

    res.once('close', () => {
      markClosed(call);
      // The client went away before the response was done: abort the engine call too.
      if (!res.writableFinished) upstream.destroy();
    });
    req.once('error', () => upstream.destroy());
    req.pipe(upstream);
  };

  // Hijacked connections (attach, exec start with `Upgrade: tcp`): splice the two sockets.
  const forwardUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const call = record(req);
    const upstream = http.request({
      socketPath: targetSocket,
      agent: false,
      method: req.method,
      path: req.url,
      headers: req.headers,
    });
    upstreams.add(upstream);
    upstream.once('close', () => upstreams.delete(upstream));
    socket.once('close', () => {
      markClosed(call);
      upstream.destroy();
    });
    socket.once('error', () => upstream.destroy());

    upstream.once('upgrade', (ures, usocket, uhead) => {
      const lines = [`HTTP/1.1 ${ures.statusCode} ${ures.statusMessage}`];
      for (let i = 0; i < ures.rawHeaders.length; i += 2) lines.push(`${ures.rawHeaders[i]}: ${ures.rawHeaders[i + 1]}`);
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (uhead.length > 0) socket.write(uhead);
      if (head.length > 0) usocket.write(head);
      usocket.once('close', () => {
        markClosed(call);
        socket.destroy();
      });
      usocket.once('error', () => socket.destroy());
      usocket.pipe(socket);
      socket.pipe(usocket);
    });
    upstream.once('response', (ures) => {
      // The engine declined to upgrade: relay a plain answer and close.
      const lines = [`HTTP/1.1 ${ures.statusCode} ${ures.statusMessage}`];
      for (let i = 0; i < ures.rawHeaders.length; i += 2) {
        const name = ures.rawHeaders[i] ?? '';
        if (!HOP_BY_HOP.has(name.toLowerCase())) lines.push(`${name}: ${ures.rawHeaders[i + 1]}`);
      }
      lines.push('Connection: close');
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      ures.once('end', () => {
        markClosed(call);
        socket.end();
      });
      ures.pipe(socket, { end: false });
    });
    upstream.once('error', () => {
      markClosed(call);
      socket.destroy();
    });
    req.pipe(upstream);
  };

  const server = http.createServer(forward);
  server.on('upgrade', forwardUpgrade);
  const { socketPath, close } = await listenOnPrivateSocket(server, 'proxy');

  return {
    socketPath,
    dockerHost: `unix://${socketPath}`,
    calls,
    count(method, pathPattern) {
      const m = method.toUpperCase();
      const matches = (path: string): boolean => {
        if (typeof pathPattern === 'string') return path === pathPattern;
        pathPattern.lastIndex = 0; // a /g or /y pattern would otherwise carry state between calls
        return pathPattern.test(path);
      };
      return calls.filter((c) => c.method.toUpperCase() === m && matches(c.path)).length;
    },
    open() {
      return calls.filter((c) => c.closedAt === undefined).length;
    },
    reset() {
      calls.length = 0;
    },
    close() {
      return close(() => {
        for (const upstream of upstreams) upstream.destroy();
        agent.destroy();
      });
    },
  };
}
