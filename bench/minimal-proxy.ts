// A hand-written, minimal gateway in its own process: one extra HTTP hop, one engine call, JSON in and out, nothing else.
// The floor any out-of-process gateway pays on this machine; the benchmark reports it beside Wharf's figures.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openFloorEngine } from './floor-answers.js';

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function main(): Promise<void> {
  const engine = await openFloorEngine(process.env.DOCKER_HOST ?? '');

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const answer = async (): Promise<unknown> => {
      if (url === '/list') return { containers: await engine.list() };
      if (url.startsWith('/inspect/')) return { container: { inspect: await engine.inspect(url.slice('/inspect/'.length)) } };
      return undefined;
    };
    answer().then(
      (data) => (data === undefined ? send(res, 404, { errors: [{ message: 'not found' }] }) : send(res, 200, { data })),
      (error: unknown) => send(res, 502, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`minimal proxy listening on http://127.0.0.1:${port}/\n`);

  const stop = (): void => {
    server.closeAllConnections();
    server.close();
    void engine.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`minimal proxy: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
