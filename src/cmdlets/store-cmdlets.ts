import type {CmdletSpec} from './types.js';

export const storeCmdlets: readonly CmdletSpec[] = [];
