// GraphQL Mesh over the engine's own OpenAPI description, served by graphql-yoga in its own process: the peer a user would pick instead of Wharf.
// Usage (as bench/gateway-process.ts runs it): DOCKER_HOST=unix:///path tsx bench/mesh-gateway.ts <openapi.yaml>; prints its URL.
import { createServer } from 'node:http';
import { resolve } from 'node:path';
import { loadGraphQLSchemaFromOpenAPI, type OpenAPILoaderOptions } from '@omnigraph/openapi';
import { parse, validate, type GraphQLSchema } from 'graphql';
import { createYoga } from 'graphql-yoga';
import { Agent, type RequestInit as UndiciRequestInit, fetch as undiciFetch } from 'undici';
import { runContender, serveContender } from './contender-server.js';
import { MESH_LIST_QUERY, meshInspectQuery } from './mesh-queries.js';

type MeshFetch = NonNullable<OpenAPILoaderOptions['fetch']>;
type MeshLogger = NonNullable<OpenAPILoaderOptions['logger']>;

/** The API version the description is written for; the engine serves it under this prefix. */
const API_VERSION = 'v1.41';

const specPath = process.argv[2];
if (!specPath) throw new Error('usage: mesh-gateway.ts <openapi.yaml>');
const dockerHost = process.env.DOCKER_HOST ?? '';
if (!dockerHost.startsWith('unix://')) throw new Error(`DOCKER_HOST must be unix:///path, not "${dockerHost}"`);

// The engine listens only on its unix socket: Mesh's fetch is undici's, with a dispatcher that dials the socket whatever the URL's host.
const agent = new Agent({ connect: { socketPath: dockerHost.slice('unix://'.length) }, connections: 64, pipelining: 1 });
const meshFetch = ((url, init) => undiciFetch(url, { ...(init as UndiciRequestInit), dispatcher: agent })) as MeshFetch;

// The description's YAML examples draw many parser warnings that say nothing about the schema; only errors are shown.
let warnings = 0;
const logger: MeshLogger = {
  name: 'mesh',
  log: () => undefined,
  info: () => undefined,
  debug: () => undefined,
  warn: () => {
    warnings++;
  },
  error: (...args: unknown[]) => process.stderr.write(`mesh: ${args.map(String).join(' ')}\n`),
  child: () => logger,
};

/** The benchmark's operations must fit the generated schema; a mismatch is found here, not as errors in every answer. */
function checkQueries(schema: GraphQLSchema): void {
  for (const query of [MESH_LIST_QUERY, meshInspectQuery('probe')]) {
    const errors = validate(schema, parse(query));
    if (errors.length) throw new Error(`the generated schema refuses ${query}: ${errors.map((e) => e.message).join('; ')}`);
  }
}

runContender('mesh gateway', async () => {
  const schema = await loadGraphQLSchemaFromOpenAPI('docker', {
    source: resolve(specPath as string),
    endpoint: `http://docker/${API_VERSION}`,
    fetch: meshFetch,
    logger,
    // Success types only, as the benchmark's operations select them: by default each answer is a union with the engine's
    // error shape, and every selection would need an inline fragment.
    ignoreErrorResponses: true,
  });
  checkQueries(schema);
  if (warnings) process.stderr.write(`mesh: the description loaded with ${warnings} parser warnings (ignored)\n`);

  // Yoga as a user would start it, minus its development-time extras: no GraphiQL, no request logging.
  const yoga = createYoga({ schema, graphiql: false, logging: false, landingPage: false });
  await serveContender('mesh gateway', createServer(yoga), yoga.graphqlEndpoint, () => agent.close());
});
