// GraphiQL's page with every script, style, font and editor worker inlined, so it works without reaching a CDN.
import type { GraphiQLOptions } from 'graphql-yoga';

type RenderGraphiQL = (options: GraphiQLOptions) => string;

/** The renderer's module is ~9 MB of inlined assets: loaded on the first page request, not at start. */
let renderer: Promise<RenderGraphiQL> | undefined;
/** The last page served, as bytes: rendering and encoding ~9 MB costs tens of ms of event loop per request. */
let cached: { key: string; page: Uint8Array<ArrayBuffer> } | undefined;

function loadRenderer(): Promise<RenderGraphiQL> {
  renderer ??= import('@graphql-yoga/render-graphiql').then(
    (module) => module.renderGraphiQL,
    (error: unknown) => {
      // Let the next request try again rather than fail forever.
      renderer = undefined;
      throw error;
    },
  );
  return renderer;
}

/** Yoga's `renderGraphiQL`: the self-contained page for these options. */
export async function renderOfflineGraphiQL(options: GraphiQLOptions): Promise<Uint8Array<ArrayBuffer>> {
  const key = JSON.stringify(options);
  if (cached?.key === key) return cached.page;
  const render = await loadRenderer();
  const page = new TextEncoder().encode(render(options));
  cached = { key, page };
  return page;
}
