// Starts and stops a private image registry on loopback (Debian's docker-registry, the Distribution registry), optionally with htpasswd credentials.
import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';

const REGISTRY = '/usr/bin/docker-registry';
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface RegistryOptions {
  /** Require these credentials (HTTP basic, checked against a bcrypt htpasswd entry). */
  htpasswd?: { user: string; password: string };
}

export interface LoopbackRegistry {
  /** `127.0.0.1:PORT`: engines trust registries on 127.0.0.0/8 over plain HTTP. */
  address: string;
  /** The registry's own log. */
  logPath: string;
  /** Stops the registry and removes its directory. Idempotent. */
  stop(): Promise<void>;
}

/** A free loopback port, as the kernel hands one out. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

/** Runs `docker-registry serve CONFIG` on a free loopback port with its own storage; resolves once GET /v2/ answers. */
export async function startRegistry(options: RegistryOptions = {}): Promise<LoopbackRegistry> {
  if (!existsSync(REGISTRY)) throw new Error(`${REGISTRY} is missing. Install it as root: apt-get install -y docker-registry`);
  const dir = await mkdtemp('/tmp/wharf-registry.');
  const port = await freePort();
  const address = `127.0.0.1:${port}`;
  const logPath = join(dir, 'registry.log');
  let auth = '';
  if (options.htpasswd) {
    const hash = bcrypt.hashSync(options.htpasswd.password, 10);
    await writeFile(join(dir, 'htpasswd'), `${options.htpasswd.user}:${hash}\n`, { mode: 0o600 });
    auth = `auth:\n  htpasswd:\n    realm: wharf\n    path: ${join(dir, 'htpasswd')}\n`;
  }
  const config = join(dir, 'config.yml');
  await writeFile(
    config,
    `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, 'data')}\n  delete:\n    enabled: true\nhttp:\n  addr: ${address}\n  secret: wharf-test\n${auth}`,
  );
  const log = createWriteStream(logPath);
  const child = spawn(REGISTRY, ['serve', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const gone = exited(child);

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await gone;
    clearTimeout(timer);
    log.end();
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`docker-registry exited with ${child.exitCode} before it answered`);
    }
    try {
      const res = await fetch(`http://${address}/v2/`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.status === 200 || res.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`docker-registry did not answer on ${address} within ${READY_TIMEOUT_MS} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { address, logPath, stop };
}
