// The bound on one JSON answer of the engine: checked as the body is read, the body destroyed past it, the error saying what to ask instead.
import { afterEach, describe, expect, it } from 'vitest';
import { AnswerTooLargeError } from '../../src/docker/errors.js';
import { consumed, mockEngine, type MockEngine } from './helpers/mock-engine.js';

let mock: MockEngine;
afterEach(async () => {
  await mock.close();
});

const LIST = { path: '/v1.41/containers/json', method: 'GET' };
const INSPECT = { path: '/v1.41/containers/c1/json', method: 'GET' };
const listOf = (count: number) =>
  JSON.stringify(Array.from({ length: count }, (_, i) => ({ Id: `${i}`.padStart(64, '0'), Names: [`/c${i}`] })));

describe('a JSON answer and its bound', () => {
  it('reads an answer under the bound', async () => {
    mock = mockEngine({}, { maxAnswerBytes: 10_000 });
    mock.engine.intercept(LIST).reply(200, listOf(10));
    await expect(mock.client.containers.list({})).resolves.toHaveLength(10);
  });

  it('refuses an answer over the bound with BAD_USER_INPUT, naming limit and filters for a listing', async () => {
    mock = mockEngine({}, { maxAnswerBytes: 1_000 });
    mock.engine.intercept(LIST).reply(200, listOf(100));
    const listing = mock.client.containers.list({});
    await expect(listing).rejects.toBeInstanceOf(AnswerTooLargeError);
    await expect(listing).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
    await expect(listing).rejects.toThrow(/GET \/containers\/json is larger than one answer may be \(1000 bytes.*limit or filters/);
  });

  it('refuses on the declared Content-Length, before reading the body', async () => {
    mock = mockEngine({}, { maxAnswerBytes: 1_000 });
    const body = listOf(100);
    mock.engine.intercept(INSPECT).reply(200, body, { headers: { 'content-length': String(Buffer.byteLength(body)) } });
    await expect(mock.client.containers.inspect('c1')).rejects.toThrow(/GET \/containers\/\{id\}\/json is larger/);
  });

  it('destroys the body past the bound', async () => {
    mock = mockEngine({}, { maxAnswerBytes: 1_000 });
    mock.engine.intercept(LIST).reply(200, listOf(100));
    await mock.client.containers.list({}).catch(() => undefined);
    expect(consumed(mock.sent[0]?.response)).toBe(true);
  });
});
