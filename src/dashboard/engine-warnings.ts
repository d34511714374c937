// A listing's failures sorted out: those of one engine (it could not be reached), which cost only that engine's part, and the rest.
import { CombinedError } from '@urql/core';

export interface EngineWarning {
  engine: string;
  code: string;
  message: string;
}

export interface SortedErrors {
  warnings: EngineWarning[];
  /** What went wrong beyond single engines: for the page's error banner. */
  failure: CombinedError | null;
}

const codeOf = (extensions: Record<string, unknown> | undefined): string =>
  typeof extensions?.code === 'string' ? extensions.code : 'INTERNAL_SERVER_ERROR';

/**
 * Over several engines the gateway names the engine of each failed part (extensions.engine). Asked
 * for one engine, that engine's failure is the whole answer's error and names none: `asked` says
 * whose it is when it is the engine's being unavailable.
 */
export function sortErrors(error: CombinedError | undefined, asked: string | null = null): SortedErrors {
  if (!error) return { warnings: [], failure: null };
  if (error.networkError || error.graphQLErrors.length === 0) return { warnings: [], failure: error };
  const warnings: EngineWarning[] = [];
  const others = error.graphQLErrors.filter((graphQLError) => {
    const { extensions, message } = graphQLError;
    const code = codeOf(extensions);
    const named = typeof extensions?.engine === 'string' ? extensions.engine : null;
    const engine = named ?? (asked !== null && code === 'DOCKER_UNAVAILABLE' ? asked : null);
    if (engine === null) return true;
    warnings.push({ engine, code, message });
    return false;
  });
  return {
    warnings,
    failure: others.length ? new CombinedError({ graphQLErrors: others, response: error.response }) : null,
  };
}
