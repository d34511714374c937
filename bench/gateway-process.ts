// Runs a gateway as its own Node process (its own event loop, apart from the load generator) and stops it.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface GatewayProcess {
  pid: number;
  /** What the process printed: http://127.0.0.1:PORT/graphql for Wharf. */
  url: string;
  /** http://127.0.0.1:PORT */
  origin: string;
  /** SIGTERM, then SIGKILL if it lingers; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface GatewayProcessOptions {
  dockerHost: string;
  /** Shown in front of the gateway's stderr lines. */
  label: string;
  /** Extra Node flags, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  /** The checkout whose Wharf runs (its dist/, built first when stale); this one by default (another, to compare two versions). */
  root?: string;
  /** A TypeScript script and its arguments, relative to `root`, run through tsx; by default Wharf itself, as `bin/wharf.js` runs it, on a free port. */
  entry?: string[];
  /** Wharf's own flags after `--port 0 --host 127.0.0.1` (`--engine NAME=URL`, say), when it runs as bin/wharf.js. */
  args?: string[];
}

/** The NODE_ENV gateways run with: the caller's, else `production`. */
export function gatewayNodeEnv(): string {
  return process.env.NODE_ENV || 'production';
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 8_000;
const LISTENING = /listening on (http:\/\/\S+)/;

/** The Node flags on a script's `#!/usr/bin/env -S node ...` line. */
function shebangFlags(script: string): string[] {
  const first = readFileSync(script, 'utf8').split('\n', 1)[0] ?? '';
  const match = /^#!\/usr\/bin\/env -S node((?:\s+--\S+)*)\s*$/.exec(first);
  return match?.[1]?.trim().split(/\s+/).filter(Boolean) ?? [];
}

export async function startGatewayProcess(options: GatewayProcessOptions): Promise<GatewayProcess> {
  // As deployed: graphql-js's development-mode checks cost about a third of execution time.
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: options.dockerHost, NODE_ENV: gatewayNodeEnv() };
  // The gateway runs as configured here (its defaults, this engine), not as the caller's shell happens to say.
  for (const name of Object.keys(env)) {
    if (
      name.startsWith('WHARF_') ||
      ['DOCKER_API_VERSION', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH', 'PORT', 'HOST'].includes(name)
    ) {
      delete env[name];
    }
  }

  const cwd = options.root ?? REPO_ROOT;
  // Wharf runs as `npm start` runs it: bin/wharf.js, which runs dist/ (building it first when stale), with the Node flags its
  // first line gives (heap and WebAssembly settings) and the benchmark's own (--cpu-prof, which NODE_OPTIONS refuses).
  const child = options.entry
    ? spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', ...options.entry], {
        cwd,
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
    : spawn(
        process.execPath,
        [
          ...shebangFlags(join(cwd, 'bin', 'wharf.js')),
          ...(options.nodeArgs ?? []),
          'bin/wharf.js',
          '--port',
          '0',
          '--host',
          '127.0.0.1',
          ...(options.args ?? []),
        ],
        {
          cwd,
          env,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
  const pid = child.pid;
  if (pid === undefined) throw new Error('the gateway process did not start');

  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', () => {
      exited = true;
      resolve();
    });
  });
  // Last resort if the benchmark dies without stop(): never leave a gateway behind.
  const onProcessExit = (): void => {
    if (!exited) child.kill('SIGKILL');
  };
  process.on('exit', onProcessExit);

  let stderrTail = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderrTail = (stderrTail + chunk).slice(-4_000);
    for (const line of chunk.split('\n')) if (line.trim()) process.stderr.write(`[${options.label}] ${line}\n`);
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (!exited) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exit;
        clearTimeout(timer);
      }
      process.off('exit', onProcessExit);
    })();
    return stopping;
  };

  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no "listening on" line within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      const read = (chunk: string) => {
        stdout += chunk;
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          // From here on the gateway's log is read and dropped, not kept.
          child.stdout.off('data', read);
          child.stdout.on('data', () => undefined);
          resolve(match[1]);
        }
      };
      child.stdout.setEncoding('utf8').on('data', read);
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`the gateway exited before listening (code ${child.exitCode}, signal ${child.signalCode})`));
      });
    });
    return { pid, url, origin: new URL(url).origin, stop };
  } catch (error) {
    await stop();
    const detail = stderrTail.trim() ? `\n--- gateway stderr ---\n${stderrTail.trim()}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  }
}
