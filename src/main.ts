// Entry point: `wharf token create`, or configuration from flags and environment, the app, listen, a clean stop on SIGTERM/SIGINT.
import { parseArgs } from 'node:util';
import { ConfigError, readConfig, USAGE } from './config.js';
import { isRole } from './schema/access.js';
import { buildApp } from './server/app.js';
import { createLogger } from './server/observability/logger.js';
import { WharfMetrics } from './server/observability/metrics.js';
import { createToken } from './server/auth/tokens.js';

function tokenCommand(argv: string[]): void {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { name: { type: 'string' }, role: { type: 'string' } },
    allowPositionals: true,
  });
  if (positionals[0] !== 'create' || !values.name || !isRole(values.role)) {
    console.error('Usage: wharf token create --name NAME --role viewer|operator|admin');
    process.exit(2);
  }
  const { token, entry } = createToken(values.name, values.role);
  console.log(`token: ${token}`);
  console.log('Add this entry to the tokens file (the token itself is not stored anywhere):');
  console.log(JSON.stringify(entry));
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === 'token') return tokenCommand(argv.slice(1));
  let config: ReturnType<typeof readConfig>;
  try {
    config = readConfig(argv, process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wharf: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  const logger = createLogger(config.logLevel);
  if (config.warning) {
    // Loud whatever the level: on stderr for the person starting it, and in the log.
    console.error(config.warning);
    logger.warn(config.warning);
  }
  const app = buildApp({
    logger,
    metrics: new WharfMetrics({ processMetrics: true }),
    engines: config.engines,
    access: config.access,
    graphiql: config.graphiql,
    introspection: config.introspection,
    dashboard: config.dashboard,
    corsOrigins: config.corsOrigins,
    limits: config.limits,
    answerBounds: config.answerBounds,
    webSocket: config.webSocket,
    maxBuildContextBytes: config.maxBuildContextBytes,
  });
  let address: Awaited<ReturnType<typeof app.listen>>;
  try {
    address = await app.listen(config.port, config.host);
  } catch (error) {
    logger.fatal(`cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    await app.close();
    process.exit(1);
  }
  const mode = config.access.mode === 'token' ? `token mode, ${config.access.tokens.length} tokens` : `${config.access.mode} mode`;
  const engines = config.engines.map((engine) =>
    config.engines.length === 1 ? engine.connection.dockerHost : `${engine.name}=${engine.connection.dockerHost}`,
  );
  logger.info(
    {
      url: address.url,
      dockerHost: config.engines[0]?.connection.dockerHost,
      engines: config.engines.map((engine) => engine.name),
      mode: config.access.mode,
    },
    `Wharf listening on ${address.url} (${engines.length === 1 ? 'engine' : 'engines'}: ${engines.join(', ')}; ${mode})`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${signal}: stopping; open subscriptions complete, exports may finish`);
    // The stop drains for at most DRAIN_MS; this is the last resort if something still hangs.
    const force = setTimeout(() => {
      logger.error('the stop took more than 5 s; exiting anyway');
      process.exit(1);
    }, 5_000);
    force.unref();
    app.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'the stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
