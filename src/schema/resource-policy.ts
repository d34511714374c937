// What createVolume and createNetwork refuse in token mode: volumes and networks that reach into the host, unless configured.
import { bindPathRefusal, type CreatePolicy } from './create-policy.js';
import { codedError } from './errors.js';

/** What a volume's policy reads of the gateway's create policy: the same bind prefixes as containers' binds. */
export type VolumePolicy = Pick<CreatePolicy, 'bindPrefixes' | 'allowWritableBinds' | 'allowDevices'>;

export interface NetworkPolicy {
  /**
   * Drivers trusted with the host's interfaces (`macvlan`, `ipvlan`, `host`), and with the options
   * that name a host interface or bridge; empty in token mode unless `--allow-network-driver` says.
   */
  allowNetworkDrivers: readonly string[];
}

export interface VolumeRequest {
  /** `local` when absent. */
  driver?: string | undefined;
  driverOpts?: Readonly<Record<string, string>> | undefined;
}

export interface NetworkRequest {
  /** `bridge` when absent. */
  driver?: string | undefined;
  options?: Readonly<Record<string, string>> | undefined;
}

/**
 * Filesystems the local driver may mount without reaching into the host: memory, and shares
 * served by another machine. Any other type is mounted by the engine with its own privileges: a
 * host disk (`ext4` on /dev/sda1), the host's procfs or devtmpfs, an overlay of host directories.
 */
const GUEST_FILESYSTEMS = new Set(['tmpfs', 'nfs', 'nfs4', 'cifs']);

/** Drivers that attach containers to the host's own interfaces or its network namespace. */
const HOST_DRIVERS = new Set(['host', 'macvlan', 'ipvlan']);

/**
 * Network options that name something of the host: `parent` the interface macvlan and ipvlan
 * attach to; a bridge name that exists already on the host is reused, with whatever it bridges.
 */
const HOST_OPTIONS = new Set(['parent', 'com.docker.network.bridge.name']);

const normal = (text: string) => text.trim().toLowerCase();

/**
 * The values of an option under every spelling of its key. The engine reads only the exact key,
 * but reading more than it does can only refuse more, never let through what it would mount.
 */
function optionValues(options: Readonly<Record<string, string>>, key: string): Array<[string, string]> {
  return Object.entries(options).filter(([name]) => normal(name) === key);
}

/**
 * How mount(8) reads an `o` list as the engine's mount package does: `bind` and `rbind` make a
 * bind mount whatever the type says, the last of `ro` and `rw` wins.
 */
function mountFlags(o: readonly string[]): { bind: boolean; readOnly: boolean } {
  let bind = false;
  let readOnly = false;
  for (const flag of o.flatMap((value) => value.split(',')).map(normal)) {
    if (flag === 'bind' || flag === 'rbind') bind = true;
    else if (flag === 'ro') readOnly = true;
    else if (flag === 'rw') readOnly = false;
  }
  return { bind, readOnly };
}

const volumeRefusal = (option: string, why: string, flag: string) => `createVolume refuses ${option}: ${why}. Only ${flag} can allow it.`;

/**
 * Why the local driver's options would mount a host path or filesystem the policy does not allow,
 * or undefined when they are allowed. Other drivers are plugins the host's owner installed; their
 * options are theirs to judge.
 */
export function checkVolumeCreate(policy: VolumePolicy, request: VolumeRequest): string | undefined {
  const driver = request.driver === undefined || request.driver.trim() === '' ? 'local' : normal(request.driver);
  if (driver !== 'local') return undefined;
  const options = request.driverOpts ?? {};
  const types = optionValues(options, 'type');
  const os = optionValues(options, 'o');
  const devices = optionValues(options, 'device');
  // Without any of these the local driver mounts nothing: the volume is a directory of the engine's own.
  if (types.length + os.length + devices.length === 0) return undefined;

  const o = os.map(([, value]) => value);
  const { bind, readOnly } = mountFlags(o);
  const oOption = `driverOpts.o "${o.join(',')}"`;
  if (bind) {
    if (devices.length === 0) return volumeRefusal(oOption, 'a bind mount of no host path (device is missing)', '--allow-bind PREFIX');
    for (const [key, device] of devices) {
      const why = bindPathRefusal(device, policy);
      if (why) return volumeRefusal(`driverOpts.${key} "${device}" (bound by ${oOption})`, why, '--allow-bind PREFIX');
    }
    if (!readOnly && !policy.allowWritableBinds) {
      return volumeRefusal(oOption, 'binds are read-only in token mode (add ro to o)', '--allow-writable-binds');
    }
    return undefined;
  }

  if (policy.allowDevices) return undefined;
  const fsTypes = types.length === 0 ? [['type', ''] as [string, string]] : types;
  for (const [key, type] of fsTypes) {
    if (!GUEST_FILESYSTEMS.has(normal(type))) {
      return volumeRefusal(
        `driverOpts.${key} "${type}"`,
        'the engine would mount it with its own privileges (a host disk, procfs, an overlay of host directories); ' +
          `token mode mounts only ${[...GUEST_FILESYSTEMS].join(', ')}`,
        '--allow-devices',
      );
    }
  }
  return undefined;
}

/** Why the network would reach the host's interfaces against the policy, or undefined when it is allowed. */
export function checkNetworkCreate(policy: NetworkPolicy, request: NetworkRequest): string | undefined {
  const driver = request.driver === undefined || request.driver.trim() === '' ? 'bridge' : normal(request.driver);
  const allowed = policy.allowNetworkDrivers.some((name) => normal(name) === driver);
  if (allowed) return undefined;
  if (HOST_DRIVERS.has(driver)) {
    return `createNetwork refuses driver "${request.driver}": it attaches containers to the host's own network. Only --allow-network-driver ${driver} can allow it.`;
  }
  for (const [key, value] of Object.entries(request.options ?? {})) {
    if (HOST_OPTIONS.has(normal(key))) {
      return (
        `createNetwork refuses options "${key}" = "${value}": it names an interface or bridge of the host. ` +
        `Only --allow-network-driver ${driver} can allow it.`
      );
    }
  }
  return undefined;
}

/** Throws FORBIDDEN with checkVolumeCreate's refusal; the request never reaches the engine then. */
export function enforceVolumePolicy(policy: VolumePolicy, request: VolumeRequest): void {
  const refusal = checkVolumeCreate(policy, request);
  if (refusal) throw codedError('FORBIDDEN', refusal);
}

/** Throws FORBIDDEN with checkNetworkCreate's refusal; the request never reaches the engine then. */
export function enforceNetworkPolicy(policy: NetworkPolicy, request: NetworkRequest): void {
  const refusal = checkNetworkCreate(policy, request);
  if (refusal) throw codedError('FORBIDDEN', refusal);
}
