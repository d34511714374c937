// Query.containers and Query.container against a real engine, checked against what the engine itself lists.
import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../src/docker/types.js';
import { graphql } from './gql/index.js';
import { createTestContainer, removeContainer } from './helpers/engine-api.js';
import { gqlData, gatewayForFile } from './helpers/gateway.js';

const { engine, gateway } = gatewayForFile();

const ListContainers = graphql(`
  query ListContainers($all: Boolean, $filters: ContainerFilters) {
    containers(all: $all, filters: $filters) {
      id
      shortId
      name
      names
      image
      imageId
      command
      createdAt
      state
      status
      labels { key value }
    }
  }
`);

const ContainerByRef = graphql(`
  query ContainerByRef($id: String!) {
    container(id: $id) { id name state }
  }
`);

describe('containers', () => {
  it('lists a stopped container only with all: true, with the fields the engine lists', async () => {
    const { id, name } = await createTestContainer(engine, { cmd: ['true'], start: false, labels: { tier: 'web' } });
    try {
      const running = await gqlData(gateway.url, ListContainers, { all: false });
      expect(running.containers.map((c) => c.id)).not.toContain(id);

      const all = await gqlData(gateway.url, ListContainers, { all: true });
      const listed = all.containers.find((c) => c.id === id);
      const [summary] = await engine.json<ContainerSummary[]>(
        'GET',
        `/containers/json?all=1&filters=${encodeURIComponent(JSON.stringify({ id: [id] }))}`,
      );
      expect(listed).toEqual({
        id: summary!.Id,
        shortId: summary!.Id.slice(0, 12),
        name,
        names: summary!.Names.map((n) => n.replace(/^\//, '')),
        image: summary!.Image,
        imageId: summary!.ImageID,
        command: summary!.Command,
        createdAt: new Date(summary!.Created * 1000).toISOString().replace('.000Z', 'Z'),
        state: 'CREATED',
        status: summary!.Status,
        labels: [
          { key: 'tier', value: 'web' },
          { key: 'wharf.test', value: '1' },
        ],
      });
    } finally {
      await removeContainer(engine, id);
    }
  });
});

describe('container', () => {
  it('finds a container by full id, unique prefix, name and /name', async () => {
    const { id, name } = await createTestContainer(engine, { cmd: ['true'], start: false });
    try {
      for (const ref of [id, id.slice(0, 16), name, `/${name}`]) {
        const data = await gqlData(gateway.url, ContainerByRef, { id: ref });
        expect(data.container).toEqual({ id, name, state: 'CREATED' });
      }
    } finally {
      await removeContainer(engine, id);
    }
  });

  it('answers null when nothing matches', async () => {
    const data = await gqlData(gateway.url, ContainerByRef, { id: 'wharf-no-such-container' });
    expect(data.container).toBeNull();
  });
});
