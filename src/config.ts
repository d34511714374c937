// Configuration from flags and environment: where to listen, which engine to drive, who may do what.
import { parseArgs } from 'node:util';
import { DEFAULT_CALL_TIMEOUT_MS } from './docker/connection.js';
import { readEngineSettings, type EngineSettings } from './docker/engine-settings.js';
import { type AnswerBounds, DEFAULT_ANSWER_BOUNDS } from './schema/answer-bounds.js';
import type { CreatePolicy } from './schema/create-policy.js';
import { isLoopback, type AccessConfig } from './server/auth/access.js';
import { DEFAULT_LIMITS, type DocumentLimits } from './server/graphql/hardening.js';
import { DEFAULT_MAX_BUILD_CONTEXT_BYTES } from './server/http/build.js';
import { DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_ADDRESS, type WebSocketOptions } from './server/graphql/ws.js';
import { isLogLevel, LOG_LEVELS, type LogLevel } from './server/observability/logger.js';
import { loadTokenFile, type TokenEntry } from './server/auth/tokens.js';

export interface WharfConfig {
  port: number;
  host: string;
  /** The engines to drive, in order; one named `local` from DOCKER_HOST unless configured. */
  engines: EngineSettings[];
  access: AccessConfig;
  graphiql: boolean;
  introspection: boolean;
  /** The dashboard page at /. */
  dashboard: boolean;
  corsOrigins: string[];
  limits: DocumentLimits;
  answerBounds: AnswerBounds;
  /** The WebSocket connection caps. */
  webSocket: Required<Pick<WebSocketOptions, 'maxConnections' | 'maxConnectionsPerAddress'>>;
  logLevel: LogLevel;
  /** The largest build context POST /images/build takes. */
  maxBuildContextBytes: number;
  /** A line to print loudly at start, for --insecure-no-auth. */
  warning?: string;
}

export const USAGE = `Usage: wharf [options]
       wharf token create --name NAME --role viewer|operator|admin

Options (each also read from the environment variable in brackets):
  --port N                 port to listen on [PORT] (default 4000)
  --host H                 address to listen on [HOST] (default 127.0.0.1)
  --docker-host URL        the engine: unix:///path or tcp://host:port [DOCKER_HOST]
                           (default unix:///var/run/docker.sock); named local in the graph
  --engine NAME=URL        drive several engines, each named (a-z, 0-9, _ . -); repeatable;
                           tcp URLs use DOCKER_TLS_VERIFY and DOCKER_CERT_PATH as the docker CLI does
                           [WHARF_ENGINES: a JSON array of {"name", "host", "tlsVerify", "certPath",
                           "apiVersion"}, or @FILE holding one]
  --engine-timeout MS      how long a read may wait for an engine before that engine counts as
                           down (its part of a listing becomes an error) [WHARF_ENGINE_TIMEOUT_MS]
                           (default ${DEFAULT_CALL_TIMEOUT_MS})
  --tokens-file PATH       token mode: a JSON array of {name, role, sha256} [WHARF_TOKENS_FILE]
  --insecure-no-auth       listen beyond loopback without tokens: anyone who reaches the port
                           is root on the engine's host [WHARF_INSECURE_NO_AUTH=1]
  --cors-origin ORIGIN     a browser origin allowed besides the gateway's own; repeatable
                           [WHARF_CORS_ORIGINS, comma-separated]
  --allow-bind PREFIX      token mode: a host path prefix bind mounts may use; repeatable
                           [WHARF_ALLOW_BIND, comma-separated]; binds must be read-only
  --allow-writable-binds   token mode: allow read-write binds under those prefixes (a container
                           that can write there can plant symlinks) [WHARF_ALLOW_WRITABLE_BINDS=1]
  --allow-privileged, --allow-host-namespaces, --allow-cap-add, --allow-devices,
  --allow-unconfined       token mode: let createContainer use these
                           [WHARF_ALLOW_PRIVILEGED=1 and so on]
  --allow-network-driver NAME
                           token mode: let createNetwork use driver NAME (macvlan, ipvlan, host)
                           and its host-interface options; repeatable
                           [WHARF_ALLOW_NETWORK_DRIVER, comma-separated]
  --no-graphiql            do not serve GraphiQL [WHARF_GRAPHIQL=0]
  --no-introspection       refuse introspection [WHARF_INTROSPECTION=0]
  --no-dashboard           do not serve the dashboard page at / [WHARF_DASHBOARD=0]
  --max-depth N, --max-aliases N, --max-tokens N, --max-cost N
                           document limits [WHARF_MAX_DEPTH ...] (defaults ${DEFAULT_LIMITS.maxDepth}, ${DEFAULT_LIMITS.maxAliases}, ${DEFAULT_LIMITS.maxTokens}, ${DEFAULT_LIMITS.maxCost})
  --max-log-lines N, --max-log-bytes N
                           the most one Container.logs answer holds; past it the field is an
                           error naming tail, since and the subscription [WHARF_MAX_LOG_LINES ...]
                           (defaults ${DEFAULT_ANSWER_BOUNDS.logLines}, ${DEFAULT_ANSWER_BOUNDS.logBytes})
  --max-answer-bytes N     the most one JSON answer of the engine may hold (a listing, an
                           inspect, a process list) [WHARF_MAX_ANSWER_BYTES] (default ${DEFAULT_ANSWER_BOUNDS.answerBytes})
  --max-ws-connections N, --max-ws-connections-per-address N
                           WebSocket connections open at once, in all and from one client address;
                           the excess is closed with 1013 [WHARF_MAX_WS_CONNECTIONS ...]
                           (defaults ${DEFAULT_MAX_CONNECTIONS}, ${DEFAULT_MAX_CONNECTIONS_PER_ADDRESS})
  --max-build-context-bytes N
                           the largest build context POST /images/build takes; past it, 413
                           [WHARF_MAX_BUILD_CONTEXT_BYTES] (default ${DEFAULT_MAX_BUILD_CONTEXT_BYTES})
  --log-level LEVEL        fatal, error, warn, info, debug, trace or silent [WHARF_LOG_LEVEL]
                           (default info; one JSON line per operation at info)
  -h, --help               this text

The docker CLI's DOCKER_TLS_VERIFY, DOCKER_CERT_PATH and DOCKER_API_VERSION are read as it reads them.`;

