// The benchmark's operations on Wharf, and the wire shapes their checks read.

export const LIST_QUERY = '{ containers(all: true) { id name state status image } }';
export const NESTED_QUERY = '{ containers(all: true) { inspect { state { status } } } }';
/** The id is written into the document, as a script or GraphiQL user would. */
export const inspectQuery = (id: string): string =>
  `{ container(id: "${id}") { inspect { path args restartCount state { status running pid startedAt } ` +
  'config { image cmd env labels { key value } } hostConfig { memory networkMode } mounts { destination } } } }';
export const aliasesQuery = (id: string): string =>
  `{ a: container(id: "${id}") { inspect { state { status } } } b: container(id: "${id}") { name inspect { path } } ` +
  `c: container(id: "${id}") { state status } }`;

export interface ListData {
  containers: Array<{ id: string; name: string; state: string; status: string; image: string }>;
}
export interface InspectData {
  container: { inspect: { path: string; state: { status: string }; config: { image: string } } } | null;
}
