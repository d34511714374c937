// One read of a listing over every engine (networks, volumes): what the engines answered, the engines that did not, and a way to read it again.
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
import { useQuery } from '@urql/preact';
import { useCallback, useEffect, useMemo } from 'preact/hooks';
import { type EngineWarning, sortErrors } from './engine-warnings.js';
import type { Report } from './operation-error.js';

/** A query without variables, as ./operations.ts exports them: its text, typed with its result. */
type Typed<Data> = string & DocumentTypeDecoration<Data, Record<string, never>>;

export interface Listing<Data> {
  data: Data | null;
  /** The engines that could not be read: the list holds the others' part. */
  warnings: readonly EngineWarning[];
  fetching: boolean;
  refresh(): void;
}

/** Read when its view is made (each time it is shown) and on refresh(); what belongs to no single engine goes to the error banner. */
export function useListing<Data>(query: Typed<Data>, report: Report): Listing<Data> {
  const [result, execute] = useQuery<Data>({ query });
  const refresh = useCallback(() => execute({ requestPolicy: 'network-only' }), [execute]);
  const { warnings, failure } = useMemo(() => sortErrors(result.error), [result.error]);
  useEffect(() => {
    if (failure) report(failure);
  }, [failure]);
  return { data: result.data ?? null, warnings, fetching: result.fetching, refresh };
}
