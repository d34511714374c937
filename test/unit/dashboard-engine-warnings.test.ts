// The dashboard's sorting of a listing's errors: an engine's failure is a warning beside the others' data, anything else goes to the error banner.
import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { sortErrors } from '../../src/dashboard/engine-warnings.js';

const error = (message: string, extensions: Record<string, unknown>) => new GraphQLError(message, { extensions });

describe('sortErrors', () => {
  it('makes each error naming its engine a warning, and keeps the rest as the failure', () => {
    const sorted = sortErrors(
      new CombinedError({
        graphQLErrors: [
          error('Engine beta: cannot be reached', { code: 'DOCKER_UNAVAILABLE', engine: 'beta' }),
          error('Not allowed', { code: 'FORBIDDEN' }),
        ],
      }),
    );
    expect(sorted.warnings).toEqual([{ engine: 'beta', code: 'DOCKER_UNAVAILABLE', message: 'Engine beta: cannot be reached' }]);
    expect(sorted.failure?.graphQLErrors.map((each) => each.extensions.code)).toEqual(['FORBIDDEN']);
  });

  it('gives the one engine asked for its unavailability, but not other failures', () => {
    const down = new CombinedError({ graphQLErrors: [error('cannot be reached', { code: 'DOCKER_UNAVAILABLE' })] });
    expect(sortErrors(down, 'beta')).toEqual({
      warnings: [{ engine: 'beta', code: 'DOCKER_UNAVAILABLE', message: 'cannot be reached' }],
      failure: null,
    });
    // Over every engine, an error that names none is no single engine's.
    expect(sortErrors(down).warnings).toEqual([]);
    expect(sortErrors(down).failure?.graphQLErrors.map((each) => each.message)).toEqual(['cannot be reached']);
    const refused = new CombinedError({ graphQLErrors: [error('no token', { code: 'UNAUTHENTICATED' })] });
    expect(sortErrors(refused, 'beta').warnings).toEqual([]);
  });

  it('leaves a failure on the way to the gateway whole, and nothing as nothing', () => {
    const network = new CombinedError({ networkError: new Error('offline') });
    expect(sortErrors(network)).toEqual({ warnings: [], failure: network });
    expect(sortErrors(undefined)).toEqual({ warnings: [], failure: null });
  });
});
