// Kept by hand beside package.json's version: reading package.json at start costs a file read on every exec.
export const VERSION = '0.1.0';
