import type {CmdletSpec} from './types.js';

export const endpointCmdlets: readonly CmdletSpec[] = [];
