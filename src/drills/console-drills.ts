// The console's way to its store's drills (tui/session-port.ts ConsoleDrills): the wizard starts,
// runs and resumes the same drills as `pchat drill`, so the Drills pane and Get-PcDrill list both.

import type {DrillRecord} from '../domain/drills.js';
import type {ProcedureKind} from '../domain/procedures.js';
import type {StorePort} from '../store/port.js';
import {OpenDrill, unfinishedDrills} from './open-drill.js';

export interface ConsoleDrillsPort {
  unfinished(pool: string): DrillRecord | null;
  open(start: {
    procedure: ProcedureKind;
    pool: string;
    live: boolean;
    faults: readonly string[];
    resume: boolean;
    user: string;
    now: () => Date;
  }): Promise<OpenDrill>;
}

export const consoleDrills = (store: StorePort): ConsoleDrillsPort => ({
  unfinished: (pool) => unfinishedDrills(store, pool).at(-1) ?? null,
  open: (start) => OpenDrill.open(store, start),
});
