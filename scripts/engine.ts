// Starts and stops a private, disposable dockerd and loads the busybox test image into it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  accessSync,
  appendFileSync,
  closeSync,
  existsSync,
  constants as fsConstants,
  openSync,
  readdirSync,
  readFileSync,
  rmdirSync,
} from 'node:fs';
import { chmod, copyFile, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'undici';

export const TEST_IMAGE = 'wharf-test/busybox:latest';

const TEST_IMAGE_REPO = 'wharf-test/busybox';
const TEST_IMAGE_TAG = 'latest';
const BUSYBOX = '/bin/busybox';
const BUSYBOX_APPLETS = [
  'sh',
  'echo',
  'date',
  'sleep',
  'cat',
  'yes',
  'seq',
  'ls',
  'ps',
  'top',
  'head',
  'tail',
  'wc',
  'env',
  'true',
  'false',
];
const ROOTFS_DIRS = ['tmp', 'etc', 'proc', 'sys', 'dev'];

const INSTALL_HINT = 'Install them as root (Debian/Ubuntu): apt-get update && apt-get install -y docker.io busybox-static';

const PING_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;
const KILL_TIMEOUT_MS = 5_000;

export interface PrivateEngine {
  /** The engine's private directory: socket, data-root, exec-root, pidfile, log. */
  dir: string;
  socketPath: string;
  /** `unix://<socketPath>`, ready for DOCKER_HOST. */
  dockerHost: string;
  /** dockerd's pid (a new one after resume()). */
  readonly pid: number;
  /** dockerd's combined stdout/stderr. */
  logPath: string;
  /**
   * Stops dockerd as stop() does but keeps `dir`: its data, the test image and the socket path stay,
   * so resume() brings the same engine back on the same socket. Idempotent.
   */
  halt(): Promise<void>;
  /**
   * Halts as a crash would: dockerd gets SIGKILL with its containers still running, so its
   * connections drop at once and its socket file stays behind; then what it leaves (containerd,
   * shims, container processes, mounts) is cleaned up as after halt(). resume() brings it back.
   * Idempotent, and a no-op once halted.
   */
  crash(): Promise<void>;
  /** Starts dockerd again on the same directory and socket after halt() or crash(); resolves once it answers /_ping. */
  resume(): Promise<void>;
  /** Stops dockerd and removes `dir`. Idempotent. */
  stop(): Promise<void>;
}

interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One run of dockerd over an engine directory. */
interface DaemonRun {
  pid: number | undefined;
  exited: Promise<ExitStatus>;
  exitStatus(): ExitStatus | undefined;
}

export async function startPrivateEngine(): Promise<PrivateEngine> {
  const dockerd = checkPrerequisites();

  const dir = await mkdtemp('/tmp/wharf-engine.');
  const socketPath = join(dir, 'docker.sock');
  const logPath = join(dir, 'dockerd.log');

  let run = launchDaemon(dockerd, dir, logPath);
  // Synchronous last resort: if Node exits without stop(), dockerd still gets its SIGTERM.
  const onProcessExit = (): void => {
    if (run.pid !== undefined && run.exitStatus() === undefined) signalPid(run.pid, 'SIGTERM');
  };
  process.on('exit', onProcessExit);

  // halt, resume and stop run one after another, never interleaved.
  let queue: Promise<void> = Promise.resolve();
  const serially = (step: () => Promise<void>): Promise<void> => {
    const next = queue.then(step);
    queue = next.catch(() => undefined);
    return next;
  };
  let halted = false;
  let stopped: Promise<void> | undefined;

  const haltNow = async (): Promise<void> => {
    if (halted) return;
    halted = true;
    await shutDownDaemon(run, socketPath, dir);
  };
  const halt = (): Promise<void> => serially(haltNow);
  const crash = (): Promise<void> =>
    serially(async () => {
      if (halted) return;
      halted = true;
      await shutDownDaemon(run, socketPath, dir, { abrupt: true });
    });

  const resume = (): Promise<void> =>
    serially(async () => {
      if (stopped) throw new Error('the private engine was stopped; it cannot be resumed');
      if (!halted) return;
      run = launchDaemon(dockerd, dir, logPath);
      halted = false;
      try {
        if (run.pid === undefined) throw new Error(`dockerd did not start again (${dockerd})`);
        await waitForPing(socketPath, run.exitStatus, logPath);
      } catch (err) {
        await haltNow();
        throw new Error(`Could not resume the private Docker engine: ${errorMessage(err)}`, { cause: err });
      }
    });

  const stop = (): Promise<void> => {
    stopped ??= serially(async () => {
      try {
        await haltNow();
        await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 200 }).catch((err: unknown) => {
          process.stderr.write(`wharf engine: could not remove ${dir}: ${String(err)}\n`);
        });
      } finally {
        process.off('exit', onProcessExit);
      }
    });
    return stopped;
  };

  try {
    if (run.pid === undefined) throw new Error(`dockerd did not start (${dockerd})`);
    await waitForPing(socketPath, run.exitStatus, logPath);
    await ensureTestImage(socketPath);
  } catch (err) {
    const tail = readLogTail(logPath);
    await stop();
    throw new Error(
      `Could not start a private Docker engine: ${errorMessage(err)}` +
        (tail && !errorMessage(err).includes('dockerd.log') ? `\n--- tail of dockerd.log ---\n${tail}` : ''),
      { cause: err },
    );
  }

  return {
    dir,
    socketPath,
    dockerHost: `unix://${socketPath}`,
    get pid(): number {
      return run.pid ?? -1;
    },
    logPath,
    halt,
    crash,
    resume,
    stop,
  };
}

