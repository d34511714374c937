// Which engines the configuration names: --engine flags, WHARF_ENGINES (JSON or @file), the default `local`, and every refusal naming its entry.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, readConfig } from '../../src/config.js';
import { readEngineSettings } from '../../src/docker/engine-settings.js';

const dir = mkdtempSync('/tmp/wharf-engine-settings.');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (flags: string[], list?: string, env: Record<string, string> = {}) => readEngineSettings({ flags, list, env });

describe('the engines of a configuration', () => {
  it('is one engine named local from DOCKER_HOST when none is named', () => {
    const [only, ...rest] = read([], undefined, { DOCKER_HOST: 'unix:///tmp/d.sock' });
    expect(rest).toEqual([]);
    expect(only).toMatchObject({ name: 'local', connection: { dockerHost: 'unix:///tmp/d.sock', socketPath: '/tmp/d.sock' } });
  });

  it('takes --engine NAME=URL entries in order, each with its own connection', () => {
    const engines = read(['edge=unix:///tmp/edge.sock', 'core-1=tcp://10.0.0.5:2375']);
    expect(engines.map((e) => [e.name, e.connection.origin, e.connection.socketPath])).toEqual([
      ['edge', 'http://docker', '/tmp/edge.sock'],
      ['core-1', 'http://10.0.0.5:2375', undefined],
    ]);
  });

  it('takes WHARF_ENGINES as JSON, with a per-engine API version', () => {
    const engines = read(
      [],
      JSON.stringify([
        { name: 'a', host: 'unix:///tmp/a.sock', apiVersion: '1.40' },
        { name: 'b.c', host: 'tcp://h:2375' },
      ]),
    );
    expect(engines.map((e) => [e.name, e.connection.apiVersion])).toEqual([
      ['a', '1.40'],
      ['b.c', undefined],
    ]);
  });

  it('takes WHARF_ENGINES as @file', () => {
    const file = join(dir, 'engines.json');
    writeFileSync(file, JSON.stringify([{ name: 'filed', host: 'unix:///tmp/f.sock' }]));
    expect(read([], `@${file}`).map((e) => e.name)).toEqual(['filed']);
  });

  it('reads TLS files per entry, and names the entry when one is missing', () => {
    const certs = join(dir, 'certs');
    expect(() => read([], JSON.stringify([{ name: 'tls', host: 'tcp://h:2376', tlsVerify: true, certPath: certs }]))).toThrow(
      /WHARF_ENGINES\[0\] \(tls\): TLS is on but ca.pem cannot be read/,
    );
  });

  it('gives each engine the call timeout', () => {
    const engines = readEngineSettings({ flags: ['a=unix:///tmp/a.sock'], list: undefined, env: {}, callTimeoutMs: 1234 });
    expect(engines[0]?.connection).toMatchObject({ callTimeoutMs: 1234, connectTimeoutMs: 1234 });
  });

  it.each([
    [['Edge=unix:///tmp/x.sock'], undefined, /--engine Edge=unix:\/\/\/tmp\/x.sock: the name must match/],
    [['-x=unix:///tmp/x.sock'], undefined, /the name must match/],
    [['edge'], undefined, /--engine edge: expected NAME=URL/],
    [['a=unix:///tmp/a.sock', 'a=unix:///tmp/b.sock'], undefined, /the name "a" is given twice/],
    [['a=ftp://h'], undefined, /--engine a=ftp:\/\/h: DOCKER_HOST must start with unix:\/\/ or tcp:\/\//],
    [['a=tcp://'], undefined, /"tcp:\/\/" is not a URL/],
    [['a=unix://'], undefined, /--engine a=unix:\/\/: DOCKER_HOST has no socket path/],
    [[], '{"name":"a"}', /must be a JSON array/],
    [[], 'not json', /WHARF_ENGINES is not JSON/],
    [[], '[{"host":"unix:///a"}]', /WHARF_ENGINES\[0\]: "name" must be a string/],
    [[], '[{"name":"a"}]', /WHARF_ENGINES\[0\] \(a\): "host" must be a URL/],
    [[], '[{"name":"a","host":"unix:///a","tlsVerify":"yes"}]', /"tlsVerify" must be true or false/],
    [['a=unix:///tmp/a.sock'], '[{"name":"a","host":"unix:///b"}]', /WHARF_ENGINES\[0\] \(a\): the name "a" is given twice/],
    [[], '@/nonexistent/engines.json', /WHARF_ENGINES file \/nonexistent\/engines.json cannot be read: ENOENT/],
  ])('refuses %j %s', (flags, list, message) => {
    expect(() => read(flags, list)).toThrow(message);
  });
});

describe('the configuration', () => {
  it('turns a bad engine entry into a ConfigError (exit 2)', () => {
    expect(() => readConfig(['--engine', 'A=unix:///x'], {})).toThrow(ConfigError);
  });

  it('reads --engine-timeout and WHARF_ENGINE_TIMEOUT_MS', () => {
    const flagged = readConfig(['--engine', 'a=unix:///tmp/a.sock', '--engine-timeout', '800'], {});
    const fromEnv = readConfig([], { WHARF_ENGINES: '[{"name":"a","host":"unix:///tmp/a.sock"}]', WHARF_ENGINE_TIMEOUT_MS: '900' });
    if (flagged === 'help' || fromEnv === 'help') throw new Error('help instead of a configuration');
    expect(flagged.engines[0]?.connection.callTimeoutMs).toBe(800);
    expect(fromEnv.engines[0]?.connection.callTimeoutMs).toBe(900);
    expect(() => readConfig(['--engine-timeout', '5'], {})).toThrow(/--engine-timeout must be a whole number of at least 100/);
  });
});
