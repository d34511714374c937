// createContainer in token mode refuses what would hand out the host, in every form that means it, before the engine hears of it.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { TEST_IMAGE } from '../scripts/engine.js';
import type { CreatePolicy } from '../src/schema/create-policy.js';
import { graphql } from './gql/index.js';
import type { HostConfigInput } from './gql/graphql.js';
import { issueTokens, outcomeCodes, outcomeMessages, runOperation } from './helpers/access.js';
import { createTestContainer, rawEngine, removeContainer, TEST_LABEL, uniqueName } from './helpers/engine-api.js';
import { startGateway, type ProxiedGateway } from './helpers/gateway.js';

const engine = rawEngine(inject('dockerSocket'));
const tokens = issueTokens('policy');

/** The host paths of this file: `allowed` is the one bind prefix; the rest sit around it. */
const base = mkdtempSync('/tmp/wharf-policy.');
const allowed = join(base, 'allowed');
mkdirSync(join(allowed, 'sub'), { recursive: true });
mkdirSync(join(base, 'allowed-evil'));
// A link inside the allowed prefix to a host path outside it: the engine follows it when it mounts.
symlinkSync('/etc', join(allowed, 'escape'));

type PolicyFlag = Exclude<keyof CreatePolicy, 'bindPrefixes'>;
const FLAGS: readonly PolicyFlag[] = [
  'allowPrivileged',
  'allowWritableBinds',
  'allowHostNamespaces',
  'allowCapAdd',
  'allowDevices',
  'allowUnconfined',
];

/** A running container for the `container:<id>` modes. */
let sleeper: { id: string; name: string };
let strict: ProxiedGateway;
/** A gateway per flag, allowing that one thing and nothing else. */
const allowing = new Map<PolicyFlag, ProxiedGateway>();
let local: ProxiedGateway;

beforeAll(async () => {
  sleeper = await createTestContainer(engine, { name: uniqueName('wharf-policy-target'), cmd: ['sleep', '300'] });
  strict = await startGateway(inject('dockerHost'), {
    countingProxy: true,
    warm: true,
    tokens: [tokens.admin],
    createPolicy: { bindPrefixes: [allowed] },
  });
  for (const flag of FLAGS) {
    allowing.set(
      flag,
      await startGateway(inject('dockerHost'), {
        countingProxy: true,
        warm: true,
        tokens: [tokens.admin],
        createPolicy: { bindPrefixes: [allowed], [flag]: true },
      }),
    );
  }
  local = await startGateway(inject('dockerHost'), { countingProxy: true, warm: true });
});
afterAll(async () => {
  await strict?.close();
  for (const gateway of allowing.values()) await gateway.close();
  await local?.close();
  if (sleeper) await removeContainer(engine, sleeper.id);
  await engine.close();
  rmSync(base, { recursive: true, force: true });
});

/** Containers (by name) and named volumes a test may have made, removed after it. */
const containers: string[] = [];
const volumes: string[] = [];
afterEach(async () => {
  await Promise.all(containers.splice(0).map((name) => removeContainer(engine, name)));
  for (const volume of volumes.splice(0)) await engine.request('DELETE', `/volumes/${volume}?force=1`);
});

const PolicyCreate = graphql(`
  mutation PolicyCreate($input: CreateContainerInput!) {
    createContainer(input: $input) {
      id
      name
    }
  }
`);

interface EngineHostConfig {
  Privileged: boolean;
  Binds: string[] | null;
  Mounts?: Array<{ Type: string; Source: string; Target: string }> | null;
  NetworkMode: string;
  PidMode: string;
  IpcMode: string;
  UTSMode: string;
  CapAdd: string[] | null;
  Devices: Array<{ PathOnHost: string; PathInContainer: string; CgroupPermissions: string }> | null;
  SecurityOpt: string[] | null;
}

/** Creates (never starts) a container through a gateway, as its admin in token mode; the name is cleaned up after the test. */
async function create(gateway: ProxiedGateway, hostConfig: HostConfigInput) {
  const name = uniqueName('wharf-policy');
  containers.push(name);
  gateway.proxy.reset();
  const input = { image: TEST_IMAGE, name, cmd: ['true'], labels: [{ key: TEST_LABEL, value: '1' }], hostConfig };
  const authorization = gateway === local ? undefined : `Bearer ${tokens.admin.token}`;
  const outcome = await runOperation('http-post', gateway, PolicyCreate, { input }, authorization);
  return { name, outcome };
}