/** Spawns dockerd over `dir` (socket, data-root, exec-root, pidfile inside it), appending to its log. */
function launchDaemon(dockerd: string, dir: string, logPath: string): DaemonRun {
  const logFd = openSync(logPath, 'a');
  let child: ChildProcess;
  try {
    child = spawn(
      dockerd,
      [
        '--host',
        `unix://${join(dir, 'docker.sock')}`,
        '--data-root',
        join(dir, 'data'),
        '--exec-root',
        join(dir, 'exec'),
        '--pidfile',
        join(dir, 'docker.pid'),
        '--bridge=none',
        '--iptables=false',
        '--ip6tables=false',
      ],
      // Own process group: a terminal's Ctrl-C reaches only us, and stop() shuts dockerd down in order.
      { stdio: ['ignore', logFd, logFd], detached: true },
    );
  } finally {
    closeSync(logFd);
  }

  let exitStatus: ExitStatus | undefined;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      exitStatus = { code, signal };
      resolve(exitStatus);
    });
    child.once('error', (err) => {
      appendNote(logPath, `spawn failed: ${err.message}`);
      exitStatus = { code: -1, signal: null };
      resolve(exitStatus);
    });
  });
  // dockerd must never keep the Node process alive by itself.
  child.unref();
  return { pid: child.pid, exited, exitStatus: () => exitStatus };
}

/** Stops one dockerd run (in order, or `abrupt`ly with SIGKILL) and whatever it leaves behind, keeping `dir` itself. */
async function shutDownDaemon(run: DaemonRun, socketPath: string, dir: string, { abrupt = false } = {}): Promise<void> {
  if (abrupt) {
    if (run.pid !== undefined && run.exitStatus() === undefined) {
      signalPid(run.pid, 'SIGKILL');
      await run.exited;
    }
  } else {
    if (run.exitStatus() === undefined) await killRunningContainers(socketPath);
    await terminate(run.pid, run.exited, () => run.exitStatus() !== undefined);
  }
  await waitForReaped(killStragglers(dir));
  removeContainerCgroups(dir);
  unmountUnder(dir);
}

