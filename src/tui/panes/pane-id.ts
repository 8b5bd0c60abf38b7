// The console's panes, in Tab order, each with the key that shows it: digits 1-9 for the first
// nine, 0 for Principals, @ for Activity (the audit log, as in lazygit) and % for Drills: a symbol,
// like @, that no pane, list or wizard binds and no letter operators override keys with.

export const PANE_IDS = [
  'pools',
  'servers',
  'rooms',
  'categories',
  'policies',
  'addins',
  'compliance',
  'configuration',
  'endpoints',
  'principals',
  'activity',
  'drills',
] as const;

export type PaneId = (typeof PANE_IDS)[number];

export const PANE_TITLES: Readonly<Record<PaneId, string>> = {
  pools: 'Pools',
  servers: 'Active servers',
  rooms: 'Rooms',
  categories: 'Categories',
  policies: 'Policies',
  addins: 'Add-ins',
  compliance: 'Compliance',
  configuration: 'Configuration',
  endpoints: 'Endpoints',
  principals: 'Principals',
  activity: 'Activity',
  drills: 'Drills',
};

export const PANE_KEYS: Readonly<Record<PaneId, string>> = {
  pools: '1',
  servers: '2',
  rooms: '3',
  categories: '4',
  policies: '5',
  addins: '6',
  compliance: '7',
  configuration: '8',
  endpoints: '9',
  principals: '0',
  activity: '@',
  drills: '%',
};

export const isPaneId = (value: string): value is PaneId => (PANE_IDS as readonly string[]).includes(value);
