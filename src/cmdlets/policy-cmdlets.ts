import type {CmdletSpec} from './types.js';

export const policyCmdlets: readonly CmdletSpec[] = [];
