// Entry point: configuration from flags and environment, the app, listen, and a clean stop on SIGTERM/SIGINT.
import { ConfigError, readConfig, USAGE } from './config.js';
import { buildApp } from './server/app.js';

async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`wharf: ${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    throw error;
  }
  if (config === 'help') {
    console.log(USAGE);
    return;
  }
  const app = buildApp({ docker: config.docker });
  let address;
  try {
    address = await app.listen(config.port, config.host);
  } catch (error) {
    console.error(`wharf: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`);
    await app.close();
    process.exit(1);
  }
  console.log(`Wharf listening on ${address.url} (engine: ${config.docker.dockerHost})`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`wharf: ${signal}, stopping`);
    const force = setTimeout(() => process.exit(1), 5_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

void main();
