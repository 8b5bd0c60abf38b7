// Header, breadcrumbs, footer hints and the message (or prompt) line.

import stringWidth from 'string-width';
import {fitSegments, wrapLine, type Line, type Segment} from '../components/segments.js';
import {displaySafe} from '../../lang/display-safe.js';
import {inlineSuggestion} from '../completion.js';
import {paneKeysHint} from '../help-content.js';
import {keyLabel, scopesFor, type Binding} from '../binding.js';
import {PANES} from '../panes/index.js';
import {PANE_IDS} from '../panes/pane-id.js';
import {visibleRows, paneRows} from '../state/rows.js';
import type {Message, UiState} from '../state/ui-state.js';
import {topView} from '../state/ui-state.js';
import {glyphText, type Theme} from '../theme.js';

export interface SessionFacts {
  readonly user: string;
  readonly role: string;
  readonly readOnly: boolean;
  /** A store on a server: its live connection, shown in the header; null for a local store. */
  readonly connection?: 'connected' | 'reconnecting' | null;
}

export const deploymentName = (ui: UiState): string => {
  const domain = ui.chat.sipDomains[0] ?? 'deployment';
  const pools = ui.chat.topology.persistentChatPools.length;
  return `${displaySafe(domain)} (${pools} pool${pools === 1 ? '' : 's'})`;
};

export function age(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 5) return 'just now';
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  return `${Math.floor(s / 3600)}h ago`;
}

export function headerLine(ui: UiState, facts: SessionFacts, theme: Theme, now: number, width: number): Line {
  const left: Segment[] = [
    {text: ' pchat ', bold: true, inverse: theme.color, color: theme.accent},
    {text: ` ${deploymentName(ui)} `, bold: true},
    {text: `${theme.glyphs.dot} ${displaySafe(facts.user)} (${facts.role}) `},
    ...(facts.readOnly ? [{text: ' READ-ONLY ', bold: true, inverse: true, color: theme.warn}] : []),
  ];
  const server = facts.connection
    ? `${facts.connection === 'connected' ? 'db online' : 'db lost, reconnecting'} ${theme.glyphs.dot} `
    : '';
  const right = `${server}rev ${ui.chat.revision} ${theme.glyphs.dot} data ${age(now - ui.loadedAt)}${ui.busy > 0 ? ` ${theme.glyphs.busy} busy` : ''} `;
  // The right side (revision, data age, busy) always shows; the names give way on narrow screens.
  const room = Math.max(0, width - stringWidth(right) - 1);
  const fitted = fitSegments(left, room, theme.glyphs.ellipsis);
  const warn = ui.busy > 0 || facts.connection === 'reconnecting';
  return [...fitted, {text: ' '}, {text: right, color: warn ? theme.warn : theme.muted}];
}

export function breadcrumbLine(ui: UiState, theme: Theme, keymap: readonly Binding[]): Line {
  const crumbs = ui.stack.map((v) =>
    v.kind === 'list'
      ? PANES[v.pane].title
      : v.kind === 'detail'
        ? displaySafe(v.id)
        : `:${displaySafe(v.title)}`,
  );
  const index = PANE_IDS.indexOf(ui.pane) + 1;
  return [
    {text: ` ${crumbs.join(` ${theme.glyphs.crumb} `)}`, bold: true},
    {
      text: `   pane ${index}/${PANE_IDS.length}  Tab next  ${paneKeysHint(keymap, theme.ascii)} jump`,
      color: theme.muted,
    },
  ];
}

function bindingHints(keymap: readonly Binding[], ui: UiState, theme: Theme): string {
  const view = topView(ui);
  const scopes = scopesFor({kind: view.kind, pane: view.kind === 'result' ? null : view.pane});
  const shown = scopes.flatMap((s) => keymap.filter((b) => b.scope === s && b.onScreen));
  const hints = shown.map((b) => `${keyLabel(b.keys[0] ?? '', theme.ascii)} ${b.label}`);
  const back = ui.stack.length > 1 ? ['Esc back'] : [];
  return [...back, ...hints].join('  ');
}

export function footerLine(
  keymap: readonly Binding[],
  ui: UiState,
  theme: Theme,
  hints: {readonly dialog: string | null; readonly prompt: string | null},
): Line {
  // With a prompt open the message line holds the prompt, so a message moves up here.
  if (ui.prompt && ui.message) return messageText(ui.message, theme);
  const hint = hints.dialog ?? hints.prompt ?? bindingHints(keymap, ui, theme);
  return [{text: ` ${glyphText(hint, theme.glyphs)}`, color: theme.muted}];
}

