// What each dialog shows, as lines for a Frame: a body that scrolls, and the prompt, input and
// buttons pinned under it, so they show however long the body is. Buttons show focus with
// brackets, not colour alone. The footer hints come from each dialog's key table
// (input/overlay-keys.ts).

import stringWidth from 'string-width';
import type {Line} from '../components/segments.js';
import {displaySafe} from '../../lang/display-safe.js';
import type {FormState} from '../forms/form-state.js';
import {fieldText} from '../forms/form-state.js';
import {formLine} from '../forms/form-model.js';
import type {ActiveEditorState} from '../state/active-editor.js';
import type {Overlay} from '../state/ui-state.js';
import type {Theme} from '../theme.js';
import {wrapped} from './text-lines.js';
import type {ChatState} from '../../domain/types.js';
import {transferBody} from '../transfer/transfer-lines.js';
import {wizardBody} from '../wizard/wizard-lines.js';

export interface DialogBody {
  readonly title: string;
  /** Scrolls when it does not fit. */
  readonly lines: readonly Line[];
  /** Always shown, under the body: the prompt, the input line, the buttons. */
  readonly pinned: readonly Line[];
}

const button = (label: string, focused: boolean): string => (focused ? `[ ${label} ]` : `  ${label}  `);

function buttons(focus: 'cancel' | 'confirm', confirmLabel: string): Line {
  return [
    {
      text: `    ${button('Cancel', focus === 'cancel')}   ${button(`${confirmLabel} (y)`, focus === 'confirm')}`,
      bold: true,
    },
  ];
}

function confirmBody(o: Extract<Overlay, {kind: 'confirm'}>, theme: Theme): DialogBody {
  return {
    title: o.title,
    lines: o.lines.map((t): Line => [{text: t}]),
    pinned: [
      [{text: ''}],
      buttons(o.focus, 'Confirm'),
      [{text: ''}],
      [
        {
          text: 'Nothing is changed unless you press y (or move to Confirm and press Enter).',
          color: theme.muted,
        },
      ],
    ],
  };
}

function typedBody(o: Extract<Overlay, {kind: 'typed'}>, theme: Theme): DialogBody {
  return {
    title: o.title,
    lines: [
      [{text: `${theme.glyphs.warn} High impact.`, color: theme.warn, bold: true}],
      ...o.lines.map((t): Line => [{text: t}]),
    ],
    pinned: [[{text: ''}], ...typedPrompt(o, theme)],
  };
}

/** The tier-2 prompt: what to type, what has been typed, and why Enter refused it. */
export function typedPrompt(
  o: {readonly expected: string; readonly text: string; readonly error: string | null},
  theme: Theme,
): Line[] {
  return [
    [{text: 'Type '}, {text: displaySafe(o.expected), bold: true}, {text: ' to confirm:'}],
    [{text: `> ${displaySafe(o.text)}_`}],
    ...(o.error ? [[{text: `${theme.glyphs.error} ${o.error}`, color: theme.error}] as Line] : []),
  ];
}

function formFieldLines(form: FormState, theme: Theme): Line[] {
  const width = Math.max(0, ...form.fields.map((f) => stringWidth(f.param) + (f.required ? 1 : 0)));
  const lines: Line[] = [];
  form.fields.forEach((f, i) => {
    const focused = i === form.focus;
    const label = `${f.param}${f.required ? '*' : ''}`;
    const value =
      f.kind === 'toggle'
        ? `[${f.value === true ? 'x' : ' '}] ${f.value === true ? 'True' : 'False'}`
        : f.kind === 'enum' || f.kind === 'choice'
          ? `${displaySafe(String(f.value)) || (f.required ? '' : form.mode === 'new' ? '(default)' : '(none)')}${focused ? `${f.kind === 'choice' ? '_' : ''}  ${theme.glyphs.keys.left} ${theme.glyphs.keys.right}` : ''}`
          : f.kind === 'list'
            ? `${displaySafe(fieldText(f.value)) || '(none)'}${focused ? '  Space: pick' : ''}`
            : `${displaySafe(String(f.value))}${focused ? '_' : ''}`;
    const changed = fieldText(f.value) !== fieldText(f.original);
    lines.push([
      {
        text: `${focused ? theme.glyphs.cursor : ' '} ${label}${' '.repeat(width - stringWidth(label))} : `,
        bold: focused,
      },
      {text: value, inverse: focused && theme.color},
      {text: changed && form.mode === 'set' ? '  (changed)' : '', color: theme.muted},
    ]);
    const error = form.errors[f.param];
    if (error) lines.push([{text: `    ${theme.glyphs.error} ${displaySafe(error)}`, color: theme.error}]);
    const now = form.conflict?.[f.param];
    if (now !== undefined && now !== fieldText(f.value))
      lines.push([{text: `    now stored: ${displaySafe(now) || '(empty)'}`, color: theme.warn}]);
  });
  return lines;
}