/** Makes sure TEST_IMAGE exists on the engine, importing it from a busybox rootfs tar if needed. */
export async function ensureTestImage(socketPath: string): Promise<void> {
  const client = new Client('http://localhost', { socketPath });
  try {
    if (await imageExists(client)) return;
    if (!isExecutable(BUSYBOX)) throw new Error(`${BUSYBOX} is missing. ${INSTALL_HINT}`);

    const root = await mkdtemp('/tmp/wharf-rootfs.');
    try {
      await buildRootfs(root);
      await importRootfs(client, root);
    } finally {
      await rm(root, { recursive: true, force: true }).catch(() => undefined);
    }

    if (!(await imageExists(client))) {
      throw new Error(`image ${TEST_IMAGE} is still missing after the import`);
    }
  } finally {
    await client.close();
  }
}

// ---------------------------------------------------------------------------

function checkPrerequisites(): string {
  const dockerd = findExecutable('dockerd', ['/usr/sbin', '/usr/local/sbin', '/sbin', '/usr/bin', '/usr/local/bin']);
  const missing: string[] = [];
  if (!dockerd) missing.push('dockerd (package docker.io)');
  if (!isExecutable(BUSYBOX)) missing.push(`${BUSYBOX} (package busybox-static)`);
  if (!findExecutable('tar', [])) missing.push('tar');
  if (missing.length > 0 || !dockerd) {
    throw new Error(`Wharf's test engine needs ${missing.join(', ')}, which ${missing.length > 1 ? 'are' : 'is'} missing. ${INSTALL_HINT}`);
  }
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(
      "Wharf's test engine runs its own dockerd, which needs root: run the tests as root, " +
        'or point WHARF_TEST_DOCKER_HOST at a disposable engine you started yourself (never the machine-wide one).',
    );
  }
  return dockerd;
}

function findExecutable(name: string, extraDirs: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter).filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

async function waitForPing(socketPath: string, exitStatus: () => ExitStatus | undefined, logPath: string): Promise<void> {
  const deadline = Date.now() + PING_TIMEOUT_MS;
  const client = new Client('http://localhost', { socketPath, connectTimeout: 2_000 });
  let lastError = 'no answer yet';
  try {
    for (;;) {
      const exit = exitStatus();
      if (exit) {
        throw new Error(`dockerd exited early (code ${exit.code}, signal ${exit.signal}); tail of dockerd.log:\n${readLogTail(logPath)}`);
      }
      try {
        const res = await client.request({ method: 'GET', path: '/_ping', headersTimeout: 2_000, bodyTimeout: 2_000 });
        const text = await res.body.text();
        if (res.statusCode === 200 && text === 'OK') return;
        lastError = `GET /_ping answered ${res.statusCode} ${text.slice(0, 200)}`;
      } catch (err) {
        lastError = errorMessage(err);
      }
      if (Date.now() > deadline) {
        throw new Error(`dockerd did not answer GET /_ping within ${PING_TIMEOUT_MS / 1000} s (${lastError})`);
      }
      await sleep(100);
    }
  } finally {
    await client.close().catch(() => undefined);
  }
}

/**
 * A container that ignores SIGTERM (busybox `sleep` as pid 1) holds dockerd's shutdown for its
 * 10 s stop timeout; killing running containers first keeps stop() quick.
 */
