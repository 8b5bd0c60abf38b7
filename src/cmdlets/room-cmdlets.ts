import type {CmdletSpec} from './types.js';

export const roomCmdlets: readonly CmdletSpec[] = [];
