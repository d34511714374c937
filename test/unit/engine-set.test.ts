// Finding a container across engines: engine/name addressing, a search of every engine, ambiguity and failures.
import { describe, expect, it } from 'vitest';
import type { DockerClient } from '../../src/docker/client.js';
import { EngineSet } from '../../src/docker/engine-set.js';
import { BadRequestError, UnavailableError } from '../../src/docker/errors.js';

/** Engines known only by name: locate() never calls a verb itself, only the lookup it is given. */
const engine = (name: string, callTimeoutMs = 1_000) =>
  ({ name, settings: { callTimeoutMs }, close: async () => undefined }) as unknown as DockerClient;
const set = new EngineSet([engine('a'), engine('b'), engine('c')]);
const asked: string[] = [];
const on =
  (has: Record<string, string[]>, failing: string[] = []) =>
  async (e: DockerClient, ref: string) => {
    asked.push(`${e.name}:${ref}`);
    if (failing.includes(e.name)) throw new UnavailableError(`${e.name} is down`);
    return has[e.name]?.includes(ref) ? `${e.name}/${ref}` : null;
  };

describe('locating a container', () => {
  it('asks only the named engine for engine/name', async () => {
    asked.length = 0;
    const found = await set.locate('b/web', on({ a: ['web'], b: ['web'] }));
    expect(found?.found).toBe('b/web');
    expect(asked).toEqual(['b:web']);
  });

  it('searches every engine for a bare name, and finds the one that has it', async () => {
    asked.length = 0;
    const found = await set.locate('web', on({ c: ['web'] }));
    expect(found?.engine.name).toBe('c');
    expect(asked.sort()).toEqual(['a:web', 'b:web', 'c:web']);
  });

  it('refuses a bare name found on several engines, naming them', async () => {
    await expect(set.locate('web', on({ a: ['web'], c: ['web'] }))).rejects.toThrow(BadRequestError);
    await expect(set.locate('web', on({ a: ['web'], c: ['web'] }))).rejects.toThrow(/several engines \(a, c\).*a\/web/);
  });

  it('finds it on a reachable engine although another is down', async () => {
    expect((await set.locate('web', on({ b: ['web'] }, ['a'])))?.engine.name).toBe('b');
  });

  it('is the failure of an engine that could not be asked when no other has it', async () => {
    await expect(set.locate('web', on({}, ['c']))).rejects.toThrow('c is down');
  });

  it('is null when no engine has it, and NOT_FOUND from locateOrFail', async () => {
    expect(await set.locate('web', on({}))).toBeNull();
    await expect(set.locateOrFail('web', on({}))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an unknown engine in a reference, naming the configured ones', async () => {
    await expect(set.locate('z/web', on({}))).rejects.toThrow('No engine is named "z"; the engines are a, b, c');
  });

  it('with one engine, asks it alone, as before there could be several', async () => {
    asked.length = 0;
    const single = new EngineSet([engine('local')]);
    expect((await single.locate('web', on({ local: ['web'] })))?.found).toBe('local/web');
    expect(asked).toEqual(['local:web']);
  });
});

describe('choosing engines', () => {
  it('selects every engine without a name, and the named one with', () => {
    expect(set.select(undefined).map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(set.select('b').map((e) => e.name)).toEqual(['b']);
    expect(() => set.select('z')).toThrow(BadRequestError);
  });

  it('settles every engine, answers and failures apart', async () => {
    const { answers, misses } = await set.settle(set.all, async (e) => {
      if (e.name === 'b') throw new UnavailableError('down');
      return e.name.toUpperCase();
    });
    expect(answers.map((a) => [a.engine.name, a.value])).toEqual([
      ['a', 'A'],
      ['c', 'C'],
    ]);
    expect(misses.map((m) => m.engine.name)).toEqual(['b']);
  });

  it('counts an engine that does not answer within its call timeout as down, and waits no longer for it', async () => {
    const slow = new EngineSet([engine('quick'), engine('hole', 50)]);
    const started = performance.now();
    const { answers, misses } = await slow.settle(slow.all, (e) =>
      e.name === 'hole' ? new Promise<string>(() => undefined) : Promise.resolve('ok'),
    );
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(answers.map((a) => a.engine.name)).toEqual(['quick']);
    expect(misses[0]?.error).toMatchObject({
      code: 'DOCKER_UNAVAILABLE',
      engine: 'hole',
      message: 'The Docker engine did not answer within 50 ms',
    });
  });
});
