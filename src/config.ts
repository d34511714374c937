// Configuration from flags and environment: where to listen and which engine to drive.
import { parseArgs } from 'node:util';
import { connectionFromEnv, type ConnectionSettings } from './docker/connection.js';

export interface WharfConfig {
  port: number;
  host: string;
  docker: ConnectionSettings;
}

export const USAGE = `Usage: wharf [options]

Options:
  --port N            port to listen on (env PORT, default 4000)
  --host H            address to listen on (env HOST, default 127.0.0.1)
  --docker-host URL   the engine: unix:///path or tcp://host:port (env DOCKER_HOST,
                      default unix:///var/run/docker.sock)
  -h, --help          this text

The docker CLI's DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and DOCKER_API_VERSION are read as it reads them.`;

export class ConfigError extends Error {}

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): WharfConfig | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'docker-host': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return 'help';
  const portText = values.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`port must be a number from 0 to 65535, not "${portText}"`);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  let docker: ConnectionSettings;
  try {
    docker = connectionFromEnv(env, { dockerHost: values['docker-host'] });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  return { port, host, docker };
}
