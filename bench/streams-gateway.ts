// The gateway under test as its own Node process, with its memory read from /proc while it runs.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface GatewayMemory {
  /** Resident set now, in bytes. */
  rss: number;
  /** The kernel's high-water mark of the resident set since the process started, in bytes. */
  peakRss: number;
}

export interface StreamBenchGateway {
  pid: number;
  /** ws://127.0.0.1:PORT/graphql */
  wsUrl: string;
  /** The process's resident set from /proc/<pid>/status. */
  memory(): GatewayMemory;
  /** CPU time the process has used so far (user + system, all threads), in milliseconds. */
  cpuMs(): number;
  /** SIGTERM, then SIGKILL if it lingers; resolves once the process has exited. Idempotent. */
  stop(): Promise<void>;
}

export interface StreamBenchGatewayOptions {
  dockerHost: string;
  /** Put in front of the gateway's stderr lines. */
  label: string;
  /** Extra Node flags, e.g. `--cpu-prof --cpu-prof-dir DIR`. */
  nodeArgs?: string[];
}

const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 8_000;
const LISTENING = /Wharf listening on (http:\/\/\S+\/graphql)/;

/** `VmRSS:   123456 kB` and friends from /proc/<pid>/status, in bytes. */
function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) * 1024;
}

/** utime + stime from /proc/<pid>/stat, in milliseconds (clock ticks of 10 ms, as on every Linux we meet). */
function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

export async function startStreamBenchGateway(options: StreamBenchGatewayOptions): Promise<StreamBenchGateway> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: options.dockerHost, NODE_ENV: 'production' };
  for (const name of ['DOCKER_API_VERSION', 'DOCKER_TLS_VERIFY', 'DOCKER_TLS', 'DOCKER_CERT_PATH', 'PORT', 'HOST']) delete env[name];

  // node itself, not npx/tsx's wrapper: the pid must be the process whose memory is read.
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', 'src/main.ts', '--port', '0', '--host', '127.0.0.1'],
    { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
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
  // If the benchmark dies without stop(), the gateway must not outlive it.
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
    const httpUrl = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`no "Wharf listening" line within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      void exit.then(() => {
        clearTimeout(timer);
        reject(new Error(`the gateway exited before listening (code ${child.exitCode}, signal ${child.signalCode})`));
      });
    });
    return {
      pid,
      wsUrl: httpUrl.replace(/^http/, 'ws'),
      memory: () => ({ rss: readStatusKb(pid, 'VmRSS'), peakRss: readStatusKb(pid, 'VmHWM') }),
      cpuMs: () => readCpuMs(pid),
      stop,
    };
  } catch (error) {
    await stop();
    const detail = stderrTail.trim() ? `\n--- gateway stderr ---\n${stderrTail.trim()}` : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}${detail}`, { cause: error });
  }
}
