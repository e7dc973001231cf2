import { createZoo, MixzooError } from 'mixzoo';
import { describe, expect, it } from 'vitest';

describe('createZoo options', () => {
  it.each([
    ['null', null, 'createZoo: options must be an object { seed, backend, plugins } (all optional), got null.'],
    ['an array', [], 'createZoo: options must be an object { seed, backend, plugins } (all optional), got [].'],
    ['a typo', { sede: 1 }, "createZoo: unknown option 'sede'. Did you mean 'seed'? Known: seed, backend, plugins."],
    ['an unknown key', { workers: 2 }, "createZoo: unknown option 'workers'. Known: seed, backend, plugins."],
  ])('refuses %s with E_OPTION', async (_, options, message) => {
    const error = await createZoo(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MixzooError);
    expect(error).toMatchObject({ code: 'E_OPTION', message });
  });

  it('takes no options, or known ones', async () => {
    expect((await createZoo()).seed).toBe(0);
    expect((await createZoo({ seed: 3, backend: 'cpu', plugins: [] })).seed).toBe(3);
  });
});
