// Ink's `yoga-layout` loads its WebAssembly with a top-level await, so in the ES module bundle Yoga is
// ready once Ink is imported. The console script (scripts/bundle.js) resolves this module and Ink's
// `yoga-layout` to yoga-script.ts instead, whose Yoga is filled by its own yogaReady.

export async function yogaReady(): Promise<void> {}
