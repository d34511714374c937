// What createContainer refuses in token mode: options that would hand out the host, unless configured.
import { posix } from 'node:path';
import type { ContainerCreateWire } from '../docker/types.js';
import { codedError } from './errors.js';

export interface CreatePolicy {
  allowPrivileged: boolean;
  /** Host path prefixes that bind mounts may use; empty: no bind mounts at all. */
  bindPrefixes: string[];
  /** host and container:<id> network, pid, ipc and uts modes. */
  allowHostNamespaces: boolean;
  allowCapAdd: boolean;
  allowDevices: boolean;
  /** seccomp/apparmor unconfined, SELinux labels disabled, unmasked system paths. */
  allowUnconfined: boolean;
}

/** Token mode's default: nothing that reaches outside the container. */
export const STRICT_CREATE_POLICY: CreatePolicy = {
  allowPrivileged: false,
  bindPrefixes: [],
  allowHostNamespaces: false,
  allowCapAdd: false,
  allowDevices: false,
  allowUnconfined: false,
};

const UNCONFINED = /^(seccomp[=:]unconfined|apparmor[=:]unconfined|label[=:]disable|systempaths[=:]unconfined)$/i;

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

const hostNamespace = (mode: string | undefined) => !!mode && (mode === 'host' || mode.startsWith('container:'));

/** Throws FORBIDDEN naming the first option the policy does not allow; the body never reaches the engine then. */
export function enforceCreatePolicy(body: ContainerCreateWire, policy: CreatePolicy): void {
  const host = body.HostConfig;
  if (!host) return;
  if (host.Privileged && !policy.allowPrivileged) refuse('hostConfig.privileged', 'a privileged container is root on the host');
  for (const bind of host.Binds ?? []) {
    const source = bind.split(':')[0] ?? '';
    // A source that is not a path is a named volume, which stays inside the engine.
    if (source.startsWith('/') && !underPrefix(source, policy.bindPrefixes)) {
      refuse(`hostConfig.binds "${bind}"`, `${source} is outside the allowed host paths (${policy.bindPrefixes.join(', ') || 'none'})`);
    }
  }
  for (const mount of host.Mounts ?? []) {
    if (mount.Type === 'bind' && !underPrefix(mount.Source ?? '', policy.bindPrefixes)) {
      refuse(`hostConfig.mounts bind "${mount.Source ?? ''}"`, `it is outside the allowed host paths (${policy.bindPrefixes.join(', ') || 'none'})`);
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
  if ((host.CapAdd?.length ?? 0) > 0 && !policy.allowCapAdd) refuse(`hostConfig.capAdd ${JSON.stringify(host.CapAdd)}`, 'added capabilities widen what the container may do to the host');
  if ((host.Devices?.length ?? 0) > 0 && !policy.allowDevices) refuse('hostConfig.devices', 'host devices give direct access to the hardware');
  for (const option of host.SecurityOpt ?? []) {
    if (UNCONFINED.test(option) && !policy.allowUnconfined) refuse(`hostConfig.securityOpt "${option}"`, 'it lifts the confinement of the container');
  }
}
