// Query.images and Query.image against what the engine itself answers, and tag, remove (in use, forced) and prune on a real engine.
import { afterAll, describe, expect, inject, it } from 'vitest';
import { startPrivateEngine, TEST_IMAGE } from '../scripts/engine.js';
import type { ImageHistoryWire, ImageInspectWire, ImageSummaryWire } from '../src/docker/types.js';
import { issueTokens, outcomeCodes, runOperation } from './helpers/access.js';
import { createTestContainer, type RawEngine, rawEngine, removeContainer, uniqueName } from './helpers/engine-api.js';
import { startEnginesGateway } from './helpers/engines.js';
import { errorCodes, gatewayForFile, gql, gqlData, startGateway } from './helpers/gateway.js';
import { tarOf } from './helpers/tar.js';
import { graphql } from './gql/index.js';

const { engine, gateway, proxy } = gatewayForFile({ countingProxy: true, warm: true });

/** Image names this file made, removed at the end. */
const made: string[] = [];
afterAll(async () => {
  for (const name of made) await engine.request('DELETE', `/images/${name}?force=1`);
});

/** A one-file image imported under `name`: tiny, and this file's own, so removing it touches nothing else. */
async function importImage(on: RawEngine, name: string, content = uniqueName('content'), changes = ''): Promise<string> {
  const [repo, tag] = name.split(':') as [string, string];
  const change = changes ? `&changes=${encodeURIComponent(changes)}` : '';
  const res = await on.request(
    'POST',
    `/images/create?fromSrc=-&repo=${encodeURIComponent(repo)}&tag=${tag}${change}`,
    tarOf({ file: content }),
  );
  if (res.status !== 200) throw new Error(`import failed: ${res.status} ${res.body.toString()}`);
  const inspect = await on.json<ImageInspectWire>('GET', `/images/${name}/json`);
  return inspect.Id;
}

const ListImages = graphql(`
  query ListImages($all: Boolean, $filters: ImageFilters) {
    images(all: $all, filters: $filters) {
      id
      shortId
      repoTags
      repoDigests
      createdAt
      size
      labels { key value }
      engine { name }
    }
  }
`);

const ImageByRef = graphql(`
  query ImageByRef($ref: String!) {
    image(ref: $ref) {
      id
      shortId
      repoTags
      createdAt
      size
      inspect
      history { id createdAt createdBy size tags comment }
      containers { id }
    }
  }
`);

const TagImage = graphql(`
  mutation TagImage($ref: String!, $repo: String!, $tag: String) {
    tagImage(ref: $ref, repo: $repo, tag: $tag) { id repoTags }
  }
`);

const RemoveImage = graphql(`
  mutation RemoveImage($ref: String!, $force: Boolean) {
    removeImage(ref: $ref, force: $force) { untagged deleted }
  }
`);

const PruneImages = graphql(`
  mutation PruneImages($dangling: Boolean, $engine: String) {
    pruneImages(dangling: $dangling, engine: $engine) { deleted spaceReclaimed }
  }
`);

const ImageEngine = graphql(`
  query ImageEngine($ref: String!, $engine: String) {
    image(ref: $ref, engine: $engine) { id engine { name } }
  }
`);

const EngineImages = graphql(`
  query EngineImages($engine: String, $filters: ImageFilters) {
    images(engine: $engine, filters: $filters) { id engine { name } }
  }
`);

const PullImage = graphql(`
  mutation PullImage($ref: String!) {
    pullImage(ref: $ref) { id }
  }
`);

const isoSeconds = (unix: number) => new Date(unix * 1000).toISOString().replace('.000Z', 'Z');

