// The contract every answer keeps, whatever was sent: JSON results, a known code on every error, nothing internal, no unredacted secret for a viewer.
import { CONTRACT_CODES } from '../contract-codes.js';
import type { Mode } from './cases.js';

export interface Problem {
  kind: string;
  message: string;
}

/** What a check needs to know about the request it judges. */
export interface Sent {
  mode: Mode;
  /** The request's own text: a leak is what the request did not already contain. */
  text(): string;
}

/** Error codes seen by mode, and results with data and no errors: how far the fuzz got. */
export class FuzzStats {
  readonly codes = new Map<string, number>();
  readonly clean: Record<Mode, number> = { viewer: 0, local: 0 };
  /** Viewer results that showed the fixtures' environment redacted. */
  redacted = 0;

  summary(): string {
    return `results with data and no errors: ${JSON.stringify(this.clean)}; viewer results showing the redacted fixture env: ${this.redacted}; error codes: ${JSON.stringify(Object.fromEntries([...this.codes].sort()))}`;
  }
}

const LEAKS: Array<[string, RegExp]> = [
  ['stack trace', /\n\s+at \S/],
  ['stack trace', /\bat [\w$.<>]+ \((?:file:|node:|\/)/],
  ['internal path', /\/work\//],
  ['internal path', /node_modules/],
  ['internal path', /\.ts:\d/],
];

export class ContractChecks {
  constructor(
    /** An environment value of the fixtures that a viewer must only ever see redacted. */
    private readonly secret: string,
    readonly stats: FuzzStats,
  ) {}

  /** Every error in a result: a contract code (never INTERNAL_SERVER_ERROR), no internals in extensions, no leaked stack or path. */
  errors(errors: unknown, sent: Sent, problems: Problem[]): void {
    if (errors === undefined) return;
    if (!Array.isArray(errors)) {
      problems.push({ kind: 'errors is not a list', message: JSON.stringify(errors).slice(0, 200) });
      return;
    }
    let sentText: string | undefined;
    const sentOnce = () => (sentText ??= sent.text());
    for (const error of errors as unknown[]) {
      const record = (error ?? {}) as { message?: unknown; extensions?: Record<string, unknown>; path?: unknown };
      const message = typeof record.message === 'string' ? record.message : JSON.stringify(record.message);
      const code = record.extensions?.code;
      if (code === 'INTERNAL_SERVER_ERROR') {
        problems.push({ kind: 'INTERNAL_SERVER_ERROR', message: `${message} at ${JSON.stringify(record.path ?? null)}` });
      } else if (typeof code !== 'string' || !CONTRACT_CODES.has(code)) {
        problems.push({ kind: `error without a contract code (${JSON.stringify(code)})`, message });
      }
      for (const key of ['stack', 'stacktrace', 'originalError', 'exception']) {
        if (record.extensions && key in record.extensions) problems.push({ kind: `extensions.${key} leaked`, message });
      }
      const text = JSON.stringify(error);
      for (const [what, pattern] of LEAKS) {
        if (pattern.test(text) && !pattern.test(sentOnce())) problems.push({ kind: `${what} leaked`, message: text.slice(0, 400) });
      }
    }
  }

  /** A GraphQL response body: a JSON object with data or errors, whose errors keep the contract. */
  body(text: string, sent: Sent, problems: Problem[], status?: number): void {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push({ kind: `body is not JSON${status !== undefined ? ` (HTTP ${status})` : ''}`, message: text.slice(0, 200) });
      return;
    }
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      problems.push({ kind: 'body is not a JSON object', message: text.slice(0, 200) });
      return;
    }
    const result = body as { data?: unknown; errors?: unknown };
    if (!('data' in result) && !('errors' in result))
      problems.push({ kind: 'result with neither data nor errors', message: text.slice(0, 200) });
    this.errors(result.errors, sent, problems);
    if (Array.isArray(result.errors)) {
      for (const error of result.errors as Array<{ extensions?: { code?: unknown } }>) {
        const code = `${sent.mode} ${String(error?.extensions?.code)}`;
        this.stats.codes.set(code, (this.stats.codes.get(code) ?? 0) + 1);
      }
    } else if (result.data) this.stats.clean[sent.mode]++;
    if (sent.mode === 'viewer' && text.includes('WHARF_FUZZ_SECRET=***')) this.stats.redacted++;
    if (sent.mode === 'viewer' && text.includes(this.secret))
      problems.push({ kind: 'a viewer saw an unredacted environment value', message: text.slice(0, 200) });
  }
}
