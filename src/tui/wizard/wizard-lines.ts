// What the wizard shows: the procedure chooser, then one screen per step (the checklist, the SQL
// work, the pool before and after, the live checks) with the line it runs and how to confirm it
// pinned under a body that scrolls, then the summary with the time each step took.

import {catalog} from '../../cmdlets/catalog.js';
import {checkStep, procedureSteps} from '../../domain/procedures.js';
import type {PoolSummary} from '../../domain/pool-summary.js';
import type {ChatState} from '../../domain/types.js';
import {displaySafe} from '../../lang/display-safe.js';
import {procedureLine} from '../../lang/procedure-line.js';
import type {Line} from '../components/segments.js';
import type {Theme} from '../theme.js';
import {typedPrompt, type DialogBody} from '../views/dialog-lines.js';
import {
  PROCEDURE_TITLES,
  PROCEDURES,
  lastRun,
  seconds,
  succeededRun,
  totalMs,
  type WizardState,
} from './wizard-state.js';

const muted = (text: string, theme: Theme): Line => [{text, color: theme.muted}];
const blank: Line = [{text: ''}];

function chooserBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  const pool = chat.topology.persistentChatPools.find((p) => p.fqdn === w.pool);
  const lines: Line[] = [
    [{text: `Pool ${displaySafe(w.pool)} is ${pool?.poolState ?? 'gone'}. Which procedure?`}],
    blank,
    ...PROCEDURES.map((kind, i): Line => {
      const at = i === w.choice;
      const count = pool ? procedureSteps(pool, kind).length : 0;
      return [
        {
          text: `${at ? theme.glyphs.cursor : ' '} ${PROCEDURE_TITLES[kind]} (${count} ${count === 1 ? 'step' : 'steps'})`,
          bold: at,
          inverse: at && theme.color,
        },
      ];
    }),
  ];
  return {
    title: `Wizard: pool ${displaySafe(w.pool)}`,
    lines,
    pinned: [blank, muted('Nothing is written before a step is confirmed.', theme)],
  };
}

const yesNo = (b: boolean | null): string => (b === null ? 'none' : b ? 'yes' : 'no');

/** "a → b" when the step changes it, else "a". */
const change = (before: string, after: string): string =>
  before === after ? before : `${before} → ${after}`;

const database = (s: PoolSummary): string =>
  `${s.databaseInUse} ${s.database ?? '?'}${s.databaseDataCenter ? ` (${s.databaseDataCenter})` : ''}`;

const serverMark = (s: {active: boolean; far: boolean} | undefined): string =>
  !s ? '-' : s.active ? (s.far ? 'active, far' : 'active') : 'standby';

function previewLines(before: PoolSummary, after: PoolSummary, theme: Theme): Line[] {
  const row = (label: string, b: string, a: string): Line => [
    {text: `  ${label.padEnd(16)}`, color: theme.muted},
    {text: displaySafe(change(b, a)), bold: b !== a},
  ];
  const afterServers = new Map(after.dataCenters.flatMap((d) => d.servers.map((s) => [s.fqdn, s])));
  const servers = before.dataCenters.flatMap(({dataCenter, servers: list}): Line[] => [
    [{text: `  ${displaySafe(dataCenter ?? '(no data centre)')}`, color: theme.muted}],
    ...list.map((s) => {
      const b = serverMark(s);
      const a = serverMark(afterServers.get(s.fqdn));
      return [{text: `    ${displaySafe(s.fqdn)}  `}, {text: change(b, a), bold: a !== b}] as Line;
    }),
  ]);
  return [
    [{text: 'The pool before → after this step:', bold: true}],
    row('Pool state', before.poolState, after.poolState),
    row('Database in use', database(before), database(after)),
    row('Log shipping', yesNo(before.logShipping), yesNo(after.logShipping)),
    row('Backup online', yesNo(before.backupOnline), yesNo(after.backupOnline)),
    row('Backup mirror', before.backupMirror, after.backupMirror),
    row('Active servers', String(before.activeServers.length), String(after.activeServers.length)),
    ...servers,
  ];
}

