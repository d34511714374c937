// How the benchmark's own servers (bench/minimal-proxy.ts, bench/graphql-floor.ts, bench/mesh-gateway.ts) serve: on a free
// loopback port, announced on stdout in the line bench/gateway-process.ts waits for, and stopped by SIGTERM or SIGINT.
import type { Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Listens, says where, and on a signal closes the server and then `release` (the engine client) before exiting. */
export async function serveContender(label: string, server: Server, path: string, release: () => Promise<void>): Promise<void> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${label} listening on http://127.0.0.1:${port}${path}\n`);
  const stop = (): void => {
    server.closeAllConnections();
    server.close();
    void release().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

/** Runs a server's start; a failure is told on stderr and ends the process, which the benchmark reports. */
export function runContender(label: string, start: () => Promise<void>): void {
  start().catch((error: unknown) => {
    process.stderr.write(`${label}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}

/** A JSON answer with its length. */
export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
