import type {CmdletSpec} from './types.js';

export const categoryCmdlets: readonly CmdletSpec[] = [];
