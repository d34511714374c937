// The error codes a client may see, as the README documents them: written out here, not imported, so a test holds the code to the contract.
export const CONTRACT_CODES: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'CONFLICT',
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'DOCKER_UNAVAILABLE',
  'DOCKER_ERROR',
  'SLOW_CONSUMER',
]);
