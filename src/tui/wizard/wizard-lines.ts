// What the wizard shows: the procedure chooser, then one screen per step (the checklist, the SQL
// work, the pool before and after, the live checks) with the line it runs and how to confirm it
// pinned under a body that scrolls, then the summary with the time each step took.

import {catalog} from '../../cmdlets/catalog.js';
import {MAX_ACTIVE_SERVERS} from '../../domain/deployment-rules.js';
import {nextStepIndex} from '../../domain/drills.js';
import {checkStep, editableServers, procedureSteps, withActiveServers} from '../../domain/procedures.js';
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

/** The first screen's mode and faults, and the drill it may resume. */
function drillLines(w: WizardState, theme: Theme): Line[] {
  if (!w.drills) return [muted('This store keeps no drills: the steps run live on it.', theme)];
  const down = w.faultNames.length === 0 ? 'nothing' : w.faultNames.map(displaySafe).join(', ');
  const unfinished = w.unfinished;
  return [
    w.mode === 'rehearsal'
      ? [
          {text: 'Mode: ', bold: true},
          {text: 'rehearsal on a scratch copy of the store (the store is not changed)'},
        ]
      : [
          {text: 'Mode: ', bold: true},
          {text: 'LIVE on the store: every step changes the pool', color: theme.warn, bold: true},
        ],
    w.mode === 'rehearsal'
      ? [{text: 'Down in the copy: ', bold: true}, {text: down}]
      : muted('A live drill marks nothing down.', theme),
    ...(unfinished
      ? [
          blank,
          [
            {
              text: `${theme.glyphs.warn} An unfinished ${unfinished.mode} ${unfinished.procedure} by ${displaySafe(unfinished.operator)} stopped at step ${(nextStepIndex(unfinished) ?? 0) + 1} of ${unfinished.steps.length}: r resumes it.`,
              color: theme.warn,
            },
          ] as Line,
        ]
      : []),
  ];
}

function chooserBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  const pool = chat.topology.persistentChatPools.find((p) => p.fqdn === w.pool);
  const lines: Line[] = [
    [{text: `Pool ${displaySafe(w.pool)} is ${pool?.poolState ?? 'gone'}. Which procedure?`}],
    blank,
    ...PROCEDURES.map((kind, i): Line => {
      const at = i === w.choice;
      const count = pool ? procedureSteps(pool, kind, w.faults).length : 0;
      return [
        {
          text: `${at ? theme.glyphs.cursor : ' '} ${PROCEDURE_TITLES[kind]} (${count} ${count === 1 ? 'step' : 'steps'})`,
          bold: at,
          inverse: at && theme.color,
        },
      ];
    }),
    blank,
    ...drillLines(w, theme),
  ];
  return {
    title: `Wizard: pool ${displaySafe(w.pool)}`,
    lines,
    pinned: [blank, muted('Nothing is written before a step is confirmed.', theme)],
  };
}

const yesNo = (b: boolean | null): string => (b === null ? 'none' : b ? 'yes' : 'no');

/** "a → b" when the step changes it, else "a" (the arrow from the theme, so --ascii draws "->"). */
const change = (before: string, after: string, theme: Theme): string =>
  before === after ? before : `${before} ${theme.glyphs.arrow} ${after}`;

const database = (s: PoolSummary): string =>
  `${s.databaseInUse} ${s.database ?? '?'}${s.databaseDataCenter ? ` (${s.databaseDataCenter})` : ''}`;

const serverMark = (s: {active: boolean; far: boolean} | undefined): string =>
  !s ? '-' : s.active ? (s.far ? 'active, far' : 'active') : 'standby';

function previewLines(before: PoolSummary, after: PoolSummary, theme: Theme): Line[] {
  const row = (label: string, b: string, a: string): Line => [
    {text: `  ${label.padEnd(16)}`, color: theme.muted},
    {text: displaySafe(change(b, a, theme)), bold: b !== a},
  ];
  const afterServers = new Map(after.dataCenters.flatMap((d) => d.servers.map((s) => [s.fqdn, s])));
  const servers = before.dataCenters.flatMap(({dataCenter, servers: list}): Line[] => [
    [{text: `  ${displaySafe(dataCenter ?? '(no data centre)')}`, color: theme.muted}],
    ...list.map((s) => {
      const b = serverMark(s);
      const a = serverMark(afterServers.get(s.fqdn));
      return [{text: `    ${displaySafe(s.fqdn)}  `}, {text: change(b, a, theme), bold: a !== b}] as Line;
    }),
  ]);
  return [
    [{text: `The pool before ${theme.glyphs.arrow} after this step:`, bold: true}],
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
      ...(w.drill
        ? [muted(`Recorded as drill ${w.drill.record.id}: the Drills pane (%) lists it.`, theme)]
        : []),
    ],
    pinned: [blank, muted('Enter or Esc closes the wizard.', theme)],
  };
}

