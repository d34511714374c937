// DOCKER_HOST & co. read as the docker CLI reads them: unit tests of the pure settings parser.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { connectionFromEnv } from '../../src/docker/connection.js';

const certDir = mkdtempSync('/tmp/wharf-certs.');
writeFileSync(join(certDir, 'ca.pem'), 'CA');
writeFileSync(join(certDir, 'cert.pem'), 'CERT');
writeFileSync(join(certDir, 'key.pem'), 'KEY');
afterAll(() => rmSync(certDir, { recursive: true, force: true }));

describe('connectionFromEnv', () => {
  it('defaults to the unix socket at /var/run/docker.sock', () => {
    const settings = connectionFromEnv({});
    expect(settings.socketPath).toBe('/var/run/docker.sock');
    expect(settings.dockerHost).toBe('unix:///var/run/docker.sock');
    expect(settings.tls).toBeUndefined();
  });

  it('reads a unix:// DOCKER_HOST', () => {
    expect(connectionFromEnv({ DOCKER_HOST: 'unix:///tmp/x/docker.sock' }).socketPath).toBe('/tmp/x/docker.sock');
  });

  it('prefers --docker-host over DOCKER_HOST', () => {
    const settings = connectionFromEnv({ DOCKER_HOST: 'unix:///a.sock' }, { dockerHost: 'unix:///b.sock' });
    expect(settings.socketPath).toBe('/b.sock');
  });

  it('reads tcp:// as plain HTTP on the given port, 2375 when none', () => {
    expect(connectionFromEnv({ DOCKER_HOST: 'tcp://127.0.0.1:2999' }).origin).toBe('http://127.0.0.1:2999');
    expect(connectionFromEnv({ DOCKER_HOST: 'tcp://10.0.0.5' }).origin).toBe('http://10.0.0.5:2375');
  });

  it('turns on verified TLS with DOCKER_TLS_VERIFY, reading the three files of DOCKER_CERT_PATH', () => {
    const settings = connectionFromEnv({ DOCKER_HOST: 'tcp://engine.example:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir });
    expect(settings.origin).toBe('https://engine.example:2376');
    expect(settings.tls?.verify).toBe(true);
    expect(settings.tls?.ca.toString()).toBe('CA');
    expect(settings.tls?.cert.toString()).toBe('CERT');
    expect(settings.tls?.key.toString()).toBe('KEY');
  });

  it('defaults to port 2376 with TLS', () => {
    expect(connectionFromEnv({ DOCKER_HOST: 'tcp://engine.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir }).origin).toBe(
      'https://engine.example:2376',
    );
  });

  it('says which certificate file it cannot read', () => {
    const empty = mkdtempSync('/tmp/wharf-nocerts.');
    try {
      expect(() => connectionFromEnv({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: empty })).toThrow(/ca\.pem/);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('takes DOCKER_API_VERSION as the path version, with or without a v', () => {
    expect(connectionFromEnv({ DOCKER_API_VERSION: '1.41' }).apiVersion).toBe('1.41');
    expect(connectionFromEnv({ DOCKER_API_VERSION: 'v1.40' }).apiVersion).toBe('1.40');
    expect(connectionFromEnv({}).apiVersion).toBeUndefined();
  });

  it('refuses a malformed DOCKER_API_VERSION and an unknown scheme', () => {
    expect(() => connectionFromEnv({ DOCKER_API_VERSION: 'latest' })).toThrow(/DOCKER_API_VERSION/);
    expect(() => connectionFromEnv({ DOCKER_HOST: 'ssh://user@host' })).toThrow(/unix:\/\/ or tcp:\/\//);
  });
});