function formBody(form: FormState, theme: Theme, height: number, width: number): DialogBody {
  if (form.picker) {
    const p = form.picker;
    const top = Math.max(
      0,
      Math.min(p.cursor - Math.floor((height - 3) / 2), p.options.length - (height - 3)),
    );
    const rows = p.options.slice(top, top + Math.max(1, height - 3)).map((o, i): Line => {
      const at = top + i === p.cursor;
      return [
        {
          text: `${at ? theme.glyphs.cursor : ' '} [${p.chosen.includes(o.value) ? 'x' : ' '}] ${o.label}`,
          inverse: at && theme.color,
        },
      ];
    });
    return {
      title: `${form.title}: ${p.param}`,
      lines: [
        [{text: p.loading ? `Loading eligible principals${theme.glyphs.etc}` : p.note, color: theme.muted}],
        [{text: ''}],
        ...rows,
      ],
      pinned: [],
    };
  }
  const status = form.loading
    ? `Loading current values${theme.glyphs.etc}`
    : form.submitting
      ? `Saving${theme.glyphs.etc}`
      : '';
  const focused = form.fields[form.focus];
  const footer: Line[] = [
    [{text: ''}],
    ...(focused
      ? [
          [
            {text: `${focused.param}: `, bold: true},
            {text: focused.help, color: theme.muted},
          ] as Line,
        ]
      : []),
    ...(form.formError
      ? [[{text: `${theme.glyphs.error} ${displaySafe(form.formError)}`, color: theme.error}] as Line]
      : []),
    ...(status ? [[{text: status, color: theme.muted}] as Line] : []),
    [{text: `Runs: ${displaySafe(formLine(form))}`, color: theme.muted}],
  ];
  // The fields follow the focus; the help, errors and the line that runs stay pinned.
  const fields = wrapped(formFieldLines(form, theme), width);
  const room = Math.max(1, height - wrapped(footer, width).length);
  const focusLine = fields.findIndex((l) => l[0]?.text.startsWith(theme.glyphs.cursor));
  const start = Math.max(0, Math.min(focusLine - Math.floor(room / 2), fields.length - room));
  return {
    title: form.title,
    lines: fields.slice(start, start + room),
    pinned: footer,
  };
}

function editorBody(editor: ActiveEditorState, theme: Theme, height: number, width: number): DialogBody {
  const rows = editor.servers.map((s, i): Line => {
    const on = editor.chosen.some((c) => c.toLowerCase() === s.fqdn.toLowerCase());
    const at = i === editor.cursor;
    return [
      {
        text: `${at ? theme.glyphs.cursor : ' '} [${on ? 'x' : ' '}] ${displaySafe(s.fqdn)}  ${displaySafe(s.dataCenter ?? '')}  ${on ? 'active' : 'standby'}`,
        inverse: at && theme.color,
      },
    ];
  });
  const p = editor.preview;
  const preview: Line[] = !p
    ? [[{text: 'Space toggles a server; the change is checked before it is saved.', color: theme.muted}]]
    : p.loading
      ? [[{text: `Checking${theme.glyphs.etc}`, color: theme.muted}]]
      : [
          ...p.errors.map((e): Line => [{text: `${theme.glyphs.error} ${e}`, color: theme.error}]),
          ...p.warnings.map((w): Line => [{text: `${theme.glyphs.warn} ${w}`, color: theme.warn}]),
          ...(p.errors.length + p.warnings.length === 0
            ? [[{text: `${theme.glyphs.ok} No problems found.`, color: theme.ok}] as Line]
            : []),
        ];
  // The servers follow the cursor; what the check found stays pinned under them.
  const pinned = [[{text: ''}] as Line, ...preview];
  const room = Math.max(1, height - wrapped(pinned, width).length);
  const start = Math.max(0, Math.min(editor.cursor - Math.floor(room / 2), rows.length - room));
  return {
    title: `Active servers of ${displaySafe(editor.pool)} (${editor.chosen.length} of at most 4)`,
    lines: rows.slice(start, start + room),
    pinned,
  };
}

/** `height` and `width`: the lines inside the dialog's frame; `chat` is the data a wizard checks its step against. */
export function dialogBody(
  overlay: Overlay,
  theme: Theme,
  height: number,
  width: number,
  chat: ChatState,
): DialogBody | null {
  switch (overlay.kind) {
    case 'none':
    case 'help':
      return null;
    case 'confirm':
      return confirmBody(overlay, theme);
    case 'typed':
      return typedBody(overlay, theme);
    case 'ask':
      return {
        title: overlay.title,
        lines: [[{text: displaySafe(overlay.message)}]],
        pinned: [[{text: ''}], buttons(overlay.focus, 'Yes')],
      };
    case 'form':
      return formBody(overlay.form, theme, height, width);
    case 'activeServers':
      return editorBody(overlay.editor, theme, height, width);
    case 'wizard':
      return wizardBody(overlay.wizard, chat, theme);
    case 'transfer':
      return transferBody(overlay.screen, theme);
  }
}

export interface DialogWindow {
  /** Every line of the body, wrapped: what scrolls. */
  readonly body: readonly Line[];
  readonly pinned: readonly Line[];
  /** Lines left for the body above the pinned ones. */
  readonly room: number;
}

/** The dialog wrapped to `width` inside `height` lines: drawing and scrolling both measure it here. */
export function dialogWindow(dialog: DialogBody, width: number, height: number): DialogWindow {
  const pinned = wrapped(dialog.pinned, width);
  return {body: wrapped(dialog.lines, width), pinned, room: Math.max(1, height - pinned.length)};
}