export class ConfigError extends Error {}

const FLAG_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  'docker-host': { type: 'string' },
  engine: { type: 'string', multiple: true },
  'engine-timeout': { type: 'string' },
  'tokens-file': { type: 'string' },
  'insecure-no-auth': { type: 'boolean' },
  'cors-origin': { type: 'string', multiple: true },
  'allow-bind': { type: 'string', multiple: true },
  'allow-writable-binds': { type: 'boolean' },
  'allow-privileged': { type: 'boolean' },
  'allow-host-namespaces': { type: 'boolean' },
  'allow-cap-add': { type: 'boolean' },
  'allow-devices': { type: 'boolean' },
  'allow-unconfined': { type: 'boolean' },
  'allow-network-driver': { type: 'string', multiple: true },
  'no-graphiql': { type: 'boolean' },
  'no-introspection': { type: 'boolean' },
  'no-dashboard': { type: 'boolean' },
  'max-depth': { type: 'string' },
  'max-aliases': { type: 'string' },
  'max-tokens': { type: 'string' },
  'max-cost': { type: 'string' },
  'max-log-lines': { type: 'string' },
  'max-log-bytes': { type: 'string' },
  'max-answer-bytes': { type: 'string' },
  'max-ws-connections': { type: 'string' },
  'max-ws-connections-per-address': { type: 'string' },
  'max-build-context-bytes': { type: 'string' },
  'log-level': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

const truthy = (value: string | undefined) => !!value && !/^(0|false|no|off)$/i.test(value);
const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function whole(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < min) throw new ConfigError(`${name} must be a whole number of at least ${min}, not "${text}"`);
  return value;
}

const parseFlags = (argv: string[]) => parseArgs({ args: argv, options: FLAG_OPTIONS, strict: true, allowPositionals: false });

