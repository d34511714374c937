// --allow-network-driver and WHARF_ALLOW_NETWORK_DRIVER: the network drivers token mode lets createNetwork use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig, USAGE } from '../../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'wharf-config-'));
const tokensFile = join(dir, 'tokens.json');
writeFileSync(tokensFile, JSON.stringify([{ name: 'a', role: 'admin', sha256: 'ab'.repeat(32) }]));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function driversOf(argv: string[], extra: Record<string, string> = {}): string[] | undefined {
  const config = readConfig(['--tokens-file', tokensFile, ...argv], { DOCKER_HOST: 'unix:///tmp/none.sock', ...extra });
  if (config === 'help') throw new Error('help instead of a configuration');
  return config.access.mode === 'token' ? config.access.createPolicy.allowNetworkDrivers : undefined;
}

describe('--allow-network-driver', () => {
  it('allows none by default', () => {
    expect(driversOf([])).toEqual([]);
  });

  it('is repeatable, and read comma-separated from WHARF_ALLOW_NETWORK_DRIVER; the flag wins', () => {
    expect(driversOf(['--allow-network-driver', 'macvlan', '--allow-network-driver', 'ipvlan'])).toEqual(['macvlan', 'ipvlan']);
    expect(driversOf([], { WHARF_ALLOW_NETWORK_DRIVER: 'macvlan, host' })).toEqual(['macvlan', 'host']);
    expect(driversOf(['--allow-network-driver', 'ipvlan'], { WHARF_ALLOW_NETWORK_DRIVER: 'macvlan' })).toEqual(['ipvlan']);
  });

  it('is in the usage text', () => {
    expect(USAGE).toContain('--allow-network-driver NAME');
    expect(USAGE).toContain('WHARF_ALLOW_NETWORK_DRIVER');
  });
});
