// The route table: every HTTP route with the authentication it requires, and the dispatcher's checks in their order.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { STRICT_CREATE_POLICY } from '../src/schema/create-policy.js';
import { createToken } from '../src/server/auth/tokens.js';
import { startGateway, type TestGateway } from './helpers/gateway.js';

const viewer = createToken('routes-viewer', 'viewer');
const admin = createToken('routes-admin', 'admin');
let gateway: TestGateway;

beforeAll(async () => {
  gateway = await startGateway(inject('dockerHost'), {
    access: { mode: 'token', tokens: [viewer.entry, admin.entry], createPolicy: STRICT_CREATE_POLICY },
  });
});
afterAll(() => gateway.close());

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the route table', () => {
  it('lists every route, in the order they are matched, with the authentication it requires', () => {
    const listed = gateway.app.routes.map((route) => ({
      name: route.name,
      methods: [...route.methods],
      path: String(route.path),
      auth: route.auth,
    }));
    const every = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
    expect(listed).toEqual([
      { name: 'health', methods: every, path: '/healthz', auth: 'none' },
      { name: 'readiness', methods: every, path: '/readyz', auth: 'none' },
      { name: 'dashboard', methods: ['GET', 'HEAD'], path: String(/^(\/|\/dashboard\.js|\/dashboard\.css|\/favicon\.svg)$/), auth: 'none' },
      { name: 'graphiql', methods: ['GET'], path: '/graphql', auth: 'none' },
      { name: 'cors-preflight', methods: ['OPTIONS'], path: '/graphql', auth: 'none' },
      { name: 'metrics', methods: ['GET', 'HEAD'], path: '/metrics', auth: 'caller' },
      { name: 'export', methods: ['GET', 'HEAD'], path: String(/^\/containers\/((?:[^/]+\/)?[^/]+)\/export$/), auth: 'admin' },
      { name: 'build', methods: ['POST'], path: '/images/build', auth: 'admin' },
      { name: 'graphql', methods: ['GET', 'POST'], path: '/graphql', auth: 'caller' },
      { name: 'other', methods: every, path: '*', auth: 'caller' },
    ]);
  });
});

describe('the dispatcher', () => {
  it.each([
    ['/metrics', 'GET'],
    ['/containers/x/export', 'GET'],
    ['/graphql', 'POST'],
    ['/no-such-route', 'GET'],
  ])('answers %s without a token with 401 and a Bearer challenge', async (path, method) => {
    const answer = await fetch(`${gateway.origin}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      ...(method === 'POST' ? { body: '{"query":"{__typename}"}' } : {}),
    });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toBe('Bearer');
    expect((await answer.json()).errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it.each(['/healthz', '/', '/favicon.svg'])('answers %s without a token', async (path) => {
    const answer = await fetch(`${gateway.origin}${path}`);
    expect(answer.status).toBe(200);
  });

  it('refuses an admin route to a viewer with 403, naming what the role may not do', async () => {
    const answer = await fetch(`${gateway.origin}/containers/x/export`, { headers: bearer(viewer.token) });
    expect(answer.status).toBe(403);
    const body = await answer.json();
    expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0].message).toBe("The role viewer may not export a container's filesystem");
  });

  it("hands an admin route's request to its handler for an admin", async () => {
    const answer = await fetch(`${gateway.origin}/containers/wharf-no-such-container/export`, { headers: bearer(admin.token) });
    expect(answer.status).toBe(404);
    expect((await answer.json()).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('checks the method after authentication: 401 without a token, 405 with one', async () => {
    const anonymous = await fetch(`${gateway.origin}/metrics`, { method: 'DELETE' });
    expect(anonymous.status).toBe(401);
    const authenticated = await fetch(`${gateway.origin}/metrics`, { method: 'DELETE', headers: bearer(viewer.token) });
    expect(authenticated.status).toBe(405);
    expect(authenticated.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(['HEAD', 'PUT', 'DELETE'])(
    'answers %s /graphql with the strictest authentication of its routes: 401 without a token, then 405 naming every method of the path',
    async (method) => {
      const anonymous = await fetch(gateway.url, { method });
      expect(anonymous.status).toBe(401);
      const authenticated = await fetch(gateway.url, { method, headers: bearer(viewer.token) });
      expect(authenticated.status).toBe(405);
      expect(authenticated.headers.get('allow')).toBe('OPTIONS, GET, POST');
    },
  );

  it('refuses a page from a foreign origin before authentication', async () => {
    const answer = await fetch(`${gateway.origin}/metrics`, { headers: { origin: 'https://elsewhere.example', ...bearer(viewer.token) } });
    expect(answer.status).toBe(403);
  });

  it('answers the probes whatever the origin', async () => {
    const answer = await fetch(`${gateway.origin}/healthz`, { headers: { origin: 'https://elsewhere.example' } });
    expect(answer.status).toBe(200);
  });

  it("gives every answer a request id, the client's own when it is a plain token", async () => {
    const answer = await fetch(`${gateway.origin}/healthz`, { headers: { 'x-request-id': 'trace-42' } });
    expect(answer.headers.get('x-request-id')).toBe('trace-42');
  });
});
