import {describe, expect, it} from 'vitest';
import {MemoryStore} from '../../src/store/memory-store.js';
import {addPolicy, sampleState} from './fixtures.js';

describe("a memory store's ports", () => {
  // A line asks for them when planned and again when committed: made once, as the file store's are.
  it('are made once, and each member still reads the store as it is when called', async () => {
    const store = new MemoryStore(sampleState());
    const ports = store.ports();
    expect(store.ports()).toBe(ports);
    expect([...ports.audit.scan({})]).toEqual([]);
    await store.commit((fresh) => ({plan: addPolicy(fresh, 'a'), result: null}));
    expect([...ports.audit.scan({})].map((e) => e.seq)).toEqual([1]);
  });
});
