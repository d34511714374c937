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
  sink({
    time: new Date().toISOString(),
    token: principal.name,
    role: principal.role,
    operation: field.name.value,
    container: containerOf(args, field),
    outcome: error ? String(error.extensions?.code ?? 'ERROR') : result.data?.[key] == null ? 'ERROR' : 'ok',
  });
}

function containerOf(args: ExecutionArgs, field: FieldNode): string | null {
  const definition = args.schema.getMutationType()?.getFields()[field.name.value];
  if (!definition) return null;
  try {
    const values = getArgumentValues(definition, field, args.variableValues ?? undefined) as {
      id?: string;
      input?: { name?: string | null; image?: string };
    };
    return values.id ?? values.input?.name ?? null;
  } catch {
    return null;
  }
}
