// The dashboard page at /: the files `npm run build` put in dist/dashboard/, read on first request and kept in memory.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { pathOf, sendError } from './respond.js';

/**
 * The build's output, found from the repository's root: three folders up from this module both as
 * src/server/http/dashboard.ts (tests, `npm run dev`) and as dist/server/http/dashboard.js.
 */
const BUILT_DIR = fileURLToPath(new URL('../../../dist/dashboard/', import.meta.url));

interface Asset {
  contentType: string;
  body: Buffer;
  etag: string;
}

type Assets = Map<string, Asset>;

/** The page's paths, with the built file each one serves; everything else is not the dashboard's. */
const FILES: ReadonlyMap<string, { file: string; contentType: string }> = new Map([
  ['/', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/dashboard.js', { file: 'dashboard.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/dashboard.css', { file: 'dashboard.css', contentType: 'text/css; charset=utf-8' }],
  ['/favicon.svg', { file: 'favicon.svg', contentType: 'image/svg+xml' }],
]);

async function readAssets(): Promise<Assets> {
  const entries = await Promise.all(
    [...FILES].map(async ([path, { file, contentType }]): Promise<[string, Asset]> => {
      const body = await readFile(`${BUILT_DIR}${file}`);
      return [path, { contentType, body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` }];
    }),
  );
  return new Map(entries);
}

/** A Host header fit to name in the policy (name or address, optional port); anything else is left out. */
const PLAIN_HOST = /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/;

/**
 * Nothing but the gateway itself: its script, its styles, its /graphql over HTTP and WebSocket.
 * The ws: and wss: sources repeat 'self' for browsers whose 'self' does not cover WebSockets yet.
 * Inline styles are allowed (never inline scripts): the terminal's xterm.js sizes its cells with
 * <style> elements it writes at run time, and the page renders no markup it did not build itself.
 */
function contentSecurityPolicy(host: string | undefined): string {
  const sockets = host && PLAIN_HOST.test(host) ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    `connect-src 'self'${sockets}`,
    "img-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** The same paths as FILES, for the route table. */
const PATHS = new RegExp(`^(${[...FILES.keys()].map((path) => path.replace(/[.]/g, '\\.')).join('|')})$`);

export interface DashboardRoute {
  /** The page's paths. */
  paths: RegExp;
  /** Answers GET and HEAD of one of the paths. */
  serve(req: IncomingMessage, res: ServerResponse): void;
}

/** How long a failed read is answered from memory before the next request tries again. */
const RETRY_READ_MS = 10_000;

/** The page's files, one copy per process: every app in it serves the same build. */
let assets: Promise<Assets> | null = null;

export function createDashboard(logger: Logger): DashboardRoute {
  const serve = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    let built: Assets;
    assets ??= readAssets();
    try {
      built = await assets;
    } catch (error) {
      // Kept for a while only: a build made meanwhile is picked up, but a missing one is not looked for on every request.
      const failed = assets;
      setTimeout(() => {
        if (assets === failed) assets = null;
      }, RETRY_READ_MS).unref();
      logger.error({ err: error }, 'the dashboard is not built: run `npm run build`');
      sendError(res, 'INTERNAL_SERVER_ERROR', 'The dashboard is not built');
      return;
    }
    const file = built.get(path);
    if (!file) {
      sendError(res, 'NOT_FOUND', 'No such dashboard file');
      return;
    }
    const headers = {
      etag: file.etag,
      // Revalidated each time, so the page of a restarted gateway (a newer build) is picked up.
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
