// GraphQL itself, in its own process: graphql-js's own `execute` behind node:http, with a schema of just the fields the
// benchmark selects, resolved from the same engine calls as the minimal proxy's. No framework, no access, no limits, no
// log, no metrics; each document parsed and validated once. What any graphql-js gateway pays at least on this machine;
// the benchmark reports it beside Wharf's figures.
import { createServer, type IncomingMessage } from 'node:http';
import { buildSchema, type DocumentNode, execute, GraphQLError, parse, validate } from 'graphql';
import { runContender, sendJson as send, serveContender } from './contender-server.js';
import { openFloorEngine } from './floor-answers.js';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    containers(all: Boolean): [ContainerSummary!]!
    container(id: String!): Container
  }
  type ContainerSummary {
    id: String!
    name: String!
    state: ContainerState!
    status: String!
    image: String!
  }
  enum ContainerState {
    CREATED
    RUNNING
    PAUSED
    RESTARTING
    REMOVING
    EXITED
    DEAD
  }
  type Container {
    inspect: Inspect!
  }
  type Inspect {
    path: String!
    args: [String!]!
    restartCount: Int!
    state: State!
    config: Config!
    hostConfig: HostConfig!
    mounts: [Mount!]!
  }
  type State {
    status: String!
    running: Boolean!
    pid: Int!
    startedAt: String!
  }
  type Config {
    image: String!
    cmd: [String!]
    env: [String!]!
    labels: [Label!]!
  }
  type Label {
    key: String!
    value: String!
  }
  type HostConfig {
    memory: Float!
    networkMode: String!
  }
  type Mount {
    destination: String!
  }
`);

/** Documents already parsed and validated, by their text. */
const documents = new Map<string, DocumentNode>();
const MAX_DOCUMENTS = 1_000;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.once('error', reject);
  });
}

/** The document for a query text, or the errors that keep it from running. */
function documentOf(query: string): DocumentNode | readonly GraphQLError[] {
  const known = documents.get(query);
  if (known) return known;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    return [error instanceof GraphQLError ? error : new GraphQLError(String(error))];
  }
  const errors = validate(schema, document);
  if (errors.length > 0) return errors;
  if (documents.size < MAX_DOCUMENTS) documents.set(query, document);
  return document;
}

runContender('graphql floor', async () => {
  const engine = await openFloorEngine(process.env.DOCKER_HOST ?? '');
  // graphql-js's default resolver calls a function-valued property with the field's arguments.
  const rootValue = {
    // The list's state is an enum, as in Wharf's schema: its values are the engine's words in capitals.
    containers: async () => (await engine.list()).map((c) => ({ ...c, state: c.state.toUpperCase() })),
    container: ({ id }: { id: string }) => ({ inspect: () => engine.inspect(id) }),
  };

  const server = createServer((req, res) => {
    const answer = async (): Promise<[number, unknown]> => {
      if (req.method !== 'POST') return [405, { errors: [{ message: 'POST a JSON body' }] }];
      const body = JSON.parse(await readBody(req)) as { query?: unknown; variables?: Record<string, unknown> };
      if (typeof body.query !== 'string') return [400, { errors: [{ message: 'no query' }] }];
      const document = documentOf(body.query);
      if (!('kind' in document)) return [400, { errors: document }];
      return [200, await execute({ schema, document, rootValue, variableValues: body.variables ?? null })];
    };
    answer().then(
      ([status, result]) => send(res, status, result),
      (error: unknown) => send(res, 500, { errors: [{ message: error instanceof Error ? error.message : String(error) }] }),
    );
  });
  await serveContender('graphql floor', server, '/', () => engine.close());
});
