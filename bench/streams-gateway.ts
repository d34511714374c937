// The gateway under test as its own Node process, with its memory and CPU read from /proc while it runs.
import { readFileSync } from 'node:fs';
import { startGatewayProcess } from './gateway-process.js';
import { processCpuMs } from './process-cpu.js';

export interface GatewayMemory {
  /** Resident set now, in bytes. */
  rss: number;
  /** The kernel's high-water mark of the resident set since the process started, in bytes. */
  peakRss: number;
}

export interface StreamBenchGateway {
  pid: number;
  /** http://127.0.0.1:PORT/graphql */
  url: string;
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

/** `VmRSS:   123456 kB` and friends from /proc/<pid>/status, in bytes. */
function readStatusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc/${pid}/status has no ${field}`);
  return Number(match[1]) * 1024;
}

export async function startStreamBenchGateway(options: StreamBenchGatewayOptions): Promise<StreamBenchGateway> {
  const gateway = await startGatewayProcess(options);
  const { pid } = gateway;
  return {
    pid,
    url: gateway.url,
    wsUrl: gateway.url.replace(/^http/, 'ws'),
    memory: () => ({ rss: readStatusKb(pid, 'VmRSS'), peakRss: readStatusKb(pid, 'VmHWM') }),
    cpuMs: () => processCpuMs(pid) ?? 0,
    stop: () => gateway.stop(),
  };
}
