// The cmdlet table: every cmdlet the command line and the console know, in one list.

import type {CmdletSpec} from './types.js';
import {activeServerCmdlets} from './active-server-cmdlets.js';
import {databaseStepCmdlet} from './database-step-cmdlet.js';
import {configurationCmdlets} from './configuration-cmdlets.js';
import {complianceCmdlets} from './compliance-cmdlets.js';
import {complianceCaptureCmdlet} from './compliance-capture-cmdlet.js';
import {endpointCmdlets} from './endpoint-cmdlets.js';
import {policyCmdlets} from './policy-cmdlets.js';
import {principalCmdlets} from './principal-cmdlets.js';
import {topologyViewCmdlets} from './topology-view-cmdlets.js';
import {storeCmdlets} from './store-cmdlets.js';
import {getDrillCmdlet} from './drill-cmdlet.js';
import {categoryCmdlets} from './category-cmdlets.js';
import {roomCmdlets} from './room-cmdlets.js';
import {addinCmdlets} from './addin-cmdlets.js';
import {messageCmdlets} from './message-cmdlets.js';
import {exportDataCmdlet} from './export-data-cmdlet.js';
import {importDataCmdlet} from './import-data-cmdlet.js';

export const catalog: readonly CmdletSpec[] = [
  ...activeServerCmdlets,
  databaseStepCmdlet,
  ...configurationCmdlets,
  ...complianceCmdlets,
  complianceCaptureCmdlet,
  ...endpointCmdlets,
  ...policyCmdlets,
  ...principalCmdlets,
  ...topologyViewCmdlets,
  ...categoryCmdlets,
  ...roomCmdlets,
  ...addinCmdlets,
  ...messageCmdlets,
  exportDataCmdlet,
  importDataCmdlet,
  ...storeCmdlets,
  getDrillCmdlet,
];

const byName = new Map(catalog.map((c) => [c.name.toLowerCase(), c]));

export const findCmdlet = (name: string): CmdletSpec | undefined => byName.get(name.toLowerCase());