export function messageLine(ui: UiState, theme: Theme, suggestions: readonly string[]): Line {
  const prompt = ui.prompt;
  if (prompt?.kind === 'command') {
    const candidate = suggestions[prompt.choice % Math.max(1, suggestions.length)];
    const rest = inlineSuggestion(prompt.text, candidate);
    const other =
      !rest && candidate && candidate.trim() !== prompt.text.trim()
        ? `  ${theme.glyphs.arrow} ${displaySafe(candidate)}`
        : '';
    return [
      {text: `:${displaySafe(prompt.text)}`, bold: true},
      {text: '_'},
      {text: displaySafe(rest) + other, color: theme.muted},
    ];
  }
  if (prompt?.kind === 'search') {
    const found = prompt.historyIndex === null ? null : (ui.history[prompt.historyIndex] ?? null);
    return [
      {text: `history search: ${displaySafe(prompt.text)}`, bold: true},
      {text: '_'},
      found === null
        ? {text: prompt.text === '' ? '' : '   no match', color: theme.muted}
        : {text: `   ${displaySafe(found.replace(/\n/g, ' '))}`},
    ];
  }
  if (prompt?.kind === 'filter') {
    const shown = visibleRows(ui, ui.pane).length;
    const total = paneRows(ui, ui.pane).length;
    return [
      {text: `/${displaySafe(prompt.text)}`, bold: true},
      {text: '_'},
      {text: `   ${shown} of ${total}`, color: theme.muted},
    ];
  }
  return ui.message ? messageText(ui.message, theme) : [{text: ''}];
}

/**
 * The message area: the prompt, or the message wrapped by display width with the line it came
 * from under it, so the whole command that ran shows. At most `maxRows` lines; a cut shows `…`.
 */
export function messageLines(
  ui: UiState,
  theme: Theme,
  suggestions: readonly string[],
  width: number,
  maxRows: number,
): Line[] {
  // The command prompt keeps a second row for its completion candidates, so the screen does not
  // jump as they come and go.
  if (ui.prompt?.kind === 'command' && maxRows >= 2)
    return [
      messageLine(ui, theme, suggestions),
      candidateLine(ui.prompt.text, ui.prompt.choice, suggestions, theme),
    ];
  if (ui.prompt || !ui.message) return [messageLine(ui, theme, suggestions)];
  const detail = ui.message.detail;
  const lines = [
    ...wrapLine(messageText(ui.message, theme), width),
    ...(detail ? wrapLine([{text: '  '}, {text: displaySafe(detail), color: theme.muted}], width) : []),
  ];
  if (lines.length <= maxRows) return lines;
  const shown = lines.slice(0, maxRows);
  const last = shown[shown.length - 1] ?? [];
  shown[shown.length - 1] = [...last, {text: theme.glyphs.ellipsis}];
  return shown;
}

/**
 * The candidates Tab would take, the next one highlighted and first in view (earlier ones are
 * counted, not cut off unseen); each shows what it adds to the word being typed. Empty with one
 * candidate or none: the prompt line shows that inline.
 */
export function candidateLine(
  text: string,
  choice: number,
  suggestions: readonly string[],
  theme: Theme,
): Line {
  if (suggestions.length < 2) return [{text: ''}];
  const wordStart = text.lastIndexOf(' ') + 1;
  const stem = text.slice(0, wordStart);
  const current = choice % suggestions.length;
  const label = (s: string): string => displaySafe((s.startsWith(stem) ? s.slice(stem.length) : s).trim());
  const shown = suggestions
    .slice(current)
    .map((s, i): Segment =>
      i === 0 ? {text: label(s), inverse: true} : {text: label(s), color: theme.muted},
    );
  return [
    {text: ` ${current + 1}/${suggestions.length} `, color: theme.muted},
    ...shown.flatMap((piece, i) => (i === 0 ? [piece] : [{text: '  '}, piece])),
  ];
}

function messageText(m: Message, theme: Theme): Line {
  const g = theme.glyphs;
  const [glyph, color] =
    m.level === 'error'
      ? [g.error, theme.error]
      : m.level === 'warn'
        ? [g.warn, theme.warn]
        : m.level === 'ok'
          ? [g.ok, theme.ok]
          : [g.dot, theme.muted];
  return [
    {text: `${glyph} `, color, bold: true},
    {text: displaySafe(m.text), color: m.level === 'info' ? undefined : color},
  ];
}