async function killRunningContainers(socketPath: string): Promise<void> {
  const client = new Client('http://localhost', { socketPath, connectTimeout: 1_000 });
  const signal = AbortSignal.timeout(5_000);
  try {
    const res = await client.request({ method: 'GET', path: '/containers/json', signal });
    const text = await res.body.text();
    if (res.statusCode !== 200) return;
    const ids = (JSON.parse(text) as Array<{ Id: string }>).map((c) => c.Id);
    await Promise.all(
      ids.map(async (id) => {
        const kill = await client.request({ method: 'POST', path: `/containers/${id}/kill`, signal });
        await kill.body.dump();
      }),
    );
  } catch {
    // best effort: SIGTERM below still stops everything, only slower
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

async function terminate(pid: number | undefined, exited: Promise<ExitStatus>, hasExited: () => boolean): Promise<void> {
  if (pid === undefined || hasExited()) return;
  // The timer is ref'd on purpose: the child itself is unref'd, and something must keep Node waiting.
  const waitFor = async (ms: number): Promise<boolean> => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), ms);
    });
    try {
      return await Promise.race([exited.then(() => true as const), timedOut]);
    } finally {
      clearTimeout(timer);
    }
  };

  signalPid(pid, 'SIGTERM');
  if (await waitFor(STOP_TIMEOUT_MS)) return;
  process.stderr.write(`wharf engine: dockerd ${pid} ignored SIGTERM for ${STOP_TIMEOUT_MS / 1000} s, killing it\n`);
  signalPid(pid, 'SIGKILL');
  await waitFor(KILL_TIMEOUT_MS);
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * After a SIGKILL, containerd and its shims can outlive dockerd (they all name `dir` on their command
 * line), and so can the containers' processes, children of the shims: kill those whole trees.
 */
function killStragglers(dir: string): number[] {
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((e) => /^\d+$/.test(e));
  } catch {
    return [];
  }
  const children = new Map<number, number[]>();
  const roots: number[] = [];
  for (const entry of entries) {
    const pid = Number(entry);
    if (pid === process.pid) continue;
    try {
      // Field 4 of /proc/<pid>/stat is the ppid; the command name before it may hold spaces.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const siblings = children.get(ppid) ?? [];
      siblings.push(pid);
      children.set(ppid, siblings);
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`${dir}/`)) roots.push(pid);
    } catch {
      // exited meanwhile
    }
  }
  const doomed = new Set<number>();
  const queue = [...roots];
  for (let pid = queue.shift(); pid !== undefined; pid = queue.shift()) {
    if (doomed.has(pid)) continue;
    doomed.add(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  for (const pid of doomed) signalPid(pid, 'SIGKILL');
  return [...doomed];
}

/** Until reaped, a killed container process still pins its cgroup; wait a little for init to reap it. */
async function waitForReaped(pids: number[], timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some((pid) => existsSync(`/proc/${pid}`)) && Date.now() < deadline) await sleep(100);
}

/** Containers whose dockerd was killed leave empty cgroups named after them; rmdir only removes empty ones. */
function removeContainerCgroups(dir: string): void {
  let ids: string[];
  try {
    ids = readdirSync(join(dir, 'data', 'containers')).filter((id) => /^[0-9a-f]{64}$/.test(id));
  } catch {
    return;
  }
  if (ids.length === 0) return;
  let hierarchies: string[];
  try {
    hierarchies = readdirSync('/sys/fs/cgroup');
  } catch {
    return;
  }
  for (const id of ids) {
    // cgroup v2 keeps one tree; v1 one per controller.
    for (const path of [join('/sys/fs/cgroup/docker', id), ...hierarchies.map((h) => join('/sys/fs/cgroup', h, 'docker', id))]) {
      try {
        rmdirSync(path);
      } catch {
        // absent (the usual case: dockerd cleaned up), or not empty
      }
    }
  }
}

/** A cleanly stopped dockerd unmounts everything; after a SIGKILL, overlay and bind mounts may remain. */
function unmountUnder(dir: string): void {
  let mountinfo: string;
  try {
    mountinfo = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return;
  }
  const mountPoints = mountinfo
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((mp): mp is string => mp !== undefined)
    .map(unescapeMountPath)
    .filter((mp) => mp === dir || mp.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const mp of mountPoints) {
    spawnSync('umount', ['-l', mp], { stdio: 'ignore' });
  }
}

