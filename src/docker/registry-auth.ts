// Image references as the docker CLI parses them, and registry credentials as it keeps them (config.json's auths) made into X-Registry-Auth.
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Docker Hub, as config.json names it. */
export const DOCKER_HUB = 'https://index.docker.io/v1/';

/** A reference split as the engine's pull wants it: `fromImage` (name, with its registry) and `tag` (a tag or a digest). */
export interface ImageReference {
  /** `127.0.0.1:5000/test/busybox`, `busybox` */
  name: string;
  /** `latest` when the reference named neither a tag nor a digest. */
  tag: string;
  /** `sha256:...` when the reference pinned one. */
  digest: string | undefined;
  /** The registry's host[:port]; `docker.io` for Docker Hub. */
  registry: string;
  /** The tag or digest, as `POST /images/create`'s `tag` takes it. */
  pullTag: string;
}

// The grammar of github.com/distribution/reference.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const REFERENCE = new RegExp(
  `^(?:(${DOMAIN})/)?(${COMPONENT}(?:/${COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);

/** The reference parsed, or null when it is malformed (the CLI's "invalid reference format"). */
export function parseReference(ref: string): ImageReference | null {
  if (ref.length > 255 * 2) return null;
  const match = REFERENCE.exec(ref);
  if (!match) return null;
  let [, domain, path, tag, digest] = match as unknown as [string, string | undefined, string, string | undefined, string | undefined];
  // A first component is a registry only when it looks like a host: a dot, a port, or localhost
  // (as the engine reads it: `UPPER/case` is a repository, and not a lowercase one).
  if (domain !== undefined && !/[.:]/.test(domain) && domain !== 'localhost') {
    if (domain !== domain.toLowerCase()) return null;
    path = `${domain}/${path}`;
    domain = undefined;
  }
  const name = domain === undefined ? path : `${domain}/${path}`;
  if (name.length > 255) return null;
  const resolvedTag = tag ?? (digest ? '' : 'latest');
  return {
    name,
    tag: resolvedTag,
    digest,
    registry: domain ?? 'docker.io',
    pullTag: digest ?? resolvedTag,
  };
}

export interface RegistryCredentials {
  username: string;
  password: string;
  /** The registry they are for; the image's registry when absent. */
  serverAddress?: string | null | undefined;
}

/** base64url with its padding, as Go's base64.URLEncoding writes it: the engine's decoder wants the padding. */
export function paddedBase64url(text: string): string {
  return Buffer.from(text).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
}

/** X-Registry-Auth: the credentials as base64url JSON, as the docker CLI sends them. */
export function encodeRegistryAuth(credentials: RegistryCredentials, registry: string): string {
  const serveraddress = credentials.serverAddress ?? (registry === 'docker.io' ? DOCKER_HUB : registry);
  return paddedBase64url(JSON.stringify({ username: credentials.username, password: credentials.password, serveraddress }));
}

/** The directory of config.json: `$DOCKER_CONFIG`, else `~/.docker`; read at each use, so a change needs no restart. */
export function dockerConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.DOCKER_CONFIG || join(homedir(), '.docker');
}

interface ConfigAuth {
  auth?: string;
  username?: string;
  password?: string;
}

/** `https://127.0.0.1:5000/v1/` and `127.0.0.1:5000` name the same registry; `docker.io` is Docker Hub's index. */
function registryKey(address: string): string {
  const host = address
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  return host === 'index.docker.io' || host === 'registry-1.docker.io' ? 'docker.io' : host;
}

/**
 * The credentials config.json's `auths` keeps for the registry, or undefined (no file, no entry,
 * or an entry without a user). Credential helpers (credsStore, credHelpers) are not asked.
 */
export async function configCredentials(registry: string, configDir = dockerConfigDir()): Promise<RegistryCredentials | undefined> {
  let text: string;
  try {
    text = await readFile(join(configDir, 'config.json'), 'utf8');
  } catch {
    return undefined;
  }
  let auths: Record<string, ConfigAuth> | undefined;
  try {
    auths = (JSON.parse(text) as { auths?: Record<string, ConfigAuth> }).auths;
  } catch {
    // Never quote the file: it holds secrets.
    throw new Error(`${join(configDir, 'config.json')} is not valid JSON`);
  }
  const wanted = registryKey(registry);
  for (const [address, entry] of Object.entries(auths ?? {})) {
    if (registryKey(address) !== wanted) continue;
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), serverAddress: address };
    }
    if (entry.username && entry.password) return { username: entry.username, password: entry.password, serverAddress: address };
  }
  return undefined;
}

/** The X-Registry-Auth for a registry: the given credentials, else config.json's, else none. */
export async function registryAuthFor(registry: string, given?: RegistryCredentials | null): Promise<string | undefined> {
  const credentials = given ?? (await configCredentials(registry));
  return credentials ? encodeRegistryAuth(credentials, registry) : undefined;
}
