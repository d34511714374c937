// Raw HTTP: bodies and framing no client library would send, written to a socket as they are.
import { connect } from 'node:net';

export interface RawCase {
  name: string;
  request: string | Buffer;
  /** Half-close after writing (the body never completes). */
  endEarly?: boolean;
  /** Not a GraphQL request: any answer under 500 will do. */
  notGraphQL?: boolean;
}

/** Every raw request, sent as the viewer unless the case is about credentials. */
export function rawRequests(port: number, viewerToken: string): RawCase[] {
  const auth = `Authorization: Bearer ${viewerToken}\r\n`;
  const post = (body: string | Buffer, contentType: string | undefined, extraHeaders = '', length?: string): Buffer => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : body;
    const head =
      `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nAccept: application/json\r\n` +
      `${contentType !== undefined ? `Content-Type: ${contentType}\r\n` : ''}Content-Length: ${length ?? bytes.length}\r\n${extraHeaders}\r\n`;
    return Buffer.concat([Buffer.from(head), bytes]);
  };
  const get = (path: string, headers = 'x-wharf-csrf: 1\r\n') =>
    `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}${headers}Connection: close\r\nAccept: application/json\r\n\r\n`;
  const ok = '{"query":"{ engine { version } }"}';
  const deepJson = `{"query":"query($a: JSON) { __typename }","variables":{"a":${'['.repeat(200_000)}${']'.repeat(200_000)}}}`;
  return [
    { name: 'invalid JSON', request: post('{"query": "{ engine { version } }"', 'application/json') },
    { name: 'JSON array (batching is off)', request: post(`[${ok},${ok}]`, 'application/json') },
    { name: 'JSON string', request: post('"{ engine { version } }"', 'application/json') },
    { name: 'JSON number', request: post('123', 'application/json') },
    { name: 'JSON null', request: post('null', 'application/json') },
    { name: 'query: number', request: post('{"query":1}', 'application/json') },
    { name: 'variables: string', request: post('{"query":"{ __typename }","variables":"x"}', 'application/json') },
    { name: 'variables: array', request: post('{"query":"{ __typename }","variables":[1]}', 'application/json') },
    { name: 'operationName: object', request: post('{"query":"{ __typename }","operationName":{}}', 'application/json') },
    { name: 'extensions: string', request: post('{"query":"{ __typename }","extensions":"x"}', 'application/json') },
    { name: 'duplicate keys', request: post('{"query":"{ __typename }","query":"{ engine { version } }"}', 'application/json') },
    { name: 'BOM before JSON', request: post(`\ufeff${ok}`, 'application/json') },
    { name: 'binary body as JSON', request: post(Buffer.from([0xff, 0xfe, 0x00, 0x7b, 0x80, 0x81, 0xc3, 0x28]), 'application/json') },
    { name: 'deeply nested JSON variables', request: post(deepJson, 'application/json') },
    { name: 'text/plain', request: post(ok, 'text/plain') },
    { name: 'application/graphql', request: post('{ engine { version } }', 'application/graphql') },
    { name: 'form-urlencoded', request: post('query=%7B%20engine%20%7B%20version%20%7D%20%7D', 'application/x-www-form-urlencoded') },
    { name: 'form-urlencoded garbage', request: post('%%%=&&=%zz', 'application/x-www-form-urlencoded') },
    { name: 'multipart without boundary', request: post('--x\r\n\r\n', 'multipart/form-data') },
    {
      name: 'multipart with a bad body',
      request: post('--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{bad\r\n--x--\r\n', 'multipart/form-data; boundary=x'),
    },
    { name: 'application/xml', request: post('<query/>', 'application/xml') },
    { name: 'no content type', request: post(ok, undefined) },
    { name: 'JSON in UTF-16', request: post(Buffer.from(ok, 'utf16le'), 'application/json; charset=utf-16le') },
    { name: 'JSON with an unknown charset', request: post(ok, 'application/json; charset=klingon') },
    { name: 'empty body', request: post('', 'application/json') },
    {
      name: 'accept only XML',
      request: post(ok, 'application/json').toString().replace('Accept: application/json', 'Accept: application/xml'),
    },
    { name: 'Content-Length far beyond the limit', request: post(ok, 'application/json', '', '999999999') },
    {
      name: 'Content-Length larger than the body, body never completed',
      request: post(ok, 'application/json', '', '5000'),
      endEarly: true,
    },
    { name: 'Content-Length shorter than the body', request: post(`${ok}${ok}`, 'application/json', '', String(ok.length - 5)) },
    {
      name: 'chunked without Content-Length',
      request: `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n${ok.length.toString(16)}\r\n${ok}\r\n0\r\n\r\n`,
    },
    {
      name: 'PUT',
      request: `PUT /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\nContent-Type: application/json\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`,
    },
    { name: 'DELETE', request: `DELETE /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n${auth}Connection: close\r\n\r\n` },
    { name: 'GET without a query', request: get('/graphql') },
    { name: 'GET with a mutation', request: get(`/graphql?query=${encodeURIComponent('mutation { startContainer(id: "x") { id } }')}`) },
    {
      name: 'GET with bad variables',
      request: get(`/graphql?query=${encodeURIComponent('query($id: String!) { container(id: $id) { id } }')}&variables=%7Bnope`),
    },
    {
      name: 'GET with repeated parameters',
      request: get(`/graphql?query=${encodeURIComponent('{ __typename }')}&query=${encodeURIComponent('{ engine { version } }')}`),
    },
    { name: 'GET with bad percent-encoding', request: get('/graphql?query=%E0%A4%A') },
    { name: 'GET without the CSRF header', request: get(`/graphql?query=${encodeURIComponent('{ __typename }')}`, '') },
    { name: 'unknown path', request: get('/nope'), notGraphQL: true },
    { name: 'export of a bad percent-encoding (viewer)', request: get('/containers/%E0%A4%A/export') },
    {
      name: 'no credentials',
      request: `POST /graphql HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: ${ok.length}\r\n\r\n${ok}`,
    },
  ];
}

export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends bytes as they are and reads the first response; undefined when the server closes without one. */
export function sendRaw(port: number, raw: RawCase): Promise<RawAnswer | undefined> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to "${raw.name}" in 5 s`));
    }, 5_000);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseRawResponse(Buffer.concat(chunks)));
    });
    socket.write(raw.request, () => {
      if (raw.endEarly) socket.end();
    });
  });
}

function parseRawResponse(data: Buffer): RawAnswer | undefined {
  const text = data.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return undefined;
  const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
  const status = Number(statusLine.split(' ')[1]);
  const headers: Record<string, string> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = text.slice(split + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    let out = '';
    let rest = body;
    for (;;) {
      const eol = rest.indexOf('\r\n');
      if (eol < 0) break;
      const size = parseInt(rest.slice(0, eol), 16);
      if (!size) break;
      out += rest.slice(eol + 2, eol + 2 + size);
      rest = rest.slice(eol + 2 + size + 2);
    }
    body = out;
  } else if (headers['content-length'] !== undefined) {
    body = Buffer.from(body).subarray(0, Number(headers['content-length'])).toString('utf8');
  }
  // Only the first response: bytes past a short Content-Length make a second, garbage request.
  return { status, headers, body };
}
