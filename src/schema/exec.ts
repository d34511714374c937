// execInContainer: docker exec without a TTY, run to completion, with its exit code and output.
import { builder } from './builder.js';
import { requireContainer } from './container.js';
import { badInput, codedError } from './errors.js';

/** The most output one execInContainer keeps, stdout and stderr together. */
export const EXEC_OUTPUT_BYTES = 1024 * 1024;

interface ExecResultShape {
  exitCode: number;
  stdout: string;
  stderr: string;
  truncated: boolean;
}

const ExecResult = builder.objectRef<ExecResultShape>('ExecResult').implement({
  fields: (t) => ({
    exitCode: t.exposeInt('exitCode'),
    stdout: t.exposeString('stdout'),
    stderr: t.exposeString('stderr'),
    truncated: t.exposeBoolean('truncated', { description: 'More than 1 MiB of output came; the rest was dropped.' }),
  }),
});

builder.mutationFields((t) => ({
  execInContainer: t.field({
    type: ExecResult,
    authScopes: { admin: true },
    description: `docker exec (no TTY): runs to completion, returns the exit code and the output (at most 1 MiB kept, then truncated: true)`,
    args: {
      id: t.arg.string({ required: true }),
      cmd: t.arg.stringList({ required: true }),
      env: t.arg.stringList({ description: '"KEY=value"' }),
      workingDir: t.arg.string(),
      user: t.arg.string(),
      stdin: t.arg.string({ description: 'Written to the command, whose stdin is then closed.' }),
    },
    resolve: async (_root, args, ctx) => {
      if (args.cmd.length === 0 || args.cmd[0] === '') throw badInput('cmd must name a program to run');
      for (const entry of args.env ?? []) {
        // Never echo the entry: it may hold a secret.
        if (!entry.includes('=') || entry.startsWith('=')) throw badInput('env entries are "KEY=value"');
      }
      const { engine, inspect } = await requireContainer(ctx, args.id);
      // The engine would say so too, but only after the exec is created.
      if (inspect.State.Paused) throw codedError('CONFLICT', `Container ${args.id} is paused`);
      if (!inspect.State.Running) throw codedError('CONFLICT', `Container ${args.id} is not running`);
      return engine.exec.run(
        inspect.Id,
        {
          cmd: args.cmd,
          env: args.env ?? undefined,
          workingDir: args.workingDir ?? undefined,
          user: args.user ?? undefined,
          stdin: args.stdin ?? undefined,
          maxBytes: EXEC_OUTPUT_BYTES,
        },
        ctx.engineCall,
      );
    },
  }),
}));