async function engineHostConfig(name: string): Promise<EngineHostConfig> {
  return (await engine.json<{ HostConfig: EngineHostConfig }>('GET', `/containers/${name}/json`)).HostConfig;
}

/** A seccomp profile that allows every system call: unconfined in all but name. */
const ALLOW_ALL_SECCOMP = JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW' });

interface RefusedCase {
  /** The create option as the request spells it; a test name, so host paths are written as placeholders. */
  form: string;
  hostConfig: () => HostConfigInput;
  /** What the FORBIDDEN message must name. */
  option: string;
  /** The policy flag that lets it through; none for bind mounts, which the prefix list governs. */
  flag?: PolicyFlag;
  /** What the engine must show once it was let through. */
  engineHas: () => Partial<EngineHostConfig>;
  /** False when the engine itself refuses this spelling: then only the gateway's refusal is checked. */
  engineAccepts?: false;
}

const bind = (source: string): Pick<RefusedCase, 'hostConfig' | 'option' | 'engineHas'> => ({
  hostConfig: () => ({ binds: [`${source}:/host`] }),
  option: 'hostConfig.binds',
  engineHas: () => ({ Binds: [`${source}:/host`] }),
});
const bindMount = (source: string): Pick<RefusedCase, 'hostConfig' | 'option' | 'engineHas'> => ({
  hostConfig: () => ({ mounts: [{ type: 'bind', source, target: '/host' }] }),
  option: 'hostConfig.mounts',
  engineHas: () => ({ Mounts: [expect.objectContaining({ Type: 'bind', Source: source, Target: '/host' })] }),
});
const namespace = (
  field: 'networkMode' | 'pidMode' | 'ipcMode' | 'utsMode',
  engineField: 'NetworkMode' | 'PidMode' | 'IpcMode' | 'UTSMode',
  mode: () => string,
  /** How the engine records it, when not as given (it resolves a container's name to its id). */
  engineMode: () => string = mode,
): Pick<RefusedCase, 'hostConfig' | 'option' | 'engineHas' | 'flag'> => ({
  hostConfig: () => ({ [field]: mode() }),
  option: `hostConfig.${field}`,
  flag: 'allowHostNamespaces',
  engineHas: () => ({ [engineField]: engineMode() }),
});
const securityOpt = (option: string): Pick<RefusedCase, 'hostConfig' | 'option' | 'engineHas' | 'flag'> => ({
  hostConfig: () => ({ securityOpt: [option] }),
  option: 'hostConfig.securityOpt',
  flag: 'allowUnconfined',
  engineHas: () => ({ SecurityOpt: [option] }),
});
const capAdd = (caps: string[]): Pick<RefusedCase, 'hostConfig' | 'option' | 'engineHas' | 'flag'> => ({
  hostConfig: () => ({ capAdd: caps }),
  option: 'hostConfig.capAdd',
  flag: 'allowCapAdd',
  engineHas: () => ({ CapAdd: caps }),
});

