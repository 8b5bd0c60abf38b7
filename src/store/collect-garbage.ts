// A full collection asked for where the process allows one. An export of L starts with the garbage
// of the store's opening (state.json's 31 MiB of bytes and the 31 MiB text parsed from them, both
// outside the heap and freed only by full collections) and then takes its own large buffers; in a
// process busy with nothing else V8 ran no full collection after the state's parse, so that garbage
// stayed through the whole export and made its peak of memory (README P6). Only a process started
// with `--expose-gc` has the function: the console's export child is (EXPORT_NODE_FLAGS,
// transfer-process.ts); elsewhere, the console included, this does nothing.

/** Collects now when the process exposes the collector, else does nothing. */
export function collectIfExposed(): void {
  (globalThis as {gc?: () => void}).gc?.();
}
