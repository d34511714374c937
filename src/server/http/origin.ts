// Which browser pages may talk to the gateway, by their Origin header.

/**
 * Whether a browser page from `origin` may talk to this gateway: no Origin (not a browser),
 * the gateway's own origin (GraphiQL, the dashboard), or one of the configured ones.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (!origin) return true;
  if (allowed.includes('*') || allowed.includes(origin)) return true;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    return false;
  }
}