export function readConfig(argv: string[], env: NodeJS.ProcessEnv): WharfConfig | 'help' {
  let values: ReturnType<typeof parseFlags>['values'];
  try {
    ({ values } = parseFlags(argv));
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (values.help) return 'help';
  const portText = values.port ?? env.PORT ?? '4000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) throw new ConfigError(`port must be a number from 0 to 65535, not "${portText}"`);
  const host = values.host ?? env.HOST ?? '127.0.0.1';
  const callTimeoutMs = whole('--engine-timeout', values['engine-timeout'] ?? env.WHARF_ENGINE_TIMEOUT_MS, DEFAULT_CALL_TIMEOUT_MS, 100);
  let engines: EngineSettings[];
  try {
    engines = readEngineSettings({
      flags: values.engine ?? [],
      list: env.WHARF_ENGINES,
      env,
      dockerHost: values['docker-host'],
      callTimeoutMs,
    });
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }

  const tokensFile = values['tokens-file'] ?? env.WHARF_TOKENS_FILE;
  const insecure = values['insecure-no-auth'] ?? truthy(env.WHARF_INSECURE_NO_AUTH);
  let access: AccessConfig;
  let warning: string | undefined;
  if (tokensFile) {
    let tokens: TokenEntry[];
    try {
      tokens = loadTokenFile(tokensFile);
    } catch (error) {
      throw new ConfigError((error as Error).message);
    }
    const createPolicy: CreatePolicy = {
      allowPrivileged: values['allow-privileged'] ?? truthy(env.WHARF_ALLOW_PRIVILEGED),
      bindPrefixes: values['allow-bind'] ?? list(env.WHARF_ALLOW_BIND),
      allowWritableBinds: values['allow-writable-binds'] ?? truthy(env.WHARF_ALLOW_WRITABLE_BINDS),
      allowHostNamespaces: values['allow-host-namespaces'] ?? truthy(env.WHARF_ALLOW_HOST_NAMESPACES),
      allowCapAdd: values['allow-cap-add'] ?? truthy(env.WHARF_ALLOW_CAP_ADD),
      allowDevices: values['allow-devices'] ?? truthy(env.WHARF_ALLOW_DEVICES),
      allowUnconfined: values['allow-unconfined'] ?? truthy(env.WHARF_ALLOW_UNCONFINED),
      allowNetworkDrivers: values['allow-network-driver'] ?? list(env.WHARF_ALLOW_NETWORK_DRIVER),
    };
    for (const prefix of createPolicy.bindPrefixes) {
      if (!prefix.startsWith('/')) throw new ConfigError(`--allow-bind takes absolute host paths, not "${prefix}"`);
    }
    access = { mode: 'token', tokens, createPolicy };
  } else if (!isLoopback(host)) {
    if (!insecure) {
      throw new ConfigError(
        `Refusing to listen on ${host} without tokens: whoever reaches the port would be root on the engine's host. ` +
          'Give --tokens-file (see `wharf token create`), listen on 127.0.0.1, or say --insecure-no-auth if you mean it.',
      );
    }
    access = { mode: 'insecure' };
    warning = `WARNING: --insecure-no-auth: anyone who can reach ${host}:${port} has full control of the Docker engine and its host.`;
  } else {
    access = { mode: 'local' };
  }

  const limits: DocumentLimits = {
    maxDepth: whole('--max-depth', values['max-depth'] ?? env.WHARF_MAX_DEPTH, DEFAULT_LIMITS.maxDepth),
    maxAliases: whole('--max-aliases', values['max-aliases'] ?? env.WHARF_MAX_ALIASES, DEFAULT_LIMITS.maxAliases),
    maxTokens: whole('--max-tokens', values['max-tokens'] ?? env.WHARF_MAX_TOKENS, DEFAULT_LIMITS.maxTokens),
    maxCost: whole('--max-cost', values['max-cost'] ?? env.WHARF_MAX_COST, DEFAULT_LIMITS.maxCost),
  };
  const answerBounds: AnswerBounds = {
    logLines: whole('--max-log-lines', values['max-log-lines'] ?? env.WHARF_MAX_LOG_LINES, DEFAULT_ANSWER_BOUNDS.logLines),
    logBytes: whole('--max-log-bytes', values['max-log-bytes'] ?? env.WHARF_MAX_LOG_BYTES, DEFAULT_ANSWER_BOUNDS.logBytes),
    answerBytes: whole('--max-answer-bytes', values['max-answer-bytes'] ?? env.WHARF_MAX_ANSWER_BYTES, DEFAULT_ANSWER_BOUNDS.answerBytes),
  };
  const webSocket: WharfConfig['webSocket'] = {
    maxConnections: whole('--max-ws-connections', values['max-ws-connections'] ?? env.WHARF_MAX_WS_CONNECTIONS, DEFAULT_MAX_CONNECTIONS),
    maxConnectionsPerAddress: whole(
      '--max-ws-connections-per-address',
      values['max-ws-connections-per-address'] ?? env.WHARF_MAX_WS_CONNECTIONS_PER_ADDRESS,
      DEFAULT_MAX_CONNECTIONS_PER_ADDRESS,
    ),
  };
  const logLevel = values['log-level'] ?? env.WHARF_LOG_LEVEL ?? 'info';
  if (!isLogLevel(logLevel)) throw new ConfigError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}"`);
  return {
    port,
    host,
    engines,
    access,
    graphiql: !(values['no-graphiql'] ?? env.WHARF_GRAPHIQL === '0'),
    introspection: !(values['no-introspection'] ?? env.WHARF_INTROSPECTION === '0'),
    dashboard: !(values['no-dashboard'] ?? env.WHARF_DASHBOARD === '0'),
    corsOrigins: values['cors-origin'] ?? list(env.WHARF_CORS_ORIGINS),
    limits,
    answerBounds,
    webSocket,
    logLevel,
    maxBuildContextBytes: whole(
      '--max-build-context-bytes',
      values['max-build-context-bytes'] ?? env.WHARF_MAX_BUILD_CONTEXT_BYTES,
      DEFAULT_MAX_BUILD_CONTEXT_BYTES,
    ),
    ...(warning ? { warning } : {}),
  };
}
