import type {CmdletSpec} from './types.js';

export const principalCmdlets: readonly CmdletSpec[] = [];
