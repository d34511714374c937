// The gateway as `npm start` runs it (bin/wharf.js, its own process on port 0), with its memory read from /proc.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const WHARF = fileURLToPath(new URL('../../bin/wharf.js', import.meta.url));
const LISTENING = /Wharf listening on (http:\/\/\S+)\/graphql/;

export interface GatewayProcess {
  child: ChildProcess;
  origin: string;
  url: string;
  /** VmRSS and VmHWM (the peak) of the process, in bytes. */
  memory(): { rss: number; peakRss: number };
  stderr(): string;
  stop(): Promise<void>;
}

function statusBytes(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}

/** `bin/wharf.js --port 0 ARGS` against `dockerHost`, resolved once it says where it listens. */
export async function startGatewayProcess(dockerHost: string, args: string[] = []): Promise<GatewayProcess> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? '/tmp', DOCKER_HOST: dockerHost };
  const child = spawn(WHARF, ['--port', '0', '--host', '127.0.0.1', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8_000);
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    const origin = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      const timer = setTimeout(() => reject(new Error(`the gateway did not listen within 30 s; stderr: ${stderr}`)), 30_000);
      child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
        stdout = (stdout + chunk).slice(-8_000);
        const match = LISTENING.exec(stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the gateway exited before listening (code ${code}, signal ${signal}); stderr: ${stderr}`));
      });
    });
    const pid = child.pid as number;
    return {
      child,
      origin,
      url: `${origin}/graphql`,
      memory: () => ({ rss: statusBytes(pid, 'VmRSS'), peakRss: statusBytes(pid, 'VmHWM') }),
      stderr: () => stderr,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
