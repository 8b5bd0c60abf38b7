// The console's panes, in Tab order. Digits 1-9 jump to the first nine; the rest are reached by
// Tab, by `@` (activity) or by name in command mode.

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
};

export const isPaneId = (value: string): value is PaneId => (PANE_IDS as readonly string[]).includes(value);
