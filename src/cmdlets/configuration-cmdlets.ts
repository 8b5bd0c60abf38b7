import type {CmdletSpec} from './types.js';

export const configurationCmdlets: readonly CmdletSpec[] = [];