/** An active-server step: the pool's servers, the chosen ones marked, each far one said so. */
function serverLines(w: WizardState, chosen: readonly string[], after: PoolSummary, theme: Theme): Line[] {
  const far = new Set(after.dataCenters.flatMap((d) => d.servers.filter((s) => s.far).map((s) => s.fqdn)));
  const servers = after.dataCenters.flatMap((d) => d.servers.map((s) => ({...s, dataCenter: d.dataCenter})));
  const over = chosen.length > MAX_ACTIVE_SERVERS;
  return [
    [
      {text: 'Active servers: ', bold: true},
      {
        text: `${chosen.length} chosen, at most ${MAX_ACTIVE_SERVERS} live`,
        ...(over ? {color: theme.error} : {}),
      },
      {text: ' (Tab moves, Space turns one on or off)', color: theme.muted},
    ],
    ...servers.map((s, i): Line => {
      const on = chosen.includes(s.fqdn);
      const at = i === w.serverCursor;
      return [
        {text: `${at ? theme.glyphs.cursor : ' '} [${on ? 'x' : ' '}] ${displaySafe(s.fqdn)}`, bold: at},
        {text: `  ${displaySafe(s.dataCenter ?? '')}`, color: theme.muted},
        ...(on && far.has(s.fqdn) ? [{text: '  far from the database', color: theme.warn}] : []),
      ];
    }),
  ];
}

function stepBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  const proposed = w.steps[w.index];
  if (!proposed) return doneBody(w, theme);
  const pool = chat.topology.persistentChatPools.find((p) => p.fqdn === w.pool);
  const chosen = succeededRun(w, w.index) ? null : (w.servers ?? editableServers(proposed));
  const step = pool && w.servers !== null ? withActiveServers(pool, proposed, w.servers) : proposed;
  const line = procedureLine(step, catalog);
  const check = checkStep(chat, step, w.faults);
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
      ? [
          [
            {
              text: step.kind === 'acknowledge' ? 'On the SQL servers: ' : 'First, on the SQL servers: ',
              bold: true,
            },
            {text: step.sqlWork},
          ] as Line,
          ...(step.kind === 'acknowledge'
            ? [
                muted(
                  'pchat cannot do or see this work; confirm it is done and the drill records when.',
                  theme,
                ),
              ]
            : []),
          blank,
        ]
      : []),
    ...issues,
    ...(chosen !== null ? [blank, ...serverLines(w, chosen, check.after, theme)] : []),
    blank,
    ...previewLines(check.before, check.after, theme),
    blank,
    muted('Each step backs the store up before it writes (Get-PcBackup lists the backups).', theme),
  ];
  const elapsed = `Elapsed: ${done ? `step ${seconds(done.endedAt - done.startedAt)}, ` : ''}total ${seconds(totalMs(w))} ${theme.glyphs.dot} Esc goes back a step and undoes nothing`;
  const prompt: Line[] = w.running
    ? [muted(`Running${theme.glyphs.etc}`, theme)]
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
          : step.kind === 'acknowledge'
            ? [[{text: 'Enter confirms this SQL work is done.', bold: true}]]
            : [[{text: 'Enter runs this step.', bold: true}]];
  return {
    title: `${PROCEDURE_TITLES[step.procedure]} ${displaySafe(w.pool)}${w.drills ? ` (${w.mode})` : ''}: step ${w.index + 1} of ${w.steps.length}`,
    lines: body,
    pinned: [
      blank,
      line === ''
        ? [{text: 'Runs: nothing; an acknowledgement of SQL work done by hand'}]
        : [{text: `Runs: ${displaySafe(line)}`}],
      muted(elapsed, theme),
      ...prompt,
    ],
  };
}

/** `chat` is the console's data; a rehearsal's steps are shown on its scratch copy instead. */
export function wizardBody(w: WizardState, chat: ChatState, theme: Theme): DialogBody {
  return w.procedure === null ? chooserBody(w, chat, theme) : stepBody(w, w.chat ?? chat, theme);
}
