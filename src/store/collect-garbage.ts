// A full collection now, asked for by the transfers before they take their memory. Opening L leaves
// state.json's bytes (31 MiB) and the text decoded from them (33 MiB) as garbage outside V8's heap,
// which only full collections free; in a process busy with nothing else V8 ran none after the
// state's parse, so that garbage stayed through a whole export and made its peak of memory, and a
// transfer's own garbage (107 MB of heap at the end of a pool's import of L, 46 MB after the next
// collection) was still held when the next opening of the store read L's state (README P6).
// The collector is exposed from the code, so a `pchat exec` typed in a shell gets the collection as
// the console's transfer child does; V8 takes `--expose-gc` after start-up for contexts made after it,
// which is where `gc` is read from (a test of the language's evaluator does the same).

let collect: (() => void) | null = null;

/** Runs a full collection of the process's heap (a blocking pause: about 100 ms after opening L). */
export function collectGarbage(): void {
  if (collect === null) {
    // Loaded here, not as the module loads: node:v8 brings a dozen more modules into every start of
    // `pchat exec`, which loads this module whether it collects or not.
    process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc');
    collect = process.getBuiltinModule('node:vm').runInNewContext('gc') as () => void;
  }
  collect();
}
