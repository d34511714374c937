// Summarises a gateway .cpuprofile (from `npm run bench -- --cpu-prof`): self time by package and by function.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Where a frame's code lives: an npm package, Wharf's own src/, Node's internals, or V8's pseudo-frames. */
function packageOf(frame: CallFrame): string {
  const { url, functionName } = frame;
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const rest = url.slice(modules + '/node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node:internal';
  const src = url.indexOf('/src/');
  if (src >= 0) return `wharf ${url.slice(src + 1).replace(/\/[^/]+$/, '/')}`;
  return url;
}

function label(frame: CallFrame): string {
  const file = frame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*\/(src|bench|test)\//, '$1/');
  return `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
}

function summarise(path: string, top: number): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  // Skip start-up (module loading, schema building): count from the first sample inside graphql's execute.
  const inExecution = new Map<number, boolean>();
  const executes = (id: number): boolean => {
    const known = inExecution.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id);
    const up = parent.get(id);
    const value = (node?.callFrame.url.includes('/graphql/execution/') ?? false) || (up !== undefined && executes(up));
    inExecution.set(id, value);
    return value;
  };
  const from = profile.samples.findIndex((id) => executes(id));
  if (from < 0) {
    // --cpu-prof writes one file per thread; tsx's module loader runs on a thread of its own.
    process.stdout.write(`${path}\nno GraphQL execution in this profile (a loader thread?); skipped\n\n`);
    return;
  }

  const selfByPackage = new Map<string, number>();
  const selfByFunction = new Map<string, number>();
  const inclusiveByPackage = new Map<string, number>();
  let busy = 0;
  let total = 0;
  for (let i = from; i < profile.samples.length; i++) {
    const id = profile.samples[i] ?? -1;
    const us = profile.timeDeltas[i + 1] ?? profile.timeDeltas[i] ?? 0;
    total += us;
    const node = byId.get(id);
    if (!node || node.callFrame.functionName === '(idle)') continue;
    busy += us;
    const pkg = packageOf(node.callFrame);
    selfByPackage.set(pkg, (selfByPackage.get(pkg) ?? 0) + us);
    const fn = label(node.callFrame);
    selfByFunction.set(fn, (selfByFunction.get(fn) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at)?.callFrame;
      if (frame) seen.add(packageOf(frame));
    }
    for (const p of seen) inclusiveByPackage.set(p, (inclusiveByPackage.get(p) ?? 0) + us);
  }

  const pct = (us: number) => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
  const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(6)} ms`;
  const rank = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
  const out = [
    `${path}`,
    `window: ${(total / 1000).toFixed(0)} ms from the first GraphQL execution, busy ${(busy / 1000).toFixed(0)} ms (${((100 * busy) / total).toFixed(0)}%)`,
    '',
    'self time by package (% of busy)',
    ...rank(selfByPackage).map(([k, us]) => `${ms(us)} ${pct(us)}  ${k}`),
    '',
    'inclusive time by package (on the stack; % of busy)',
    ...rank(inclusiveByPackage).map(([k, us]) => `${ms(us)} ${pct(us)}  ${k}`),
    '',
    'self time by function',
    ...rank(selfByFunction).map(([k, us]) => `${ms(us)} ${pct(us)}  ${k}`),
    '',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}

const { values, positionals } = parseArgs({ options: { top: { type: 'string' } }, allowPositionals: true });
if (positionals.length === 0) {
  process.stderr.write('Usage: npx tsx bench/profile-summary.ts [--top N] <file.cpuprofile | directory>...\n');
  process.exit(2);
}
const top = Number(values.top ?? 25);
for (const arg of positionals) {
  const files = statSync(arg).isDirectory()
    ? readdirSync(arg)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(arg, f))
    : [arg];
  for (const file of files) summarise(file, top);
}
