import type {CmdletSpec} from './types.js';

export const activeServerCmdlets: readonly CmdletSpec[] = [];