const REFUSED: readonly RefusedCase[] = [
  {
    form: 'privileged: true',
    hostConfig: () => ({ privileged: true }),
    option: 'hostConfig.privileged',
    flag: 'allowPrivileged',
    engineHas: () => ({ Privileged: true }),
  },
  { form: 'binds "/etc:/host"', ...bind('/etc') },
  { form: 'binds "/srv/../etc:/host"', ...bind('/srv/../etc') },
  { form: 'binds "//etc:/host"', ...bind('//etc') },
  { form: 'binds "<allowed>/../allowed-evil:/host"', ...bind(`${allowed}/../allowed-evil`) },
  { form: 'binds "<allowed>/sub/../../allowed-evil:/host"', ...bind(`${allowed}/sub/../../allowed-evil`) },
  { form: 'binds "<allowed>-evil:/host" (the prefix, but not on a path boundary)', ...bind(`${allowed}-evil`) },
  { form: 'binds "<allowed>/escape:/host" (a symlink to /etc inside the prefix)', ...bind(`${allowed}/escape`) },
  {
    form: 'binds "<allowed>/sub:/host" (read-write inside the prefix)',
    ...bind(`${allowed}/sub`),
    flag: 'allowWritableBinds',
  },
  {
    form: 'mounts bind "<allowed>/sub" (read-write inside the prefix)',
    ...bindMount(`${allowed}/sub`),
    flag: 'allowWritableBinds',
  },
  { form: 'mounts bind "/etc"', ...bindMount('/etc') },
  { form: 'mounts bind "/srv/../etc"', ...bindMount('/srv/../etc') },
  { form: 'mounts bind "<allowed>/../allowed-evil"', ...bindMount(`${allowed}/../allowed-evil`) },
  { form: 'mounts bind "<allowed>-evil" (the prefix, but not on a path boundary)', ...bindMount(`${allowed}-evil`) },
  { form: 'mounts bind "<allowed>/escape" (a symlink to /etc inside the prefix)', ...bindMount(`${allowed}/escape`) },
  { form: 'networkMode "host"', ...namespace('networkMode', 'NetworkMode', () => 'host') },
  { form: 'networkMode "container:<id>"', ...namespace('networkMode', 'NetworkMode', () => `container:${sleeper.id}`) },
  {
    form: 'networkMode "container:<name>"',
    ...namespace(
      'networkMode',
      'NetworkMode',
      () => `container:${sleeper.name}`,
      () => `container:${sleeper.id}`,
    ),
  },
  { form: 'pidMode "host"', ...namespace('pidMode', 'PidMode', () => 'host') },
  { form: 'pidMode "container:<id>"', ...namespace('pidMode', 'PidMode', () => `container:${sleeper.id}`) },
  { form: 'ipcMode "host"', ...namespace('ipcMode', 'IpcMode', () => 'host') },
  { form: 'ipcMode "container:<id>"', ...namespace('ipcMode', 'IpcMode', () => `container:${sleeper.id}`) },
  { form: 'utsMode "host"', ...namespace('utsMode', 'UTSMode', () => 'host') },
  { form: 'utsMode "container:<id>"', ...namespace('utsMode', 'UTSMode', () => `container:${sleeper.id}`) },
  { form: 'capAdd ["SYS_ADMIN"]', ...capAdd(['SYS_ADMIN']) },
  { form: 'capAdd ["CAP_SYS_ADMIN"]', ...capAdd(['CAP_SYS_ADMIN']) },
  { form: 'capAdd ["ALL"]', ...capAdd(['ALL']) },
  {
    form: 'devices [/dev/zero -> /dev/wharf-zero]',
    hostConfig: () => ({ devices: [{ pathOnHost: '/dev/zero', pathInContainer: '/dev/wharf-zero' }] }),
    option: 'hostConfig.devices',
    flag: 'allowDevices',
    engineHas: () => ({ Devices: [{ PathOnHost: '/dev/zero', PathInContainer: '/dev/wharf-zero', CgroupPermissions: 'rwm' }] }),
  },
  {
    form: 'devices [/dev/null] (same path inside)',
    hostConfig: () => ({ devices: [{ pathOnHost: '/dev/null' }] }),
    option: 'hostConfig.devices',
    flag: 'allowDevices',
    engineHas: () => ({ Devices: [{ PathOnHost: '/dev/null', PathInContainer: '/dev/null', CgroupPermissions: 'rwm' }] }),
  },
  { form: 'securityOpt "seccomp=unconfined"', ...securityOpt('seccomp=unconfined') },
  { form: 'securityOpt "seccomp:unconfined"', ...securityOpt('seccomp:unconfined') },
  { form: 'securityOpt "seccomp=<a profile allowing every call>"', ...securityOpt(`seccomp=${ALLOW_ALL_SECCOMP}`) },
  { form: 'securityOpt "apparmor=unconfined"', ...securityOpt('apparmor=unconfined') },
  { form: 'securityOpt "apparmor:unconfined"', ...securityOpt('apparmor:unconfined') },
  { form: 'securityOpt "label=disable"', ...securityOpt('label=disable') },
  { form: 'securityOpt "label:disable"', ...securityOpt('label:disable') },
  { form: 'securityOpt "disable" (the engine reads it as label=disable)', ...securityOpt('disable') },
  { form: 'securityOpt "systempaths=unconfined"', ...securityOpt('systempaths=unconfined'), engineAccepts: false },
];

const named = (cases: readonly RefusedCase[]) => cases.map((c) => [c.form, c] as const);

