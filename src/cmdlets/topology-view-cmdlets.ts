import type {CmdletSpec} from './types.js';

export const topologyViewCmdlets: readonly CmdletSpec[] = [];
