// The report of a drill as Markdown: what ran, each step's time, outcome, warnings and error, and
// the total. The JSON report is the Get-PcDrill object (cmdlets/drill-cmdlet.ts), so both agree.

import {
  drillSeconds,
  failedStep,
  secondsBetween,
  type DrillRecord,
  type DrillStep,
} from '../domain/drills.js';

const cell = (text: string): string => text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
const seconds = (value: number | null): string => (value === null ? '-' : `${value.toFixed(3)} s`);

export const drillHeadline = (drill: DrillRecord): string => {
  const failed = failedStep(drill);
  const position = failed ? drill.steps.indexOf(failed) + 1 : 0;
  switch (drill.outcome) {
    case 'succeeded':
      return `Every step succeeded in ${seconds(drillSeconds(drill))}.`;
    case 'failed':
      return `Step ${position} of ${drill.steps.length} failed: ${failed?.title ?? ''}. ${failed?.error?.message ?? ''}`.trim();
    case 'unfinished':
      return 'The drill is unfinished; run it again with --resume to continue.';
    case 'abandoned':
      return 'The drill was abandoned: a newer drill of the same pool and procedure replaced it.';
  }
};

/** An acknowledgement step runs no command: the operator confirmed SQL work done by hand. */
const commandCell = (step: DrillStep): string =>
  step.line === ''
    ? step.outcome === 'acknowledged'
      ? `SQL step, acknowledged at ${step.endedAt ?? '-'}`
      : 'SQL step, to acknowledge'
    : `\`${cell(step.line)}\``;

export const drillReportMarkdown = (drill: DrillRecord): string => {
  const faults = [...drill.faults.dataCenters, ...drill.faults.servers];
  const lines = [
    `# ${drill.mode === 'live' ? 'Live' : 'Rehearsed'} ${drill.procedure} of ${drill.pool}`,
    '',
    `- Drill: ${drill.id}`,
    `- Mode: ${drill.mode}${faults.length > 0 ? ` (down: ${faults.join(', ')})` : ''}`,
    `- Operator: ${drill.operator}`,
    `- Started: ${drill.startedAt}`,
    `- Ended: ${drill.endedAt ?? '-'}`,
    `- Outcome: ${drill.outcome}`,
    `- Total: ${seconds(drillSeconds(drill))}`,
    '',
    drillHeadline(drill),
    '',
    '| Step | Title | Outcome | Time | Command |',
    '| --- | --- | --- | --- | --- |',
    ...drill.steps.map(
      (s, i) =>
        `| ${i + 1} of ${drill.steps.length} (${drill.procedure} step ${s.number}) | ${cell(s.title)} | ${s.outcome} | ${seconds(secondsBetween(s.startedAt, s.endedAt))} | ${commandCell(s)} |`,
    ),
  ];
  const notes = drill.steps.flatMap((s, i) => [
    ...s.warnings.map((w) => `- Step ${i + 1}: WARNING: ${cell(w.message)}`),
    ...(s.error ? [`- Step ${i + 1}: ERROR (${s.error.errorId}): ${cell(s.error.message)}`] : []),
  ]);
  if (notes.length > 0) lines.push('', '## Warnings and errors', '', ...notes);
  return `${lines.join('\n')}\n`;
};