describe('token mode, strict policy: refused before the engine', () => {
  it.each(named(REFUSED))('%s', async (_form, c) => {
    const { outcome } = await create(strict, c.hostConfig());

    expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
    expect(outcomeMessages(outcome)[0]).toContain(c.option);
    expect(strict.proxy.count('POST', '/containers/create')).toBe(0);
    expect(strict.proxy.calls).toEqual([]);
  });
});

describe('token mode, strict policy: what stays inside the engine or the allowed prefix', () => {
  const ACCEPTED = [
    ['binds "<allowed>:/data:ro"', () => ({ binds: [`${allowed}:/data:ro`] }), () => ({ Binds: [`${allowed}:/data:ro`] })],
    ['binds "<allowed>/sub:/data:ro"', () => ({ binds: [`${allowed}/sub:/data:ro`] }), () => ({ Binds: [`${allowed}/sub:/data:ro`] })],
    [
      'binds "<allowed>/./sub/../sub:/data:ro"',
      () => ({ binds: [`${allowed}/./sub/../sub:/data:ro`] }),
      () => ({ Binds: [`${allowed}/./sub/../sub:/data:ro`] }),
    ],
    [
      'mounts bind "<allowed>/sub"',
      () => ({ mounts: [{ type: 'bind', source: `${allowed}/sub`, target: '/data', readOnly: true }] }),
      () => ({ Mounts: [expect.objectContaining({ Type: 'bind', Source: `${allowed}/sub`, Target: '/data' })] }),
    ],
  ] as const;

  it.each(ACCEPTED)('accepts %s', async (_form, hostConfig, engineHas) => {
    const { name, outcome } = await create(strict, hostConfig());

    expect(outcomeCodes(outcome)).toEqual([]);
    expect(strict.proxy.count('POST', '/containers/create')).toBe(1);
    expect(await engineHostConfig(name)).toMatchObject(engineHas());
  });

  it('accepts a named volume in binds', async () => {
    const volume = uniqueName('wharf-policy-vol');
    volumes.push(volume);
    const { name, outcome } = await create(strict, { binds: [`${volume}:/data`] });

    expect(outcomeCodes(outcome)).toEqual([]);
    expect(await engineHostConfig(name)).toMatchObject({ Binds: [`${volume}:/data`] });
  });

  it('accepts a named volume in mounts', async () => {
    const volume = uniqueName('wharf-policy-vol');
    volumes.push(volume);
    const { name, outcome } = await create(strict, { mounts: [{ type: 'volume', source: volume, target: '/data' }] });

    expect(outcomeCodes(outcome)).toEqual([]);
    expect(await engineHostConfig(name)).toMatchObject({
      Mounts: [expect.objectContaining({ Type: 'volume', Source: volume, Target: '/data' })],
    });
  });
});

describe('token mode, a policy allowing the option: created as asked', () => {
  const cases = REFUSED.filter((c) => c.flag && c.engineAccepts !== false);

  it.each(named(cases))('%s', async (_form, c) => {
    const gateway = allowing.get(c.flag!)!;
    const { name, outcome } = await create(gateway, c.hostConfig());

    expect(outcomeCodes(outcome)).toEqual([]);
    expect(gateway.proxy.count('POST', '/containers/create')).toBe(1);
    expect(await engineHostConfig(name)).toMatchObject(c.engineHas());
  });

  it('still refuses what its flag does not cover', async () => {
    const { outcome } = await create(allowing.get('allowCapAdd')!, { capAdd: ['SYS_ADMIN'], privileged: true });

    expect(outcomeCodes(outcome)).toEqual(['FORBIDDEN']);
    expect(outcomeMessages(outcome)[0]).toContain('hostConfig.privileged');
    expect(allowing.get('allowCapAdd')!.proxy.calls).toEqual([]);
  });
});

describe('local mode: every option reaches the engine', () => {
  const cases = REFUSED.filter((c) => c.engineAccepts !== false);

  it.each(named(cases))('%s', async (_form, c) => {
    const { name, outcome } = await create(local, c.hostConfig());

    expect(outcomeCodes(outcome)).toEqual([]);
    expect(local.proxy.count('POST', '/containers/create')).toBe(1);
    expect(await engineHostConfig(name)).toMatchObject(c.engineHas());
  });
});
