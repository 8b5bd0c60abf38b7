// Activity: the audit log, newest first (time, operator, where it came from, command, targets, outcome).

import type {PaneSpec, Row} from './pane.js';

export const activityPane: PaneSpec = {
  id: 'activity',
  title: 'Activity',
  noun: 'entry',
  columns: [
    {key: 'time', title: 'Time (UTC)', min: 19, priority: 1},
    {key: 'operator', title: 'Operator', min: 8, priority: 2},
    {key: 'role', title: 'Role', min: 6, priority: 4},
    {key: 'via', title: 'Via', min: 7, priority: 5},
    {key: 'command', title: 'Command', min: 16, priority: 1, flex: true},
    {key: 'targets', title: 'Targets', min: 8, priority: 3},
    {key: 'result', title: 'Result', min: 7, priority: 1},
  ],
  toRows: ({audit}) =>
    [...audit].reverse().map((a): Row => ({
      id: String(a.seq),
      cells: {
        time: a.time.replace('T', ' ').slice(0, 19),
        operator: a.operator,
        role: a.role,
        via: a.via,
        command: a.command,
        targets: a.targets,
        result: a.result,
      },
      flag: a.result === 'Success' ? undefined : a.result,
    })),
  detail: ({audit}, id) => {
    const a = audit.find((e) => String(e.seq) === id);
    if (!a) return null;
    return [
      {
        title: `Audit entry ${a.seq}`,
        lines: [
          {label: 'Time', value: a.time},
          {label: 'Operator', value: a.operator},
          {label: 'Role', value: a.role},
          {label: 'Command', value: a.command},
          {label: 'Targets', value: a.targets},
          {label: 'Result', value: a.result},
          {label: 'Warnings', value: a.warnings},
          {label: 'Via', value: a.via},
        ],
      },
    ];
  },
  empty: 'No changes recorded yet — every change made here or with pchat exec appears in this log.',
};
