import {afterEach, describe, expect, it} from 'vitest';
import yoga, {yogaReady} from '../../src/tui/yoga-script.js';

const nodeFetch = globalThis.fetch;
afterEach(() => {
  globalThis.fetch = nodeFetch;
});

describe("the console script's Yoga", () => {
  it('is empty until yogaReady, then lays out as Yoga does, loaded without fetch and with fetch put back', async () => {
    expect(Object.keys(yoga)).toEqual([]);
    const calls: unknown[] = [];
    const watched: typeof fetch = (...args) => {
      calls.push(args);
      return nodeFetch(...args);
    };
    globalThis.fetch = watched;
    await yogaReady();
    expect(calls.length).toBe(0);
    expect(globalThis.fetch).toBe(watched);
    const node = yoga.Node.create();
    node.setWidth(40);
    node.setFlexDirection(yoga.FLEX_DIRECTION_ROW);
    const child = yoga.Node.create();
    child.setFlexGrow(1);
    node.insertChild(child, 0);
    node.calculateLayout(undefined, undefined, yoga.DIRECTION_LTR);
    expect(child.getComputedWidth()).toBe(40);
    node.freeRecursive();
  });

  it('is loaded once however often it is awaited', async () => {
    await yogaReady();
    const loaded = yoga.Node;
    await Promise.all([yogaReady(), yogaReady()]);
    expect(yoga.Node).toBe(loaded);
  });
});
