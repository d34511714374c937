// Reads an incremental GraphQL answer (@stream, @defer) as it arrives, over multipart/mixed or SSE, handing each payload on without keeping the body.
import type { FormattedExecutionResult } from 'graphql';

/** One part of an incremental answer: the first with `data`, the later ones with `incremental`, the last with `hasNext: false`. */
export interface IncrementalPayload extends FormattedExecutionResult<Record<string, unknown>> {
  hasNext?: boolean;
  incremental?: Array<{ items?: unknown[]; data?: unknown; path: Array<string | number>; errors?: unknown[] }>;
}

export type Transport = 'multipart' | 'sse';

const ACCEPT: Record<Transport, string> = {
  multipart: 'multipart/mixed',
  sse: 'text/event-stream',
};

/** POSTs the operation and calls `onPayload` for each part as it is read; resolves with the count of parts once the answer ends. */
export async function readIncremental(
  url: string,
  transport: Transport,
  body: { query: string; variables?: Record<string, unknown> },
  onPayload: (payload: IncrementalPayload) => void,
  headers: Record<string, string> = {},
): Promise<{ status: number; contentType: string; parts: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT[transport], ...headers },
    body: JSON.stringify(body),
  });
  const contentType = res.headers.get('content-type') ?? '';
  if (!res.body) return { status: res.status, contentType, parts: 0 };
  let parts = 0;
  const take = (json: string) => {
    parts += 1;
    onPayload(JSON.parse(json) as IncrementalPayload);
  };
  const reader = transport === 'multipart' ? multipartReader(take) : sseReader(take);
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) reader(Buffer.from(chunk));
  return { status: res.status, contentType, parts };
}

const HEADER_END = Buffer.from('\r\n\r\n');

/**
 * Each `Content-Length`-framed part of a multipart/mixed body. Chunks are joined only once a part is
 * complete, so a large part costs one copy, not one per chunk.
 */
function multipartReader(take: (json: string) => void): (chunk: Buffer) => void {
  let chunks: Buffer[] = [];
  let size = 0;
  /** The byte length of the part whose headers have been read; its body starts the held bytes. */
  let need: number | undefined;
  return (chunk) => {
    chunks.push(chunk);
    size += chunk.length;
    for (;;) {
      if (need === undefined) {
        const held = Buffer.concat(chunks, size);
        const end = held.indexOf(HEADER_END);
        if (end < 0) {
          chunks = [held];
          return;
        }
        const length = /Content-Length: (\d+)/.exec(held.subarray(0, end).toString('latin1'));
        const rest = held.subarray(end + HEADER_END.length);
        if (!length) {
          chunks = [rest];
          size = rest.length;
          continue;
        }
        need = Number(length[1]);
        chunks = [rest];
        size = rest.length;
      }
      if (size < need) return;
      const held = Buffer.concat(chunks, size);
      take(held.subarray(0, need).toString('utf8'));
      const rest = held.subarray(need);
      need = undefined;
      chunks = [rest];
      size = rest.length;
    }
  };
}

/** Each `event: next` of an SSE body. */
function sseReader(take: (json: string) => void): (chunk: Buffer) => void {
  const decoder = new TextDecoder();
  let buffer = '';
  return (chunk) => {
    buffer += decoder.decode(chunk, { stream: true });
    buffer = takeSse(buffer, take);
  };
}

/** Each complete `event: next` of an SSE body; returns what is left. */
function takeSse(buffer: string, take: (json: string) => void): string {
  let rest = buffer;
  for (;;) {
    const end = rest.indexOf('\n\n');
    if (end < 0) return rest;
    const event = rest.slice(0, end);
    rest = rest.slice(end + 2);
    const data = event
      .split('\n')
      .filter((line) => line.startsWith('data: '))
      .map((line) => line.slice(6))
      .join('\n');
    if (/^event: next$/m.test(event) && data) take(data);
  }
}