function checklist(w: WizardState, theme: Theme): Line[] {
  return w.steps.map((step, i): Line => {
    const done = succeededRun(w, i);
    const glyph = i === w.index ? theme.glyphs.cursor : done ? theme.glyphs.ok : theme.glyphs.dot;
    return [
      {text: `${glyph} ${step.number}. ${step.title}`, bold: i === w.index},
      {text: done ? `  ${seconds(done.endedAt - done.startedAt)}` : '', color: theme.muted},
    ];
  });
}

function doneBody(w: WizardState, theme: Theme): DialogBody {
  const failed = w.runs.filter((r) => r.outcome === 'failed').length;
  const warned = w.runs.reduce((n, r) => n + r.warnings.length, 0);
  return {
    title: `${PROCEDURE_TITLES[w.procedure ?? 'failover']} ${displaySafe(w.pool)}: done`,
    lines: [
      ...checklist(w, theme),
      blank,
      [{text: `${theme.glyphs.ok} Every step ran. Total ${seconds(totalMs(w))}.`, color: theme.ok}],
      muted(
        `${w.runs.length} ${w.runs.length === 1 ? 'run' : 'runs'}, ${failed} failed, ${warned} ${warned === 1 ? 'warning' : 'warnings'}; the audit log (@) has each line.`,
        theme,
      ),
    ],
    pinned: [blank, muted('Enter or Esc closes the wizard.', theme)],
  };
}

function stepBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  const step = w.steps[w.index];
  if (!step) return doneBody(w, theme);
  const line = procedureLine(step, catalog);
  const check = checkStep(chat, step);
  const done = succeededRun(w, w.index);
  const last = lastRun(w, w.index);
  const issues: Line[] = [
    ...(check.error
      ? [
          [
            {
              text: `${theme.glyphs.error} Cannot run: ${displaySafe(check.error.message)} [${check.error.errorId}]`,
              color: theme.error,
            },
          ] as Line,
        ]
      : []),
    ...check.warnings.map((warning): Line => [
      {
        text: `${theme.glyphs.warn} ${displaySafe(warning.message)} [${warning.warningId}]`,
        color: theme.warn,
      },
    ]),
    ...(!check.error && check.warnings.length === 0
      ? [[{text: `${theme.glyphs.ok} Preconditions met.`, color: theme.ok}] as Line]
      : []),
    ...(last?.outcome === 'failed'
      ? last.errors.map((e): Line => [
          {
            text: `${theme.glyphs.error} Last run failed: ${displaySafe(e.message)} [${e.id}]`,
            color: theme.error,
          },
        ])
      : []),
  ];
  const body: Line[] = [
    ...checklist(w, theme),
    blank,
    ...(step.sqlWork
      ? [[{text: 'First, on the SQL servers: ', bold: true}, {text: step.sqlWork}] as Line, blank]
      : []),
    ...issues,
    blank,
    ...previewLines(check.before, check.after, theme),
    blank,
    muted('Each step backs the store up before it writes (Get-PcBackup lists the backups).', theme),
  ];
  const elapsed = `Elapsed: ${done ? `step ${seconds(done.endedAt - done.startedAt)}, ` : ''}total ${seconds(totalMs(w))} · Esc goes back a step and undoes nothing`;
  const prompt: Line[] = w.running
    ? [muted('Running…', theme)]
    : done
      ? [[{text: `${theme.glyphs.ok} Done. Enter goes to the next step.`, color: theme.ok}]]
      : check.error
        ? [
            [
              {
                text: `${theme.glyphs.error} This step cannot run until the error above is fixed.`,
                color: theme.error,
              },
            ],
          ]
        : step.impact === 'high'
          ? typedPrompt({expected: w.pool, text: w.typed, error: w.typedError}, theme)
          : [[{text: 'Enter runs this step.', bold: true}]];
  return {
    title: `${PROCEDURE_TITLES[step.procedure]} ${displaySafe(w.pool)}: step ${w.index + 1} of ${w.steps.length}`,
    lines: body,
    pinned: [blank, [{text: `Runs: ${displaySafe(line)}`}], muted(elapsed, theme), ...prompt],
  };
}

export function wizardBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  return w.procedure === null ? chooserBody(w, chat, theme) : stepBody(w, chat, theme);
}
