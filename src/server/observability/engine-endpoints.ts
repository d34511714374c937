// Engine request paths as templates (`/containers/{id}/json`): bounded label values for metrics, no container names in logs.

const TEMPLATES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/containers\/(json|create|prune)$/, '/containers/$1'],
  [/^\/containers\/[^/]+$/, '/containers/{id}'],
  [/^\/containers\/[^/]+\/([a-z]+)$/, '/containers/{id}/$1'],
  [/^\/images\/(json|create|search|prune)$/, '/images/$1'],
  [/^\/images\/[^/]+\/([a-z]+)$/, '/images/{name}/$1'],
  [/^\/(_ping|version|info|events|system\/df)$/, '/$1'],
];

/** The template of an engine path, without its `/v1.xx` prefix or query; "/other" for a path no template knows. */
export function engineEndpoint(path: string): string {
  const bare = (path.split('?')[0] ?? '').replace(/^\/v\d+\.\d+(?=\/)/, '');
  for (const [pattern, template] of TEMPLATES) {
    if (pattern.test(bare)) return bare.replace(pattern, template);
  }
  return '/other';
}
