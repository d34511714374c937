// The benchmark's two operations as GraphQL Mesh's schema (generated from the engine's OpenAPI description) names them.

export const MESH_LIST_QUERY = '{ ContainerList(all: true) { Id Names State Status Image } }';
// The same engine fields Wharf's inspect operation selects, so both answers carry the same data, less Config.Image: the
// description declares it `format: uri`, so Mesh types it URL and fails on every image reference ("busybox:latest" is no
// URL). The id is written into the document, as in Wharf's, so both servers parse (and cache) alike.
export const meshInspectQuery = (id: string): string =>
  `{ ContainerInspect(id: "${id}") { Id Path Args RestartCount State { Status Running Pid StartedAt } ` +
  'Config { Cmd Env Labels { additionalProperties } } HostConfig { Memory NetworkMode } Mounts { Destination } } }';

export interface MeshListData {
  ContainerList: Array<{ Id: string; Names: string[]; State: string; Status: string; Image: string }> | null;
}
export interface MeshInspectData {
  ContainerInspect: { Id: string; Path: string; State: { Status: string } | null } | null;
}
