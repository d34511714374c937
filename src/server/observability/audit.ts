// The audit log: every mutation, allowed or denied, as one structured line.
import { getArgumentValues, getOperationAST, type GraphQLError, Kind, type ExecutionArgs, type FieldNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ServerContext } from '../operation.js';

export interface AuditRecord {
  time: string;
  /** The token's name, or "local". */
  token: string;
  role: string;
  /** The mutation field, e.g. stopContainer. */
  operation: string;
  /** The container as the client named it (id, name), or the new container's name. */
  container: string | null;
  /** "ok", or the error code. */
  outcome: string;
  /** For an exec: the command and its arguments (never its environment). */
  command?: readonly string[];
}

export type AuditSink = (record: AuditRecord) => void;

/** One JSON line on stdout per record. */
export const stdoutAuditSink: AuditSink = (record) => {
  process.stdout.write(`${JSON.stringify({ audit: true, ...record })}\n`);
};

export function useAuditLog(sink: AuditSink): Plugin {
  return {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName ?? undefined);
      if (operation?.operation !== 'mutation') return undefined;
      const fields = operation.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD);
      return {
        onExecuteDone({ result }) {
          if (!('errors' in result) && !('data' in result)) return;
          const single = result as { errors?: readonly GraphQLError[]; data?: Record<string, unknown> | null };
          for (const field of fields) record(sink, args, field, single);
        },
      };
    },
  };
}

function record(
  sink: AuditSink,
  args: ExecutionArgs,
  field: FieldNode,
  result: { errors?: readonly GraphQLError[]; data?: Record<string, unknown> | null },
): void {
  const key = field.alias?.value ?? field.name.value;
  const { principal } = (args.contextValue as ServerContext).operation;
  const error = result.errors?.find((e) => e.path?.[0] === key);
  const values = argumentsOf(args, field);
  sink({
    time: new Date().toISOString(),
    token: principal.name,
    role: principal.role,
    operation: field.name.value,
    container: values?.id ?? values?.container ?? values?.input?.name ?? null,
    outcome: error ? String(error.extensions?.code ?? 'ERROR') : result.data?.[key] == null ? 'ERROR' : 'ok',
    ...(Array.isArray(values?.cmd) ? { command: values.cmd } : {}),
  });
}

interface AuditedArguments {
  id?: string;
  /** connectContainer, disconnectContainer. */
  container?: string;
  input?: { name?: string | null; image?: string };
  /** execInContainer. */
  cmd?: string[];
}

function argumentsOf(args: ExecutionArgs, field: FieldNode): AuditedArguments | undefined {
  const definition = args.schema.getMutationType()?.getFields()[field.name.value];
  if (!definition) return undefined;
  try {
    return getArgumentValues(definition, field, args.variableValues ?? undefined) as AuditedArguments;
  } catch {
    return undefined;
  }
}