describe('image queries', () => {
  it('images lists what the engine lists, with filters', async () => {
    const filters = { reference: ['wharf-test/busybox'] };
    const [listed, own] = await Promise.all([
      gqlData(gateway.url, ListImages, { filters }),
      engine.json<ImageSummaryWire[]>('GET', `/images/json?filters=${encodeURIComponent(JSON.stringify(filters))}`),
    ]);
    expect(own.length).toBeGreaterThan(0);
    expect(listed.images).toEqual(
      own.map((image) => ({
        id: image.Id,
        shortId: image.Id.slice('sha256:'.length, 'sha256:'.length + 12),
        repoTags: image.RepoTags ?? [],
        repoDigests: image.RepoDigests ?? [],
        createdAt: isoSeconds(image.Created),
        size: image.Size,
        labels: Object.entries(image.Labels ?? {}).map(([key, value]) => ({ key, value })),
        engine: { name: 'local' },
      })),
    );
    expect(listed.images.flatMap((i) => i.repoTags)).toContain(TEST_IMAGE);

    const labelled = await gqlData(gateway.url, ListImages, { filters: { label: [`${uniqueName('no.such.label')}=1`] } });
    expect(labelled.images).toEqual([]);
    const all = await gqlData(gateway.url, ListImages, { all: true });
    expect(all.images.length).toBeGreaterThanOrEqual(own.length);
  });

  it('image by repo:tag, id and id prefix: inspect, history and containers as the engine has them; null when none', async () => {
    const container = await createTestContainer(engine, { cmd: ['true'], start: false });
    try {
      const [inspect, history] = await Promise.all([
        engine.json<ImageInspectWire>('GET', `/images/${TEST_IMAGE}/json`),
        engine.json<ImageHistoryWire[]>('GET', `/images/${TEST_IMAGE}/history`),
      ]);
      const [byName, byId, byPrefix, missing] = await Promise.all([
        gqlData(gateway.url, ImageByRef, { ref: TEST_IMAGE }),
        gqlData(gateway.url, ImageByRef, { ref: inspect.Id }),
        gqlData(gateway.url, ImageByRef, { ref: inspect.Id.slice(7, 19) }),
        gqlData(gateway.url, ImageByRef, { ref: 'wharf-test/no-such-image:1' }),
      ]);
      expect(missing.image).toBeNull();
      const image = byName.image!;
      expect(image.id).toBe(inspect.Id);
      expect(image.shortId).toBe(inspect.Id.slice(7, 19));
      expect(image.repoTags).toEqual(inspect.RepoTags);
      expect(image.size).toBe(inspect.Size);
      expect(Date.parse(image.createdAt)).toBe(Date.parse(inspect.Created));
      expect(image.inspect).toEqual(inspect);
      expect(image.history).toEqual(
        history.map((layer) => ({
          id: layer.Id === '<missing>' ? null : layer.Id,
          createdAt: isoSeconds(layer.Created),
          createdBy: layer.CreatedBy,
          size: layer.Size,
          tags: layer.Tags ?? [],
          comment: layer.Comment,
        })),
      );
      expect(image.containers.map((c) => c.id)).toContain(container.id);
      expect(byId.image?.id).toBe(inspect.Id);
      expect(byPrefix.image?.id).toBe(inspect.Id);
    } finally {
      await removeContainer(engine, container.id);
    }
  });
});

describe('image mutations', () => {
  it('tag, then remove the tag: the engine untags; an image in use is a CONFLICT without force', async () => {
    const repo = `wharf-test/${uniqueName('img')}`;
    const id = await importImage(engine, `${repo}:1`);
    made.push(`${repo}:1`, `${repo}:2`);
    const tagged = await gqlData(gateway.url, TagImage, { ref: `${repo}:1`, repo, tag: '2' });
    expect(tagged.tagImage).toEqual({ id, repoTags: expect.arrayContaining([`${repo}:1`, `${repo}:2`]) });
    expect((await engine.json<ImageInspectWire>('GET', `/images/${repo}:2/json`)).Id).toBe(id);

    const untagged = await gqlData(gateway.url, RemoveImage, { ref: `${repo}:2` });
    expect(untagged.removeImage).toEqual([{ untagged: `${repo}:2`, deleted: null }]);

    const container = await engine.json<{ Id: string }>('POST', '/containers/create', {
      Image: `${repo}:1`,
      Cmd: ['/file'],
      Labels: { 'wharf.test': '1' },
    });
    try {
      const refused = await gql(gateway.url, RemoveImage, { ref: `${repo}:1` });
      expect(errorCodes(refused)).toEqual(['CONFLICT']);
      expect((await engine.request('GET', `/images/${repo}:1/json`)).status).toBe(200);
      const forced = await gqlData(gateway.url, RemoveImage, { ref: `${repo}:1`, force: true });
      expect(forced.removeImage).toContainEqual({ untagged: `${repo}:1`, deleted: null });
      expect((await engine.request('GET', `/images/${repo}:1/json`)).status).toBe(404);
    } finally {
      await removeContainer(engine, container.Id);
    }
  });

  it('missing images and malformed references', async () => {
    proxy.reset();
    const [badPull, badTag, missingTag, missingRemove] = await Promise.all([
      gql(gateway.url, PullImage, { ref: 'Not A/Reference!' }),
      gql(gateway.url, TagImage, { ref: TEST_IMAGE, repo: 'UPPER/case' }),
      gql(gateway.url, TagImage, { ref: 'wharf-test/no-such-image:1', repo: `wharf-test/${uniqueName('img')}` }),
      gql(gateway.url, RemoveImage, { ref: 'wharf-test/no-such-image:1' }),
    ]);
    expect(errorCodes(badPull)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(badTag), JSON.stringify(badTag.errors)).toEqual(['BAD_USER_INPUT']);
    expect(errorCodes(missingTag)).toEqual(['NOT_FOUND']);
    expect(errorCodes(missingRemove)).toEqual(['NOT_FOUND']);
    // The malformed ones never reached the engine.
    expect(proxy.calls.map((c) => `${c.method} ${decodeURIComponent(c.path)}`).sort()).toEqual([
      'DELETE /images/wharf-test/no-such-image:1',
      'POST /images/wharf-test/no-such-image:1/tag',
    ]);
  });

  it('viewers read images; only admins change them', async () => {
    const tokens = issueTokens('images');
    const tokenGateway = await startGateway(inject('dockerHost'), { tokens: Object.values(tokens) });
    try {
      const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
      const [pull, read, tag, prune] = await Promise.all([
        runOperation(
          'graphql-ws',
          tokenGateway,
          'subscription { imagePull(ref: "wharf-test/busybox:latest") { status } }',
          {},
          `Bearer ${tokens.operator.token}`,
        ),
        gql(tokenGateway.url, ListImages, { filters: { reference: [TEST_IMAGE] } }, as(tokens.viewer.token)),
        gql(tokenGateway.url, TagImage, { ref: TEST_IMAGE, repo: 'wharf-test/viewer-tag' }, as(tokens.operator.token)),
        gql(tokenGateway.url, PruneImages, { dangling: false }, as(tokens.viewer.token)),
      ]);
      expect(read.data?.images.length).toBe(1);
      // The environment of an image is redacted for a viewer, as a container's is.
      const withEnv = `wharf-test/${uniqueName('env')}:1`;
      made.push(withEnv);
      await importImage(engine, withEnv, 'env', 'ENV WHARF_SECRET=hush');
      const envOf = async (token: string) => {
        const answer = await gql(tokenGateway.url, ImageByRef, { ref: withEnv }, as(token));
        return (answer.data?.image?.inspect as { Config?: { Env?: string[] } } | undefined)?.Config?.Env;
      };
      expect(await envOf(tokens.viewer.token)).toEqual(['WHARF_SECRET=***']);
      expect(await envOf(tokens.admin.token)).toEqual(['WHARF_SECRET=hush']);
      expect(errorCodes(tag)).toEqual(['FORBIDDEN']);
      expect(errorCodes(prune)).toEqual(['FORBIDDEN']);
      expect(outcomeCodes(pull)).toEqual(['FORBIDDEN']);
      expect((await engine.request('GET', '/images/wharf-test/viewer-tag/json')).status).toBe(404);
    } finally {
      await tokenGateway.close();
    }
  });
});

