// What image mutations share: references checked before any engine call, the engine to use, credentials, and a registry's refusal as UNAUTHENTICATED.
import { GraphQLError } from 'graphql';
import type { DockerClient } from '../../docker/client.js';
import { EngineError } from '../../docker/errors.js';
import { type ImageReference, parseReference, type RegistryCredentials, registryAuthFor } from '../../docker/registry-auth.js';
import { builder, type SchemaContext } from '../builder.js';
import { badInput } from '../errors.js';

export const RegistryAuthInput = builder.inputType('RegistryAuthInput', {
  description: "Credentials for the image's registry; config.json's for it are used when none are given.",
  fields: (t) => ({
    username: t.string({ required: true }),
    password: t.string({ required: true }),
    serverAddress: t.string({ description: "The registry's address; the image's registry by default." }),
  }),
});

/** The reference parsed, or BAD_USER_INPUT before any engine call. */
export function requireReference(ref: string): ImageReference {
  const parsed = parseReference(ref);
  if (!parsed)
    throw badInput(`invalid reference format: "${ref}" is not an image reference (repository[:tag] or repository@digest, lowercase)`);
  return parsed;
}

/** The named engine, or the first configured one. */
export function mutationEngine(ctx: SchemaContext, name: string | null | undefined): DockerClient {
  return name == null ? ctx.engines.first : ctx.engines.require(name);
}

/** The X-Registry-Auth to send: the operation's credentials, else config.json's for the registry, else none. */
export function registryAuth(reference: ImageReference, given: RegistryCredentials | null | undefined): Promise<string | undefined> {
  return registryAuthFor(reference.registry, given ?? undefined);
}

/** The engine (20.10) reports a registry's refusal of credentials as a 500 or an error line; only its message tells. */
const REFUSED = /no basic auth credentials|unauthorized|authentication required|incorrect username or password/i;

/** A registry's refusal as UNAUTHENTICATED naming the registry; any other error as it came. */
export function registryError(error: unknown, registry: string): unknown {
  if (!(error instanceof EngineError) || error.code !== 'DOCKER_ERROR' || !REFUSED.test(error.message)) return error;
  return new GraphQLError(`The registry ${registry} refused the credentials: ${error.message}`, {
    extensions: { code: 'UNAUTHENTICATED', registry, ...(error.engine === undefined ? {} : { engine: error.engine }) },
  });
}

/** The iterator with each failure passed through `map`; return() goes straight to the source, so an idle stream still ends at once. */
export function mapFailures<T>(source: AsyncIterableIterator<T>, map: (error: unknown) => unknown): AsyncIterableIterator<T> {
  return {
    next: () =>
      source.next().catch((error: unknown) => {
        throw map(error);
      }),
    return: () => source.return?.() ?? Promise.resolve({ value: undefined, done: true }),
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
