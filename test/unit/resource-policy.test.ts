// Token mode's policy for createVolume and createNetwork: every spelling of a host bind, host filesystem or host interface refused, the rest allowed.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkNetworkCreate,
  checkVolumeCreate,
  enforceNetworkPolicy,
  enforceVolumePolicy,
  type NetworkPolicy,
  type VolumePolicy,
} from '../../src/schema/resource-policy.js';

const root = mkdtempSync(join(tmpdir(), 'wharf-resource-policy-'));
const allowedDir = join(root, 'allowed');
mkdirSync(join(allowedDir, 'data'), { recursive: true });
// A link under the allowed prefix that leads out of it: the engine would mount where it leads.
symlinkSync('/etc', join(allowedDir, 'escape'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const STRICT: VolumePolicy = { bindPrefixes: [], allowWritableBinds: false, allowDevices: false };
const WITH_PREFIX: VolumePolicy = { ...STRICT, bindPrefixes: [allowedDir] };
const bind = (o: string, device: string) => ({ driverOpts: { type: 'none', o, device } });

describe('checkVolumeCreate: binds of host paths', () => {
  const spellings = ['bind', 'rbind', 'bind,ro', 'ro,bind', 'rbind,ro', 'BIND,ro', ' bind ,ro', 'ro,rw,bind', 'nosuid,nodev,bind,ro'];

  it.each(spellings)('o=%s of /etc is refused with no prefix allowed, naming the device and --allow-bind', (o) => {
    const refusal = checkVolumeCreate(STRICT, bind(o, '/etc'));
    expect(refusal).toContain('driverOpts.device "/etc"');
    expect(refusal).toContain('outside the allowed host paths (none)');
    expect(refusal).toContain('--allow-bind');
  });

  it.each(spellings)('o=%s of /etc is refused when only another prefix is allowed', (o) => {
    expect(checkVolumeCreate(WITH_PREFIX, bind(o, '/etc'))).toContain('--allow-bind');
  });

  it.each(['none', 'tmpfs', 'ext4', '', 'nfs'])('a bind is a bind whatever the type says (type=%j)', (type) => {
    expect(checkVolumeCreate(STRICT, { driverOpts: { type, o: 'bind,ro', device: '/' } })).toContain('--allow-bind');
  });

  it.each([
    ['an upper-case key', { type: 'none', O: 'bind,ro', device: '/etc' }],
    ['an upper-case device key', { type: 'none', o: 'bind,ro', Device: '/etc' }],
    ['a relative device', { type: 'none', o: 'bind,ro', device: 'etc' }],
    ['a device that climbs out of the prefix', { type: 'none', o: 'bind,ro', device: `${allowedDir}/../..` }],
    ['a device that leads out through a link', { type: 'none', o: 'bind,ro', device: join(allowedDir, 'escape') }],
    ['a bind with no device', { type: 'none', o: 'bind,ro' }],
  ])('%s is refused', (_what, driverOpts) => {
    expect(checkVolumeCreate(WITH_PREFIX, { driverOpts })).toContain('--allow-bind');
  });

  it.each(['', 'local', ' local ', 'LOCAL', undefined])('driver %j is the local driver', (driver) => {
    expect(checkVolumeCreate(STRICT, { driver, ...bind('bind,ro', '/etc') })).toContain('--allow-bind');
  });

  it.each(['bind,ro', 'rbind,ro', 'ro,bind'])('o=%s under an allowed prefix is allowed', (o) => {
    expect(checkVolumeCreate(WITH_PREFIX, bind(o, join(allowedDir, 'data')))).toBeUndefined();
  });

  it.each(['bind', 'rbind', 'bind,ro,rw', 'bind,nosuid'])('o=%s is writable: refused unless writable binds are allowed', (o) => {
    const device = join(allowedDir, 'data');
    const refusal = checkVolumeCreate(WITH_PREFIX, bind(o, device));
    expect(refusal).toContain(`driverOpts.o "${o}"`);
    expect(refusal).toContain('--allow-writable-binds');
    expect(checkVolumeCreate({ ...WITH_PREFIX, allowWritableBinds: true }, bind(o, device))).toBeUndefined();
  });

  it('the prefix "/" allows any path', () => {
    expect(checkVolumeCreate({ ...STRICT, bindPrefixes: ['/'] }, bind('bind,ro', '/etc'))).toBeUndefined();
  });

  it('--allow-devices does not allow a bind', () => {
    expect(checkVolumeCreate({ ...STRICT, allowDevices: true }, bind('bind,ro', '/etc'))).toContain('--allow-bind');
  });
});

describe('checkVolumeCreate: other mounts of the local driver', () => {
  it.each([
    ['no options', undefined],
    ['an empty map', {}],
    ['a size only', { size: '10m' }],
    ['tmpfs', { type: 'tmpfs', device: 'tmpfs', o: 'size=100m,uid=1000' }],
    ['TMPFS', { type: 'TMPFS', device: 'tmpfs' }],
    ['nfs', { type: 'nfs', o: 'addr=10.0.0.1,rw', device: ':/export' }],
    ['nfs4', { type: 'nfs4', o: 'addr=10.0.0.1', device: ':/export' }],
    ['cifs', { type: 'cifs', o: 'addr=10.0.0.1,username=u', device: '//10.0.0.1/share' }],
  ])('%s is allowed', (_what, driverOpts) => {
    expect(checkVolumeCreate(STRICT, { driverOpts })).toBeUndefined();
  });

  it.each([
    ['a host disk', { type: 'ext4', device: '/dev/sda1' }],
    ['procfs', { type: 'proc', device: 'proc' }],
    ['devtmpfs', { type: 'devtmpfs', device: 'devtmpfs' }],
    ['an overlay of host directories', { type: 'overlay', device: 'overlay', o: 'lowerdir=/etc,upperdir=/tmp/u,workdir=/tmp/w' }],
    ['a device without a type', { device: '/dev/sda1' }],
    ['type none without bind', { type: 'none', device: '/etc' }],
  ])('%s is refused, naming the type and --allow-devices', (_what, driverOpts) => {
    const refusal = checkVolumeCreate(STRICT, { driverOpts });
    expect(refusal).toMatch(/^createVolume refuses driverOpts\.type "[^"]*": /);
    expect(refusal).toContain('--allow-devices');
    expect(checkVolumeCreate({ ...STRICT, allowDevices: true }, { driverOpts })).toBeUndefined();
  });

  it('another driver is a plugin the host installed: its options are its own', () => {
    expect(checkVolumeCreate(STRICT, { driver: 'rexray', ...bind('bind', '/etc') })).toBeUndefined();
  });
});

describe('checkNetworkCreate', () => {
  const STRICT_NET: NetworkPolicy = { allowNetworkDrivers: [] };

  it.each(['host', 'macvlan', 'ipvlan', 'MACVLAN', ' ipvlan '])('driver %j is refused, naming the flag', (driver) => {
    const refusal = checkNetworkCreate(STRICT_NET, { driver });
    expect(refusal).toContain(`driver "${driver}"`);
    expect(refusal).toContain(`--allow-network-driver ${driver.trim().toLowerCase()}`);
  });

  it.each([
    ['bridge', { parent: 'eth0' }],
    [undefined, { Parent: 'eth0' }],
    ['bridge', { 'com.docker.network.bridge.name': 'br0' }],
    ['overlay', { parent: 'eth0.10' }],
  ])('driver %j with options %j naming a host interface is refused', (driver, options) => {
    const refusal = checkNetworkCreate(STRICT_NET, { driver, options });
    expect(refusal).toMatch(/^createNetwork refuses options "/);
    expect(refusal).toContain(`--allow-network-driver ${driver ?? 'bridge'}`);
  });

  it.each([
    ['bridge', undefined],
    [undefined, {}],
    ['', { 'com.docker.network.driver.mtu': '1400', 'com.docker.network.bridge.enable_icc': 'false' }],
    ['overlay', undefined],
  ])('driver %j with options %j is allowed', (driver, options) => {
    expect(checkNetworkCreate(STRICT_NET, { driver, options })).toBeUndefined();
  });

  it('an allowed driver may use its host options', () => {
    const policy: NetworkPolicy = { allowNetworkDrivers: ['macvlan'] };
    expect(checkNetworkCreate(policy, { driver: 'macvlan', options: { parent: 'eth0', macvlan_mode: 'bridge' } })).toBeUndefined();
    expect(checkNetworkCreate(policy, { driver: 'ipvlan', options: { parent: 'eth0' } })).toContain('--allow-network-driver ipvlan');
    expect(checkNetworkCreate(policy, { driver: 'bridge', options: { parent: 'eth0' } })).toContain('--allow-network-driver bridge');
  });
});

describe('enforcing: FORBIDDEN with the refusal as its message', () => {
  it('a refused volume', () => {
    const attempt = () => enforceVolumePolicy(STRICT, bind('bind,ro', '/etc'));
    expect(attempt).toThrow(GraphQLError);
    expect(attempt).toThrow(/^createVolume refuses driverOpts\.device "\/etc"/);
    try {
      attempt();
    } catch (error) {
      expect((error as GraphQLError).extensions.code).toBe('FORBIDDEN');
    }
  });

  it('a refused network', () => {
    let caught: unknown;
    try {
      enforceNetworkPolicy({ allowNetworkDrivers: [] }, { driver: 'macvlan', options: { parent: 'eth0' } });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GraphQLError);
    expect((caught as GraphQLError).extensions.code).toBe('FORBIDDEN');
    expect((caught as GraphQLError).message).toMatch(/^createNetwork refuses driver "macvlan"/);
  });

  it('allowed ones pass', () => {
    expect(() => enforceVolumePolicy(STRICT, { driverOpts: { type: 'tmpfs', device: 'tmpfs' } })).not.toThrow();
    expect(() => enforceNetworkPolicy({ allowNetworkDrivers: [] }, { driver: 'bridge' })).not.toThrow();
  });
});