describe('pruneImages on a private engine, beside the shared one', () => {
  it('dangling only by default; every unused image with dangling: false; image() searches every engine', async () => {
    const privateEngine = await startPrivateEngine();
    const raw = rawEngine(privateEngine.socketPath);
    // The private engine first: a prune that missed its engine argument would still not touch the shared engine.
    const privateGateway = await startEnginesGateway([
      { name: 'private', dockerHost: privateEngine.dockerHost },
      { name: 'shared', dockerHost: inject('dockerHost') },
    ]);
    try {
      const first = await importImage(raw, 'wharf-test/prune:1', 'one');
      const second = await importImage(raw, 'wharf-test/prune:1', 'two');
      const kept = await importImage(raw, 'wharf-test/kept:1', 'three');
      const container = await raw.json<{ Id: string }>('POST', '/containers/create', { Image: 'wharf-test/kept:1', Cmd: ['/file'] });
      const dangling = await gqlData(privateGateway.url, EngineImages, { engine: 'private', filters: { dangling: true } });
      expect(dangling.images).toEqual([{ id: first, engine: { name: 'private' } }]);
      const sharedOnly = `wharf-test/${uniqueName('shared-only')}:1`;
      made.push(sharedOnly);
      const sharedId = await importImage(engine, sharedOnly);
      const [onBoth, onShared, onPrivate, notThere] = await Promise.all([
        gqlData(privateGateway.url, ImageEngine, { ref: TEST_IMAGE }),
        gqlData(privateGateway.url, ImageEngine, { ref: sharedOnly }),
        gqlData(privateGateway.url, ImageEngine, { ref: 'wharf-test/kept:1' }),
        gqlData(privateGateway.url, ImageEngine, { ref: sharedOnly, engine: 'private' }),
      ]);
      // Each engine is asked; where several have it, the first configured wins.
      expect(onBoth.image?.engine.name).toBe('private');
      expect(onShared.image).toEqual({ id: sharedId, engine: { name: 'shared' } });
      expect(onPrivate.image).toEqual({ id: kept, engine: { name: 'private' } });
      expect(notThere.image).toBeNull();

      const pruned = await gqlData(privateGateway.url, PruneImages, { engine: 'private' });
      // The engine lists the image's id and its layers' ids.
      expect(pruned.pruneImages.deleted).toContain(first);
      expect(pruned.pruneImages.deleted).not.toContain(second);
      expect(pruned.pruneImages.spaceReclaimed).toBeGreaterThanOrEqual(0);

      const all = await gqlData(privateGateway.url, PruneImages, { dangling: false, engine: 'private' });
      expect(all.pruneImages.deleted).toContain(second);
      expect(all.pruneImages.deleted).not.toContain(kept);
      const left = await raw.json<ImageSummaryWire[]>('GET', '/images/json');
      expect(left.map((i) => i.Id)).toEqual([kept]);
      expect(container.Id).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await privateGateway.close();
      await raw.close();
      await privateEngine.stop();
    }
  });
});
