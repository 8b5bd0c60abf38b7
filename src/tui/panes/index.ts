// The pane table, in Tab order.

import {activityPane} from './activity-pane.js';
import {addinsPane} from './addins-pane.js';
import {categoriesPane} from './categories-pane.js';
import {compliancePane} from './compliance-pane.js';
import {configurationPane} from './configuration-pane.js';
import {drillsPane} from './drills-pane.js';
import {endpointsPane} from './endpoints-pane.js';
import type {PaneId} from './pane-id.js';
import type {PaneSpec} from './pane.js';
import {policiesPane} from './policies-pane.js';
import {poolsPane} from './pools-pane.js';
import {principalsPane} from './principals-pane.js';
import {roomsPane} from './rooms-pane.js';
import {serversPane} from './servers-pane.js';

export const PANES: Readonly<Record<PaneId, PaneSpec>> = {
  pools: poolsPane,
  servers: serversPane,
  rooms: roomsPane,
  categories: categoriesPane,
  policies: policiesPane,
  addins: addinsPane,
  compliance: compliancePane,
  configuration: configurationPane,
  endpoints: endpointsPane,
  principals: principalsPane,
  activity: activityPane,
  drills: drillsPane,
};
