import type {CmdletSpec} from './types.js';

export const messageCmdlets: readonly CmdletSpec[] = [];
