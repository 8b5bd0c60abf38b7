// The Export/Import screen's lines: the choices and the line they make, the import's plan with the
// pool's name to type, and the progress bar (entries, rate, time left) while a transfer runs.

import {displaySafe} from '../../lang/display-safe.js';
import type {Line} from '../components/segments.js';
import type {TransferProgress} from '../session-port.js';
import type {Theme} from '../theme.js';
import {typedPrompt, type DialogBody} from '../views/dialog-lines.js';
import {exportLine, FIELDS, fieldValue, importLine, type TransferScreen} from './transfer-state.js';

const BAR = 30;

const mib = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;

/** `[#####-----] 12 of 40 entries · 3.1 MiB · 4.0 entries/s · 7 s left` */
export function progressLine(p: TransferProgress, ascii: boolean): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.entries / seconds : 0;
  const of = p.total === null ? `${p.entries} entries` : `${p.entries} of ${p.total} entries`;
  const left =
    p.total !== null && p.entries >= p.total
      ? `${seconds.toFixed(1)} s`
      : p.total === null || rate === 0
        ? 'time left unknown'
        : `${Math.ceil((p.total - p.entries) / rate)} s left`;
  const filled = p.total === null || p.total === 0 ? 0 : Math.round((BAR * p.entries) / p.total);
  const [on, off] = ascii ? ['#', '-'] : ['█', '░'];
  return `[${on.repeat(filled)}${off.repeat(BAR - filled)}] ${of} · ${mib(p.bytes)} · ${rate.toFixed(1)} entries/s · ${left}`;
}

function choiceLines(s: TransferScreen, theme: Theme): Line[] {
  const tabs: Line = [
    {text: s.mode === 'export' ? '[ Export ]' : '  Export  ', bold: s.mode === 'export'},
    {text: ' '},
    {text: s.mode === 'import' ? '[ Import ]' : '  Import  ', bold: s.mode === 'import'},
  ];
  const fields = FIELDS[s.mode].map((name, i): Line => {
    const {text, choices} = fieldValue(s, name);
    const focused = i === s.field;
    const shown =
      choices > 1 && focused ? `${theme.glyphs.keys.left} ${text} ${theme.glyphs.keys.right}` : text;
    return [
      {text: `${focused ? theme.glyphs.cursor : ' '} ${name.padEnd(11)}`},
      {text: displaySafe(shown) + (focused && choices === 0 ? '_' : ''), bold: focused},
    ];
  });
  const line = s.mode === 'export' ? exportLine(s) : importLine(s, false);
  const where =
    s.mode === 'export'
      ? 'Written under the store’s exports/, never over a file.'
      : 'An import overwrites same-named add-ins, categories and rooms; Enter shows its plan first.';
  return [
    tabs,
    [{text: ''}],
    ...fields,
    [{text: ''}],
    [{text: where, color: theme.muted}],
    [{text: `Runs: ${displaySafe(line)}`, color: theme.muted}],
  ];
}

export function transferBody(s: TransferScreen, theme: Theme): DialogBody {
  const title = `Export/Import · pool ${displaySafe(s.pool)}`;
  const error: Line[] = s.error ? [[{text: `${theme.glyphs.error} ${s.error}`, color: theme.error}]] : [];
  const output = (lines: readonly string[]): Line[] => lines.map((l) => [{text: displaySafe(l)}]);
  switch (s.phase) {
    case 'choose':
      return {title, lines: choiceLines(s, theme), pinned: error};
    case 'checking':
      return {title, lines: [[{text: `Reading the plan: ${displaySafe(importLine(s, true))}`}]], pinned: []};
    case 'preview':
      return {
        title,
        lines: [[{text: 'The import would do this (-WhatIf):', bold: true}], ...output(s.preview)],
        pinned: [[{text: ''}], ...typedPrompt({expected: s.pool, text: s.typed, error: s.error}, theme)],
      };
    case 'running':
      return {
        title,
        lines: [
          [
            {
              text: `${s.mode === 'export' ? 'Exporting' : 'Importing'}: ${displaySafe(s.mode === 'export' ? exportLine(s) : importLine(s, false))}`,
            },
          ],
          [{text: ''}],
          [{text: s.progress ? progressLine(s.progress, theme.ascii) : ''}],
          ...output(s.result),
        ],
        pinned: [],
      };
    case 'done':
      return {
        title,
        lines: [
          [
            s.failed
              ? {
                  text: `${theme.glyphs.error} ${s.mode === 'export' ? 'Export' : 'Import'} did not complete.`,
                  color: theme.error,
                }
              : {
                  text: `${theme.glyphs.ok} ${s.mode === 'export' ? 'Exported' : 'Imported'}.`,
                  color: theme.ok,
                },
          ],
          ...(s.progress && !s.failed ? [[{text: progressLine(s.progress, theme.ascii)}] as Line] : []),
          ...output(s.result),
        ],
        pinned: [],
      };
  }
}
