// Drills: the failover, failback and swap drills run on this store, newest first, with their
// timings; the detail has every step with the command line it ran.

import type {DetailSection, DrillRow, DrillStepRow, PaneSpec, Row} from './pane.js';

const NOT_ENDED = '-';

const stepSection = (drill: DrillRow, step: DrillStepRow, index: number): DetailSection => ({
  title: `Step ${index + 1} of ${drill.steps.length} (${drill.procedure} step ${step.number}): ${step.title}`,
  lines: [
    {label: 'Outcome', value: step.outcome},
    {label: 'Seconds', value: step.seconds || NOT_ENDED},
    {label: 'Command', value: step.line},
    ...step.warnings.map((w) => ({label: 'Warning', value: w})),
    ...(step.error ? [{label: 'Error', value: step.error}] : []),
  ],
});

export const drillsPane: PaneSpec = {
  id: 'drills',
  title: 'Drills',
  noun: 'drill',
  columns: [
    {key: 'started', title: 'Started (UTC)', min: 16, priority: 1},
    {key: 'procedure', title: 'Procedure', min: 8, priority: 1},
    {key: 'pool', title: 'Pool', min: 10, priority: 3, flex: true},
    {key: 'mode', title: 'Mode', min: 9, priority: 2},
    {key: 'operator', title: 'Operator', min: 8, priority: 4},
    {key: 'outcome', title: 'Outcome', min: 7, priority: 1},
    {key: 'seconds', title: 'Secs', min: 4, priority: 1, align: 'right'},
    {key: 'steps', title: 'Steps', min: 5, priority: 2, align: 'right'},
  ],
  toRows: ({drills}) =>
    [...drills].reverse().map((d): Row => ({
      id: d.identity,
      cells: {
        started: d.startedAt.replace('T', ' ').slice(0, 16),
        procedure: d.procedure,
        pool: d.pool,
        mode: d.mode,
        operator: d.operator,
        outcome: d.outcome,
        seconds: d.seconds || NOT_ENDED,
        steps: `${d.done}/${d.steps.length}`,
      },
      dim: d.outcome === 'abandoned',
      flag: d.outcome === 'failed' ? 'failed' : undefined,
    })),
  detail: ({drills}, id) => {
    const d = drills.find((e) => e.identity === id);
    if (!d) return null;
    return [
      {
        title: `Drill ${d.identity}`,
        lines: [
          {label: 'Procedure', value: d.procedure},
          {label: 'Pool', value: d.pool},
          {label: 'Mode', value: d.mode},
          {label: 'Faults', value: d.faults || 'none'},
          {label: 'Operator', value: d.operator},
          {label: 'Started', value: d.startedAt},
          {label: 'Ended', value: d.endedAt || NOT_ENDED},
          {label: 'Outcome', value: d.outcome},
          {label: 'Seconds', value: d.seconds || NOT_ENDED},
          {label: 'Steps done', value: `${d.done} of ${d.steps.length}`},
        ],
      },
      ...d.steps.map((s, i) => stepSection(d, s, i)),
    ];
  },
  empty: 'No drills yet — run pchat drill failover|failback|swap; each drill is listed here.',
};
