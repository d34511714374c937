// The WebSocket connection caps in the configuration: their flags, environment variables, defaults and refusals.
import { describe, expect, it } from 'vitest';
import { ConfigError, readConfig, USAGE } from '../../src/config.js';

const env = { DOCKER_HOST: 'unix:///tmp/none.sock' };

function webSocketOf(argv: string[], extra: Record<string, string> = {}) {
  const config = readConfig(argv, { ...env, ...extra });
  if (config === 'help') throw new Error('help instead of a configuration');
  return config.webSocket;
}

describe('the WebSocket connection caps', () => {
  it('default to 10,000 in all and 1,000 per address', () => {
    expect(webSocketOf([])).toEqual({ maxConnections: 10_000, maxConnectionsPerAddress: 1_000 });
  });

  it('take --max-ws-connections and --max-ws-connections-per-address', () => {
    expect(webSocketOf(['--max-ws-connections', '50', '--max-ws-connections-per-address', '3'])).toEqual({
      maxConnections: 50,
      maxConnectionsPerAddress: 3,
    });
  });

  it('take WHARF_MAX_WS_CONNECTIONS and WHARF_MAX_WS_CONNECTIONS_PER_ADDRESS', () => {
    expect(webSocketOf([], { WHARF_MAX_WS_CONNECTIONS: '70', WHARF_MAX_WS_CONNECTIONS_PER_ADDRESS: '7' })).toEqual({
      maxConnections: 70,
      maxConnectionsPerAddress: 7,
    });
  });

  it('prefer a flag to its environment variable', () => {
    expect(webSocketOf(['--max-ws-connections-per-address', '2'], { WHARF_MAX_WS_CONNECTIONS_PER_ADDRESS: '9' })).toEqual({
      maxConnections: 10_000,
      maxConnectionsPerAddress: 2,
    });
  });

  it.each([
    [['--max-ws-connections', '0']],
    [['--max-ws-connections', 'lots']],
    [['--max-ws-connections-per-address', '-1']],
    [['--max-ws-connections-per-address', '2.5']],
  ])('refuse %j, naming the flag', (argv) => {
    expect(() => readConfig(argv, env)).toThrow(ConfigError);
    expect(() => readConfig(argv, env)).toThrow(argv[0]);
  });

  it('refuse a bad environment value under the flag name', () => {
    expect(() => readConfig([], { ...env, WHARF_MAX_WS_CONNECTIONS: 'none' })).toThrow('--max-ws-connections must be a whole number');
  });

  it('are in the usage text', () => {
    expect(USAGE).toContain('--max-ws-connections N, --max-ws-connections-per-address N');
    expect(USAGE).toContain('WHARF_MAX_WS_CONNECTIONS');
  });
});
