// The one request path to the engine: versioned URLs, JSON in and out, statuses to typed errors, bodies always consumed.
import type { Duplex, Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import type { ConnectionSettings } from './connection.js';
import {
  AnswerTooLargeError,
  ConflictError,
  EngineError,
  EngineFailure,
  errorForStatus,
  fromTransportError,
  UnavailableError,
} from './errors.js';

export type Query = Record<string, string | number | boolean | undefined>;

/** An engine path and the template it was made from; the template labels metrics and log lines. */
export interface Endpoint {
  /** E.g. `/containers/{id}/json`. */
  template: string;
  /** The unversioned path, e.g. `/containers/abc/json`; the `/v1.xx` prefix is added when it is sent. */
  path: string;
}

/** `endpoint('/containers/{id}/json', { id })`: each placeholder filled with its value, percent-encoded. */
export function endpoint(template: string, params: Readonly<Record<string, string>> = {}): Endpoint {
  const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`No value for {${name}} in ${template}`);
    return encodeURIComponent(value);
  });
  return { template, path };
}

/** One engine request as it is reported to observers: labelled by its template, never by its ids. */
export interface EngineCallEvent {
  /** The configured name of the engine asked. */
  engine: string;
  method: string;
  /** The endpoint's template, e.g. `/containers/{id}/json`. */
  endpoint: string;
  /** The unversioned path as sent. */
  path: string;
  status: number | 'error';
  ms: number;
}

/** Told of each engine request made for one caller. */
export type CallObserver = (event: EngineCallEvent) => void;

/**
 * Who an engine call is made for: the caller's abort signal, and who is told of each request made
 * on its behalf (the gateway's record of one operation). Every verb of the client takes one.
 */
export interface EngineCall {
  signal?: AbortSignal | undefined;
  observe?: CallObserver | undefined;
}

export interface EngineRequest extends EngineCall {
  method: 'GET' | 'POST' | 'DELETE' | 'HEAD' | 'PUT';
  endpoint: Endpoint;
  query?: Query;
  /** A JSON body; sent with `Content-Type: application/json`. */
  json?: unknown;
  /** A raw body (a build context), streamed as it is read; with `json` absent. */
  body?: Readable;
  /** Extra request headers (X-Registry-Auth, Content-Type of a raw body); never reported to observers. */
  headers?: Readonly<Record<string, string>>;
  /** Overrides the connection's headers timeout, for calls that legitimately take long (stop with t). */
  headersTimeoutMs?: number;
  /** What to ask for instead when the answer is larger than the transport's bound (`limit` or `filters`, say). */
  ifTooLarge?: string;
  /** Statuses besides 2xx that mean success (304 "already started" for start and stop). */
  alsoOk?: readonly number[];
}

export interface StreamResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Readable;
}

/** The most one JSON answer of the engine may hold; the gateway parses it whole. */
export const DEFAULT_MAX_ANSWER_BYTES = 32 * 1024 * 1024;

export interface TransportOptions {
  /** The engine's configured name, for observers; `local` by default. */
  name?: string | undefined;
  /** Marks each EngineError with the engine's name: when several engines are configured, an error says which one failed. */
  tagErrors?: boolean | undefined;
  observe?: RequestObserver | undefined;
  observeStreams?: StreamObserver | undefined;
  /** The most one JSON answer may hold, checked as it is read; DEFAULT_MAX_ANSWER_BYTES by default. */
  maxAnswerBytes?: number | undefined;
}

/** Observes every engine request, whoever made it; for metrics and for tests that count calls. */
export type RequestObserver = CallObserver;

/** Told when a streaming response body opens and when it closes (ended, destroyed or failed); for a gauge of open streams. */
export type StreamObserver = (event: { engine: string; method: string; endpoint: string; open: boolean }) => void;

