import type {CmdletSpec} from './types.js';

export const addinCmdlets: readonly CmdletSpec[] = [];
