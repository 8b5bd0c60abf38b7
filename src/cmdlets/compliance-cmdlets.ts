import type {CmdletSpec} from './types.js';

export const complianceCmdlets: readonly CmdletSpec[] = [];