interface SharedCall {
  promise: Promise<unknown>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export class EngineTransport {
  private negotiated: Promise<string> | undefined;
  /** Identical GETs in flight at the same moment share one upstream request; nothing outlives it. */
  private readonly inflight = new Map<string, SharedCall>();

  private readonly observe: RequestObserver | undefined;
  private readonly observeStreams: StreamObserver | undefined;
  private readonly maxAnswerBytes: number;
  readonly name: string;
  private readonly tagErrors: boolean;

  constructor(
    private readonly dispatcher: Dispatcher,
    readonly settings: ConnectionSettings,
    options: TransportOptions = {},
  ) {
    this.observe = options.observe;
    this.observeStreams = options.observeStreams;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.name = options.name ?? 'local';
    this.tagErrors = options.tagErrors ?? false;
  }

  /** GET /_ping, unversioned. Resolves to the engine's API version; rejects with an EngineError. */
  async ping(signal?: AbortSignal): Promise<string> {
    const res = await this.send({ method: 'GET', endpoint: PING, signal }, false);
    const text = await res.body.text();
    const version = res.headers['api-version'];
    if (res.statusCode !== 200 || text !== 'OK' || typeof version !== 'string') {
      throw this.tag(new UnavailableError(`The Docker engine answered /_ping with ${res.statusCode} ${text.slice(0, 200)}`));
    }
    return version;
  }

  /**
   * The API version used as the path prefix: DOCKER_API_VERSION, else the engine's own, asked once.
   * The ping is shared by every call that needs it, so no caller's signal aborts it (its headers
   * timeout bounds it); each caller stops waiting when its own signal aborts.
   */
  apiVersion(signal?: AbortSignal): Promise<string> {
    if (this.settings.apiVersion) return Promise.resolve(this.settings.apiVersion);
    if (!this.negotiated) {
      const attempt = this.ping();
      this.negotiated = attempt;
      // A failed negotiation is forgotten, so the next call tries again once the engine is back.
      attempt.catch(() => {
        if (this.negotiated === attempt) this.negotiated = undefined;
      });
    }
    return raceAbort(this.negotiated, signal);
  }

  /** A JSON response. GETs without a body are shared with identical ones already in flight. */
  json<T>(req: EngineRequest): Promise<T> {
    if (req.method !== 'GET' || req.json !== undefined) return this.readJson<T>(req);
    return this.shared<T>(req);
  }

  /** A call whose answer has no body worth reading; resolves to the status. */
  async empty(req: EngineRequest): Promise<number> {
    const res = await this.send(req, true);
    await res.body.dump();
    return res.statusCode;
  }

  /** A streaming response (logs, export, events, stats): no body timeout; the caller must consume or destroy the body. */
  async stream(req: EngineRequest): Promise<StreamResponse> {
    const res = await this.send(req, true, 0);
    const observe = this.observeStreams;
    if (observe && !res.body.closed) {
      const labels = { engine: this.name, method: req.method, endpoint: req.endpoint.template };
      observe({ ...labels, open: true });
      // undici's body auto-destroys: 'close' comes once, after the end, a destroy() or an error.
      res.body.once('close', () => observe({ ...labels, open: false }));
    }
    return { status: res.statusCode, headers: res.headers, body: res.body };
  }

  /**
   * A hijacked connection (exec start, attach): the engine answers 101 and the socket then carries the
   * raw stream both ways. The caller owns the socket and must destroy it; the caller's signal destroys
   * it too. An answer other than 101 (the exec or container gone meanwhile) is a CONFLICT, since undici
   * does not hand over its status or message.
   */
  async upgrade(req: EngineRequest): Promise<Duplex> {
    const started = performance.now();
    const query = encodeQuery(req.query);
    let socket: Duplex;
    try {
      const prefix = `/v${await this.apiVersion(req.signal)}`;
      // undici sends a body and honours an origin on upgrades too, though its types do not say so.
      const options: Dispatcher.UpgradeOptions & { origin: string; body: string | null } = {
        origin: this.settings.origin,
        method: req.method,
        path: `${prefix}${req.endpoint.path}${query ? `?${query}` : ''}`,
        headers: req.json === undefined ? {} : { 'content-type': 'application/json' },
        body: req.json === undefined ? null : JSON.stringify(req.json),
        protocol: 'tcp',
        signal: req.signal ?? null,
      };
      ({ socket } = await this.dispatcher.upgrade(options));
    } catch (error) {
      this.report(req, 'error', started);
      if ((error as { message?: unknown }).message === 'bad upgrade') {
        throw this.tag(new ConflictError(`The Docker engine would not open the stream of ${req.method} ${req.endpoint.template}`));
      }
      throw this.tag(fromTransportError(error));
    }
    this.report(req, 101, started);
    const signal = req.signal;
    if (signal) {
      const onAbort = () => socket.destroy();
      if (signal.aborted) onAbort();
      else {
        signal.addEventListener('abort', onAbort, { once: true });
        socket.once('close', () => signal.removeEventListener('abort', onAbort));
      }
    }
    const observe = this.observeStreams;
    if (observe && !socket.destroyed) {
      const labels = { engine: this.name, method: req.method, endpoint: req.endpoint.template };
      observe({ ...labels, open: true });
      socket.once('close', () => observe({ ...labels, open: false }));
    }
    return socket;
  }

  private async readJson<T>(req: EngineRequest): Promise<T> {
    const res = await this.send(req, true);
    if (res.statusCode === 204 || res.statusCode === 304) {
      await res.body.dump();
      return undefined as T;
    }
    const text = await this.readBounded(req, res).catch((error: unknown) => Promise.reject(this.tag(error)));
    try {
      return JSON.parse(text) as T;
    } catch {
      throw this.tag(new EngineFailure(`The Docker engine answered ${res.statusCode} with a body that is not JSON`, res.statusCode));
    }
  }

  /** The error, marked with this engine's name when errors are to say which engine failed. */
  private tag(error: unknown): unknown {
    if (this.tagErrors && error instanceof EngineError) error.engine ??= this.name;
    return error;
  }

  /**
   * The body as text, read no further than the bound: past it the body is destroyed (the engine's
   * answer ends there). Read with listeners rather than an async iterator, which costs more per
   * answer than the rest of this function.
   */
  private readBounded(req: EngineRequest, res: Dispatcher.ResponseData): Promise<string> {
    const declared = Number(res.headers['content-length']);
    if (declared > this.maxAnswerBytes) return Promise.reject(this.tooLarge(req, res, declared));
    const body = res.body;
    return new Promise<string>((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > this.maxAnswerBytes) {
          body.removeAllListeners('data');
          reject(this.tooLarge(req, res, size));
          return;
        }
        chunks.push(chunk);
      });
      body.once('end', () =>
        resolve(chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks, size).toString('utf8')),
      );
      body.once('error', (error) => reject(fromTransportError(error)));
    });
  }

  private tooLarge(req: EngineRequest, res: Dispatcher.ResponseData, bytes: number): AnswerTooLargeError {
    res.body.destroy();
    return new AnswerTooLargeError(
      `The engine's answer to ${req.method} ${req.endpoint.template} is larger than one answer may be (${this.maxAnswerBytes} bytes; ${bytes} seen)` +
        (req.ifTooLarge ? `: ${req.ifTooLarge}` : ''),
    );
  }

  private shared<T>(req: EngineRequest): Promise<T> {
    const key = `${req.endpoint.path}?${encodeQuery(req.query)}`;
    let call = this.inflight.get(key);
    if (!call) {
      const controller = new AbortController();
      const created: SharedCall = {
        controller,
        waiters: 0,
        settled: false,
        // The first caller is told of the request; those who join it share its answer, not its cost.
        promise: this.readJson<T>({ ...req, signal: controller.signal }),
      };
      created.promise
        .catch(() => undefined)
        .finally(() => {
          created.settled = true;
          if (this.inflight.get(key) === created) this.inflight.delete(key);
        });
      this.inflight.set(key, created);
      call = created;
    }
    const joined = call;
    joined.waiters += 1;
    return raceAbort(joined.promise as Promise<T>, req.signal).finally(() => {
      joined.waiters -= 1;
      // The last caller gone before the answer came: nobody wants it any more.
      if (joined.waiters === 0 && !joined.settled) {
        joined.controller.abort();
        if (this.inflight.get(key) === joined) this.inflight.delete(key);
      }
    });
  }

  private async send(req: EngineRequest, versioned: boolean, bodyTimeout?: number): Promise<Dispatcher.ResponseData> {
    const started = performance.now();
    const query = encodeQuery(req.query);
    let res: Dispatcher.ResponseData;
    try {
      const prefix = versioned ? `/v${await this.apiVersion(req.signal)}` : '';
      res = await this.dispatcher.request({
        origin: this.settings.origin,
        method: req.method,
        path: `${prefix}${req.endpoint.path}${query ? `?${query}` : ''}`,
        headers: { ...req.headers, ...(req.json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: req.json === undefined ? (req.body ?? null) : JSON.stringify(req.json),
        signal: req.signal ?? null,
        headersTimeout: req.headersTimeoutMs ?? (req.method === 'GET' ? this.settings.callTimeoutMs : this.settings.headersTimeoutMs),
        ...(bodyTimeout === undefined ? {} : { bodyTimeout }),
      });
    } catch (error) {
      this.report(req, 'error', started);
      throw this.tag(fromTransportError(error));
    }
    this.report(req, res.statusCode, started);
    const ok = (res.statusCode >= 200 && res.statusCode < 300) || (req.alsoOk?.includes(res.statusCode) ?? false);
    if (!versioned || ok) return res;
    throw this.tag(errorForStatus(res.statusCode, await readErrorMessage(res)));
  }

  private report(req: EngineRequest, status: number | 'error', started: number): void {
    if (!this.observe && !req.observe) return;
    const event: EngineCallEvent = {
      engine: this.name,
      method: req.method,
      endpoint: req.endpoint.template,
      path: req.endpoint.path,
      status,
      ms: performance.now() - started,
    };
    this.observe?.(event);
    req.observe?.(event);
  }
}

const PING = endpoint('/_ping');

/** The engine's `{"message": "..."}` body, or its plain text; the body is consumed either way. */
async function readErrorMessage(res: Dispatcher.ResponseData): Promise<string> {
  let text = '';
  try {
    text = await res.body.text();
  } catch {
    return `The Docker engine answered ${res.statusCode}`;
  }
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string' && parsed.message) return parsed.message;
  } catch {
    // not JSON: use the text as it is
  }
  return text.trim().slice(0, 1000) || `The Docker engine answered ${res.statusCode}`;
}

export function encodeQuery(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    params.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return params.toString();
}

/** Waits for a promise, but gives up as soon as the signal aborts (the promise goes on for others). */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
