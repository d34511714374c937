// Adds the errors of engines that failed their part of a listing to the operation's result, beside the others' data.
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import type { SchemaContext } from '../../schema/index.js';

export function usePartialErrors(): Plugin<SchemaContext> {
  return {
    onExecute({ args }) {
      const context = args.contextValue as SchemaContext;
      return {
        onExecuteDone({ result, setResult }) {
          if (isAsyncIterable(result) || context.partialErrors.length === 0) return;
          setResult({ ...result, errors: [...(result.errors ?? []), ...context.partialErrors] });
        },
      };
    },
  };
}
