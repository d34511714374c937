// Container.top: the processes of a running container, parsed by the engine's column titles.
import type { ContainerTopWire } from '../docker/types.js';
import { builder } from './builder.js';
import { ContainerRef } from './container.js';

export interface ProcessView {
  pid: number;
  ppid: number | null;
  user: string | null;
  command: string;
  cells: string[];
}

const ProcessRef = builder.objectRef<ProcessView>('Process').implement({
  fields: (t) => ({
    pid: t.exposeInt('pid'),
    ppid: t.exposeInt('ppid', { nullable: true }),
    user: t.exposeString('user', { nullable: true }),
    command: t.exposeString('command'),
    cells: t.exposeStringList('cells', { description: 'The row as the engine gave it, one cell per title.' }),
  }),
});

const ProcessListRef = builder.objectRef<{ titles: string[]; processes: ProcessView[] }>('ProcessList').implement({
  fields: (t) => ({
    titles: t.exposeStringList('titles'),
    processes: t.field({ type: [ProcessRef], resolve: (list) => list.processes }),
  }),
});

/** Picks pid, ppid, user and command out of each row by the titles `ps` printed. */
export function parseTop(top: ContainerTopWire): { titles: string[]; processes: ProcessView[] } {
  const titles = top.Titles ?? [];
  const column = (...names: string[]) => titles.findIndex((title) => names.includes(title.toUpperCase()));
  const pid = column('PID');
  const ppid = column('PPID');
  const user = column('USER', 'UID', 'RUSER', 'EUSER', 'RUID');
  const command = column('CMD', 'COMMAND', 'ARGS', 'COMM', 'UCMD');
  const processes = (top.Processes ?? []).map((cells) => {
    const at = (index: number) => (index === -1 ? undefined : cells[index]);
    const ppidValue = Number(at(ppid));
    return {
      pid: Number(at(pid) ?? 0),
      ppid: ppid === -1 || !Number.isFinite(ppidValue) ? null : ppidValue,
      user: at(user) ?? null,
      command: at(command) ?? cells[cells.length - 1] ?? '',
      cells,
    };
  });
  return { titles, processes };
}

builder.objectField(ContainerRef, 'top', (t) =>
  t.field({
    type: ProcessListRef,
    description: 'GET /containers/{id}/top; psArgs are passed to ps (default -ef).',
    args: { psArgs: t.arg.string() },
    resolve: async (container, args, ctx) =>
      parseTop(
        await ctx.loaders
          .of(container.engine)
          .limit(() => container.engine.containers.top(container.id, args.psArgs ?? undefined, ctx.engineCall)),
      ),
  }),
);
