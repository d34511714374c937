// A hand-written, minimal gateway in its own process: one extra HTTP hop, one engine call, JSON in and out, nothing else.
// The floor any out-of-process gateway pays on this machine; the benchmark reports it beside Wharf's figures.
import { createServer } from 'node:http';
import { runContender, sendJson as send, serveContender } from './contender-server.js';
import { openFloorEngine } from './floor-answers.js';

runContender('minimal proxy', async () => {
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
  await serveContender('minimal proxy', server, '/', () => engine.close());
});
