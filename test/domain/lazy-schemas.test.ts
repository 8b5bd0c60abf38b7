import {describe, expect, it} from 'vitest';
import {z} from 'zod';
import {lazySchemas} from '../../src/domain/lazy-schemas.js';

describe('lazySchemas', () => {
  it('builds the schemas at the first parse of any of them, and once', () => {
    let builds = 0;
    const schema = lazySchemas(() => {
      builds += 1;
      const name = z.string().min(1);
      return {room: z.strictObject({name}), names: z.array(name)};
    });
    const room = schema((s) => s.room);
    const names = schema((s) => s.names);
    expect(builds).toBe(0);
    expect(room.parse({name: 'Sales'})).toEqual({name: 'Sales'});
    expect(names.safeParse(['a', '']).success).toBe(false);
    expect(room.safeParse({name: 'Sales', extra: 1}).success).toBe(false);
    expect(builds).toBe(1);
  });

  it('reports the issues the schema it stands for reports', () => {
    const direct = z.strictObject({id: z.string(), rev: z.number().int()});
    const lazy = lazySchemas(() => ({item: direct}))((s) => s.item);
    const bad = {id: 1, rev: 1.5, other: true};
    expect(lazy.safeParse(bad).error?.issues).toEqual(direct.safeParse(bad).error?.issues);
  });
});
