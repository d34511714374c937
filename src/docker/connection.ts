// One engine connection's settings, read as the docker CLI reads them, and the undici Pool made from them.
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Pool, type Dispatcher } from 'undici';

export interface TlsFiles {
  ca: Buffer;
  cert: Buffer;
  key: Buffer;
  verify: boolean;
}

export interface ConnectionSettings {
  /** What the user gave, for messages: `unix:///var/run/docker.sock`, `tcp://host:2376`. */
  dockerHost: string;
  /** The HTTP origin requests are made against (a placeholder host for unix sockets). */
  origin: string;
  socketPath?: string;
  tls?: TlsFiles;
  /** `1.41`, from DOCKER_API_VERSION; negotiated with the engine when absent. */
  apiVersion?: string;
  connectTimeoutMs: number;
  /**
   * The call timeout: how long a read (a GET, the /_ping) may wait for the engine's response
   * headers. A dead or black-holed engine costs a listing over several engines no more than this.
   */
  callTimeoutMs: number;
  /** How long a change (a POST or DELETE, which the engine may take its time over) may wait for the response headers. */
  headersTimeoutMs: number;
}

/** The call timeout when none is configured. */
export const DEFAULT_CALL_TIMEOUT_MS = 5_000;

export const DEFAULT_DOCKER_HOST = 'unix:///var/run/docker.sock';

export interface DockerEnv {
  DOCKER_HOST?: string | undefined;
  DOCKER_TLS_VERIFY?: string | undefined;
  DOCKER_TLS?: string | undefined;
  DOCKER_CERT_PATH?: string | undefined;
  DOCKER_API_VERSION?: string | undefined;
}

/** Reads DOCKER_HOST & co. the way the docker CLI does; throws on a value it cannot use. */
export function connectionFromEnv(
  env: DockerEnv,
  overrides: { dockerHost?: string | undefined; callTimeoutMs?: number | undefined; headersTimeoutMs?: number } = {},
): ConnectionSettings {
  const dockerHost = overrides.dockerHost || env.DOCKER_HOST || DEFAULT_DOCKER_HOST;
  const apiVersion = env.DOCKER_API_VERSION?.replace(/^v/, '') || undefined;
  if (apiVersion !== undefined && !/^\d+\.\d+$/.test(apiVersion)) {
    throw new Error(`DOCKER_API_VERSION must look like 1.41, not "${env.DOCKER_API_VERSION}"`);
  }
  const callTimeoutMs = overrides.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const headersTimeoutMs = overrides.headersTimeoutMs ?? 60_000;
  const base = { dockerHost, apiVersion, connectTimeoutMs: callTimeoutMs, callTimeoutMs, headersTimeoutMs };

  if (dockerHost.startsWith('unix://') || dockerHost.startsWith('/')) {
    const socketPath = dockerHost.startsWith('/') ? dockerHost : dockerHost.slice('unix://'.length);
    if (!socketPath) throw new Error(`DOCKER_HOST has no socket path: "${dockerHost}"`);
    return { ...base, origin: 'http://docker', socketPath };
  }
  if (dockerHost.startsWith('tcp://') || dockerHost.startsWith('http://') || dockerHost.startsWith('https://')) {
    const url = new URL(dockerHost.replace(/^tcp:/, 'http:'));
    const verify = Boolean(env.DOCKER_TLS_VERIFY);
    const useTls = verify || Boolean(env.DOCKER_TLS) || url.protocol === 'https:';
    const port = url.port || (useTls ? '2376' : '2375');
    const origin = `${useTls ? 'https' : 'http'}://${url.hostname}:${port}`;
    if (!useTls) return { ...base, origin };
    const certPath = env.DOCKER_CERT_PATH || join(homedir(), '.docker');
    const read = (file: string): Buffer => {
      try {
        return readFileSync(join(certPath, file));
      } catch {
        throw new Error(`TLS is on but ${file} cannot be read from DOCKER_CERT_PATH (${certPath})`);
      }
    };
    return { ...base, origin, tls: { ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem'), verify } };
  }
  throw new Error(`DOCKER_HOST must start with unix:// or tcp://, not "${dockerHost}"`);
}

/**
 * A Pool, never a single Client: a log follow stream holds its connection for as long as it
 * lasts, and every other call must go on beside it.
 */
export function createDispatcher(settings: ConnectionSettings): Dispatcher {
  return new Pool(settings.origin, {
    connections: 64,
    pipelining: 1,
    connectTimeout: settings.connectTimeoutMs,
    headersTimeout: settings.headersTimeoutMs,
    keepAliveTimeout: 4_000,
    connect: {
      ...(settings.socketPath ? { socketPath: settings.socketPath } : {}),
      ...(settings.tls
        ? {
            ca: settings.tls.ca,
            cert: settings.tls.cert,
            key: settings.tls.key,
            rejectUnauthorized: settings.tls.verify,
          }
        : {}),
    },
  });
}
