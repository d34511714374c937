// The dashboard page at /: its HTML, and src/dashboard/main.ts bundled by esbuild on first request and kept in memory.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { pathOf, sendError } from './respond.js';

const SOURCE_DIR = fileURLToPath(new URL('../../dashboard/', import.meta.url));

interface Asset {
  contentType: string;
  body: Buffer;
  etag: string;
}

function asset(contentType: string, body: Buffer): Asset {
  return { contentType, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

type Assets = Map<string, Asset>;

/** The page's paths; everything else is not the dashboard's. */
const PATHS = /^\/(dashboard\.js|dashboard\.css|favicon\.svg)?$/;

/** esbuild only when the page is first asked for: a gateway without visitors never loads it. */
async function buildAssets(): Promise<Assets> {
  const { build, stop } = await import('esbuild');
  const [html, icon, result] = await Promise.all([
    readFile(`${SOURCE_DIR}index.html`),
    readFile(`${SOURCE_DIR}favicon.svg`),
    build({
      entryPoints: { dashboard: `${SOURCE_DIR}main.ts` },
      bundle: true,
      write: false,
      outdir: `${SOURCE_DIR}out`,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      logLevel: 'silent',
    }).finally(stop),
  ]);
  const assets: Assets = new Map([
    ['/', asset('text/html; charset=utf-8', html)],
    ['/favicon.svg', asset('image/svg+xml', icon)],
  ]);
  for (const file of result.outputFiles) {
    const name = file.path.slice(file.path.lastIndexOf('/'));
    const contentType = name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8';
    assets.set(name, asset(contentType, Buffer.from(file.contents)));
  }
  return assets;
}

/** A Host header fit to name in the policy (name or address, optional port); anything else is left out. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

/**
 * Nothing but the gateway itself: its script, its styles, its /graphql over HTTP and WebSocket.
 * The ws: and wss: sources repeat 'self' for browsers whose 'self' does not cover WebSockets yet.
 */
function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `connect-src 'self'${sockets}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

export interface DashboardRoute {
  /** The page's paths. */
  paths: RegExp;
  /** Answers GET and HEAD of one of the paths. */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** How long a failed build is answered from memory before the next request tries again. */
const RETRY_BUILD_MS = 10_000;

/**
 * The built page, one per process: every app in it serves the same source, and one build at a time
 * lets each stop esbuild's service when it is done.
 */
let assets: Promise<Assets> | null = null;

export function createDashboard(logger: Logger): DashboardRoute {
  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    let built: Assets;
    try {
      built = await (assets ??= buildAssets());
    } catch (error) {
      // Kept for a while only: a fixed source builds again, but a page that cannot build is not rebuilt on every request.
      const failed = assets;
      setTimeout(() => {
        if (assets === failed) assets = null;
      }, RETRY_BUILD_MS).unref();
      logger.error({ err: error }, 'the dashboard did not build');
      sendError(res, 'INTERNAL_SERVER_ERROR', 'The dashboard could not be built');
      return;
    }
    const file = built.get(path);
    if (!file) {
      sendError(res, 'NOT_FOUND', 'No such dashboard file');
      return;
    }
    const headers = {
      etag: file.etag,
      // Revalidated each time, so the page of a restarted gateway (built from newer source) is picked up.
      'cache-control': 'no-cache',
      'content-security-policy': contentSecurityPolicy(req.headers.host),
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304, headers);
      res.end();
      return;
    }
    res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': file.body.length });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  return {
    paths: PATHS,
    serve(req, res) {
      serve(req, res, pathOf(req)).catch((error: unknown) => {
        logger.error({ err: error }, 'serving the dashboard failed');
        res.destroy();
      });
    },
  };
}