function unescapeMountPath(path: string): string {
  return path.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

async function imageExists(client: Client): Promise<boolean> {
  const res = await client.request({ method: 'GET', path: `/images/${TEST_IMAGE}/json` });
  const text = await res.body.text();
  if (res.statusCode === 200) return true;
  if (res.statusCode === 404) return false;
  throw new Error(`GET /images/${TEST_IMAGE}/json answered ${res.statusCode}: ${engineMessage(text)}`);
}

async function buildRootfs(root: string): Promise<void> {
  await mkdir(join(root, 'bin'));
  for (const d of ROOTFS_DIRS) await mkdir(join(root, d));
  await chmod(join(root, 'tmp'), 0o1777);
  await copyFile(BUSYBOX, join(root, 'bin', 'busybox'));
  await chmod(join(root, 'bin', 'busybox'), 0o755);
  for (const applet of BUSYBOX_APPLETS) await symlink('busybox', join(root, 'bin', applet));
}

async function importRootfs(client: Client, root: string): Promise<void> {
  const tar = spawn('tar', ['--numeric-owner', '-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let tarStderr = '';
  tar.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    tarStderr += chunk;
  });
  const tarDone = new Promise<void>((resolve, reject) => {
    tar.once('error', reject);
    tar.once('close', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`tar failed (code ${code}, signal ${signal}): ${tarStderr.trim()}`));
    });
  });

  const query = new URLSearchParams({
    fromSrc: '-',
    repo: TEST_IMAGE_REPO,
    tag: TEST_IMAGE_TAG,
    changes: 'CMD ["/bin/sh"]',
  });
  const upload = (async () => {
    const res = await client.request({
      method: 'POST',
      path: `/images/create?${query.toString().replace(/\+/g, '%20')}`,
      headers: { 'content-type': 'application/x-tar' },
      body: tar.stdout,
    });
    const text = await res.body.text();
    if (res.statusCode !== 200) {
      throw new Error(`POST /images/create answered ${res.statusCode}: ${engineMessage(text)}`);
    }
    for (const line of text.split(/\r?\n/)) {
      if (!line.trim()) continue;
      let entry: { error?: string; errorDetail?: { message?: string } };
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        throw new Error(`POST /images/create answered a line that is not JSON: ${line.slice(0, 200)}`);
      }
      if (entry.error || entry.errorDetail) {
        throw new Error(`importing ${TEST_IMAGE} failed: ${entry.errorDetail?.message ?? entry.error}`);
      }
    }
  })();

  const [uploadResult, tarResult] = await Promise.allSettled([upload, tarDone]);
  if (tarResult.status === 'rejected') throw tarResult.reason;
  if (uploadResult.status === 'rejected') throw uploadResult.reason;
}

function engineMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 500);
}

function readLogTail(logPath: string, lines = 30): string {
  try {
    return readFileSync(logPath, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function appendNote(logPath: string, note: string): void {
  try {
    appendFileSync(logPath, `wharf engine: ${note}\n`);
  } catch {
    // the log is only a diagnostic
  }
}

function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const code = (err as NodeJS.ErrnoException).code;
    return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
  }
  return String(err);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------

async function main(): Promise<void> {
  const started = Date.now();
  const engine = await startPrivateEngine();
  process.stdout.write(`export DOCKER_HOST=${engine.dockerHost}\n`);
  process.stdout.write(
    `# private engine ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${engine.pid}, log ${engine.logPath}); ` +
      'press Ctrl-C to stop it and remove its directory\n',
  );

  const keepAlive = setInterval(() => {
    try {
      process.kill(engine.pid, 0);
    } catch {
      process.stderr.write(`dockerd exited unexpectedly; see ${engine.logPath}\n`);
      void shutdown(1);
    }
  }, 1_000);

  let shuttingDown = false;
  const shutdown = async (code: number): Promise<void> => {
    if (shuttingDown) return;
    shuttingDown = true;
    clearInterval(keepAlive);
    process.stderr.write('stopping the private engine...\n');
    await engine.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
}
