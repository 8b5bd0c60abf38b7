// Set from package.json's version when the code is built (scripts/bundle.js) or tested (vitest.config.ts),
// so `pchat --version` reads no file at start.
declare const PCHAT_VERSION: string;

export const VERSION: string = PCHAT_VERSION;
