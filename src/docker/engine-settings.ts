// Which engines to drive: `--engine NAME=URL` entries or a WHARF_ENGINES list, each with its own connection settings.
import { readFileSync } from 'node:fs';
import { connectionFromEnv, type ConnectionSettings, type DockerEnv } from './connection.js';

/** One configured engine: its name in the graph, and how to reach it. */
export interface EngineSettings {
  name: string;
  connection: ConnectionSettings;
}

/** The name of the one engine of a configuration that names none. */
export const DEFAULT_ENGINE_NAME = 'local';

const ENGINE_NAME = /^[a-z0-9][a-z0-9_.-]*$/;

export function isEngineName(name: string): boolean {
  return ENGINE_NAME.test(name);
}

/** A WHARF_ENGINES entry, as the docker CLI's companions of DOCKER_HOST would spell it for one engine. */
interface EngineEntry {
  name?: unknown;
  host?: unknown;
  tlsVerify?: unknown;
  certPath?: unknown;
  apiVersion?: unknown;
}

/** Thrown for an entry that cannot be used; its message names the entry. */
export class EngineSettingsError extends Error {}

export interface EngineSources {
  /** `NAME=URL` values of --engine, in order. */
  flags: readonly string[];
  /** WHARF_ENGINES: a JSON array, or `@path` of a file holding one. */
  list: string | undefined;
  /** DOCKER_HOST and its companions: the default engine's settings, and TLS for `--engine` URLs. */
  env: DockerEnv;
  /** --docker-host, for the default engine. */
  dockerHost?: string | undefined;
  callTimeoutMs?: number | undefined;
}

/**
 * The engines to drive, in the order given: the --engine flags, then the WHARF_ENGINES list; one
 * engine named `local` from DOCKER_HOST when neither names any.
 */
export function readEngineSettings(sources: EngineSources): EngineSettings[] {
  const timeouts = { callTimeoutMs: sources.callTimeoutMs };
  const engines: EngineSettings[] = [];
  const add = (entry: string, name: string, env: DockerEnv) => {
    if (!isEngineName(name)) {
      throw new EngineSettingsError(`engine ${entry}: the name must match [a-z0-9][a-z0-9_.-]*, not "${name}"`);
    }
    if (engines.some((engine) => engine.name === name)) throw new EngineSettingsError(`engine ${entry}: the name "${name}" is given twice`);
    try {
      engines.push({ name, connection: connectionFromEnv(env, timeouts) });
    } catch (error) {
      throw new EngineSettingsError(`engine ${entry}: ${(error as Error).message}`);
    }
  };

  for (const flag of sources.flags) {
    const split = flag.indexOf('=');
    if (split < 0) throw new EngineSettingsError(`--engine ${flag}: expected NAME=URL`);
    const name = flag.slice(0, split);
    const url = flag.slice(split + 1);
    checkUrl(`--engine ${flag}`, url);
    add(`--engine ${flag}`, name, { ...sources.env, DOCKER_HOST: url });
  }
  if (sources.list !== undefined && sources.list.trim() !== '') {
    readEntries(sources.list).forEach((entry, index) => {
      const label = `WHARF_ENGINES[${index}]${typeof entry.name === 'string' ? ` (${entry.name})` : ''}`;
      if (typeof entry.name !== 'string') throw new EngineSettingsError(`${label}: "name" must be a string`);
      if (typeof entry.host !== 'string' || !entry.host)
        throw new EngineSettingsError(`${label}: "host" must be a URL such as unix:///var/run/docker.sock`);
      if (entry.tlsVerify !== undefined && typeof entry.tlsVerify !== 'boolean')
        throw new EngineSettingsError(`${label}: "tlsVerify" must be true or false`);
      if (entry.certPath !== undefined && typeof entry.certPath !== 'string')
        throw new EngineSettingsError(`${label}: "certPath" must be a directory path`);
      if (entry.apiVersion !== undefined && typeof entry.apiVersion !== 'string')
        throw new EngineSettingsError(`${label}: "apiVersion" must look like "1.41"`);
      checkUrl(label, entry.host);
      // Each entry stands alone: nothing of DOCKER_TLS_VERIFY & co. leaks into it.
      add(label, entry.name, {
        DOCKER_HOST: entry.host,
        DOCKER_TLS_VERIFY: entry.tlsVerify ? '1' : undefined,
        DOCKER_TLS: entry.certPath && entry.tlsVerify === undefined ? '1' : undefined,
        DOCKER_CERT_PATH: entry.certPath,
        DOCKER_API_VERSION: entry.apiVersion,
      });
    });
  }
  if (engines.length > 0) return engines;
  try {
    return [{ name: DEFAULT_ENGINE_NAME, connection: connectionFromEnv(sources.env, { ...timeouts, dockerHost: sources.dockerHost }) }];
  } catch (error) {
    throw new EngineSettingsError((error as Error).message);
  }
}

function readEntries(list: string): EngineEntry[] {
  let text = list;
  let source = 'WHARF_ENGINES';
  if (list.startsWith('@')) {
    source = `WHARF_ENGINES file ${list.slice(1)}`;
    try {
      text = readFileSync(list.slice(1), 'utf8');
    } catch (error) {
      throw new EngineSettingsError(`${source} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new EngineSettingsError(`${source} is not JSON: expected an array of {"name", "host", "tlsVerify", "certPath", "apiVersion"}`);
  }
  if (!Array.isArray(parsed) || parsed.some((entry) => typeof entry !== 'object' || entry === null || Array.isArray(entry))) {
    throw new EngineSettingsError(`${source} must be a JSON array of objects {"name", "host", ...}`);
  }
  return parsed as EngineEntry[];
}

/** A URL the connection settings would otherwise misread: a tcp URL without a host, or one that does not parse. */
function checkUrl(label: string, url: string): void {
  if (!/^(tcp|http|https):\/\//.test(url)) return;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/^tcp:/, 'http:'));
  } catch {
    throw new EngineSettingsError(`${label}: "${url}" is not a URL`);
  }
  if (!parsed.hostname) throw new EngineSettingsError(`${label}: "${url}" names no host`);
}
