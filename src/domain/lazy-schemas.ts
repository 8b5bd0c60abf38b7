// Zod schemas built at their first use instead of as their module loads. `pchat exec` loads every
// module of the program as it starts, and building the store's and the export archive's schemas was
// some 10 ms of a Get that parses none of them (issue 12, P1).

import {z} from 'zod';

/**
 * Schemas that `build` makes together (they share parts), each handed out as a z.lazy: `build` runs
 * once, when the first of them first parses, and each parses exactly as the schema it stands for.
 * A named `build` shows in profiles and coverage (test/cli/exec-imports.test.ts: a Get runs none).
 */
export function lazySchemas<T extends object>(
  build: () => T,
): <S extends z.ZodType>(pick: (schemas: T) => S) => z.ZodLazy<S> {
  let built: T | undefined;
  return (pick) => z.lazy(() => pick((built ??= build())));
}
