// What createContainer refuses in token mode: options that would hand out the host, unless configured.
import { realpathSync } from 'node:fs';
import { posix } from 'node:path';
import type { ContainerCreateWire } from '../docker/types.js';
import { codedError } from './errors.js';

export interface CreatePolicy {
  allowPrivileged: boolean;
  /** Host path prefixes that bind mounts may use; empty: no bind mounts at all. */
  bindPrefixes: string[];
  /**
   * Read-write binds under the prefixes. Off by default: a container that can write into a
   * prefix can plant a symlink there, and the engine follows it when it mounts another bind.
   */
  allowWritableBinds: boolean;
  /** host and container:<id> network, pid, ipc and uts modes. */
  allowHostNamespaces: boolean;
  allowCapAdd: boolean;
  allowDevices: boolean;
  /** seccomp/apparmor unconfined, SELinux labels disabled, unmasked system paths. */
  allowUnconfined: boolean;
  /** Network drivers createNetwork may use with the host's interfaces (`macvlan`, `ipvlan`, `host`, a `parent` option). */
  allowNetworkDrivers: string[];
}

/** Token mode's default: nothing that reaches outside the container. */
export const STRICT_CREATE_POLICY: CreatePolicy = {
  allowPrivileged: false,
  bindPrefixes: [],
  allowWritableBinds: false,
  allowHostNamespaces: false,
  allowCapAdd: false,
  allowDevices: false,
  allowUnconfined: false,
  allowNetworkDrivers: [],
};

/**
 * The security options that keep the engine's confinement: everything else (unconfined, a custom
 * seccomp profile, another AppArmor profile, SELinux labels, `disable`) can lift it.
 */
const CONFINED = /^(no-new-privileges([=:](true|false))?|apparmor[=:]docker-default)$/i;

function refuse(option: string, why: string): never {
  throw codedError('FORBIDDEN', `createContainer refuses ${option}: ${why}. The gateway's configuration must allow it.`);
}

/** True when `path` is one of the prefixes or below one, on a path boundary. */
export function underPrefix(path: string, prefixes: readonly string[]): boolean {
  const normal = posix.normalize(path);
  return prefixes.some((prefix) => {
    const base = posix.normalize(prefix).replace(/\/+$/, '') || '/';
    return base === '/' || normal === base || normal.startsWith(`${base}/`);
  });
}

/**
 * The path the engine will really mount: symlinks resolved in the longest part that exists (the
 * engine creates what is missing of a bind source as directories).
 */
export function resolveHostPath(path: string): string {
  const normal = posix.normalize(path);
  const rest: string[] = [];
  let existing = normal;
  for (;;) {
    try {
      return posix.join(realpathSync(existing), ...rest);
    } catch {
      if (existing === '/' || existing === '.') return normal;
      rest.unshift(posix.basename(existing));
      existing = posix.dirname(existing);
    }
  }
}

/**
 * Why binding the host path `source` is not allowed (it is outside the prefixes, or leads outside
 * them through a link), or undefined when it is. `realPrefixes` is the prefixes with their links
 * resolved, asked for only when the path itself is under one.
 */
export function bindPathRefusal(
  source: string,
  policy: Pick<CreatePolicy, 'bindPrefixes'>,
  realPrefixes: () => string[] = () => policy.bindPrefixes.map(resolveHostPath),
): string | undefined {
  const allowed = policy.bindPrefixes.join(', ') || 'none';
  if (!underPrefix(source, policy.bindPrefixes)) return `${source} is outside the allowed host paths (${allowed})`;
  const real = resolveHostPath(source);
  if (!underPrefix(real, realPrefixes())) return `${source} leads to ${real}, outside the allowed host paths (${allowed})`;
  return undefined;
}

function checkBindSource(option: string, source: string, readOnly: boolean, policy: CreatePolicy, realPrefixes: () => string[]): void {
  const why = bindPathRefusal(source, policy, realPrefixes);
  if (why) refuse(option, why);
  if (!readOnly && !policy.allowWritableBinds) {
    refuse(option, 'binds are read-only in token mode (add :ro, or readOnly: true), unless writable binds are allowed');
  }
}

const hostNamespace = (mode: string | undefined) => !!mode && (mode === 'host' || mode.startsWith('container:'));

/** Throws FORBIDDEN naming the first option the policy does not allow; the body never reaches the engine then. */
export function enforceCreatePolicy(body: ContainerCreateWire, policy: CreatePolicy): void {
  const host = body.HostConfig;
  if (!host) return;
  if (host.Privileged && !policy.allowPrivileged) refuse('hostConfig.privileged', 'a privileged container is root on the host');
  // The allowed prefixes with their links resolved: once per request, and only if a bind asks.
  let resolved: string[] | undefined;
  const realPrefixes = () => (resolved ??= policy.bindPrefixes.map(resolveHostPath));
  for (const bind of host.Binds ?? []) {
    const [source = '', , options = ''] = bind.split(':');
    // A source that is not a path is a named volume, which stays inside the engine.
    if (source.startsWith('/'))
      checkBindSource(`hostConfig.binds "${bind}"`, source, options.split(',').includes('ro'), policy, realPrefixes);
  }
  for (const mount of host.Mounts ?? []) {
    if (mount.Type === 'bind') {
      checkBindSource(`hostConfig.mounts bind "${mount.Source ?? ''}"`, mount.Source ?? '', mount.ReadOnly === true, policy, realPrefixes);
    }
  }
  if (!policy.allowHostNamespaces) {
    const modes: Array<[string, string | undefined]> = [
      ['hostConfig.networkMode', host.NetworkMode],
      ['hostConfig.pidMode', host.PidMode],
      ['hostConfig.ipcMode', host.IpcMode],
      ['hostConfig.utsMode', host.UTSMode],
    ];
    for (const [option, mode] of modes) {
      if (hostNamespace(mode)) refuse(`${option} "${mode}"`, 'it shares a namespace of the host or of another container');
    }
  }
  if ((host.CapAdd?.length ?? 0) > 0 && !policy.allowCapAdd)
    refuse(`hostConfig.capAdd ${JSON.stringify(host.CapAdd)}`, 'added capabilities widen what the container may do to the host');
  if ((host.Devices?.length ?? 0) > 0 && !policy.allowDevices)
    refuse('hostConfig.devices', 'host devices give direct access to the hardware');
  for (const option of host.SecurityOpt ?? []) {
    if (!CONFINED.test(option) && !policy.allowUnconfined)
      refuse(`hostConfig.securityOpt "${option}"`, 'it can lift the confinement of the container');
  }
}
