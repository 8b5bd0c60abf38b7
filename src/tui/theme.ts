// Glyphs and colours by role. Colour is never the only signal: every status has a word or a glyph,
// and the ASCII set replaces box drawing and symbols for terminals without UTF-8.

export interface Glyphs {
  readonly cursor: string;
  readonly mark: string;
  readonly ok: string;
  readonly warn: string;
  readonly error: string;
  readonly busy: string;
  readonly crumb: string;
  readonly dot: string;
  readonly ellipsis: string;
  readonly active: string;
  readonly standby: string;
  /** In prose: "No rooms yet — n creates one", "Loading…", "a → b". */
  readonly dash: string;
  readonly etc: string;
  readonly arrow: string;
  /** The arrow keys, as hints and the help name them. */
  readonly keys: {readonly up: string; readonly down: string; readonly left: string; readonly right: string};
  readonly box: {
    readonly tl: string;
    readonly tr: string;
    readonly bl: string;
    readonly br: string;
    readonly h: string;
    readonly v: string;
  };
}

export const UNICODE_GLYPHS: Glyphs = {
  cursor: '›',
  mark: '●',
  ok: '✔',
  warn: '!',
  error: '✖',
  busy: '◆',
  crumb: '›',
  dot: '·',
  ellipsis: '…',
  active: '▲',
  standby: '▽',
  dash: '—',
  etc: '…',
  arrow: '→',
  keys: {up: '↑', down: '↓', left: '←', right: '→'},
  box: {tl: '┌', tr: '┐', bl: '└', br: '┘', h: '─', v: '│'},
};

export const ASCII_GLYPHS: Glyphs = {
  cursor: '>',
  mark: '*',
  ok: 'OK',
  warn: 'WARN',
  error: 'ERR',
  busy: '*',
  crumb: '>',
  dot: '-',
  ellipsis: '~',
  active: '+',
  standby: '-',
  dash: '-',
  etc: '...',
  arrow: '->',
  keys: {up: 'Up', down: 'Down', left: 'Left', right: 'Right'},
  box: {tl: '+', tr: '+', bl: '+', br: '+', h: '-', v: '|'},
};

/**
 * The console's own text (hints, help, notices) is written with the Unicode glyphs of this table;
 * this puts it in the theme's set, so --ascii cannot miss one. Never for data: a name keeps its
 * characters. Adjacent arrow keys ("↑↓") become "Up/Down".
 */
export function glyphText(text: string, glyphs: Glyphs): string {
  if (glyphs === UNICODE_GLYPHS) return text;
  const u = UNICODE_GLYPHS;
  const byKey = new Map(
    (['up', 'down', 'left', 'right'] as const).map((k) => [u.keys[k], glyphs.keys[k]] as const),
  );
  const prose = new Map(
    (['dash', 'etc', 'dot', 'crumb', 'cursor'] as const).map((k) => [u[k], glyphs[k]] as const),
  );
  return text
    .replace(new RegExp(`[${[...byKey.keys()].join('')}]+`, 'gu'), (run) =>
      [...run].map((c) => byKey.get(c) ?? c).join('/'),
    )
    .replace(/./gu, (c) => prose.get(c) ?? c);
}

/** The 16 named colours only, so light and dark terminals both work. */
export type ColorName = 'cyan' | 'green' | 'yellow' | 'red' | 'magenta' | 'blue' | 'gray';

export interface Theme {
  readonly glyphs: Glyphs;
  readonly ascii: boolean;
  readonly color: boolean;
  readonly accent: ColorName | undefined;
  readonly ok: ColorName | undefined;
  readonly warn: ColorName | undefined;
  readonly error: ColorName | undefined;
  readonly muted: ColorName | undefined;
}

export const makeTheme = (options: {ascii: boolean; color: boolean}): Theme => {
  const c = (name: ColorName): ColorName | undefined => (options.color ? name : undefined);
  return {
    glyphs: options.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS,
    ascii: options.ascii,
    color: options.color,
    accent: c('cyan'),
    ok: c('green'),
    warn: c('yellow'),
    error: c('red'),
    muted: c('gray'),
  };
};

/** ASCII when the locale does not say UTF-8 (LC_ALL, then LC_CTYPE, then LANG, as setlocale reads them). */
export const localeIsUtf8 = (env: Readonly<Record<string, string | undefined>>): boolean => {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return /utf-?8/i.test(locale);
};

/** NO_COLOR (any non-empty value) or FORCE_COLOR=0 turn colour off. */
export const colorWanted = (env: Readonly<Record<string, string | undefined>>): boolean =>
  !(env['NO_COLOR'] && env['NO_COLOR'] !== '') && env['FORCE_COLOR'] !== '0';

/**
 * Spec note: TERM=dumb names a terminal with no cursor addressing, colour or line drawing (Emacs
 * shells, some serial consoles). The console then draws plain ASCII without colour and stays on the
 * normal screen (no alternate screen, no screen clearing), so what it printed stays readable.
 */
export const isDumbTerminal = (env: Readonly<Record<string, string | undefined>>): boolean =>
  env['TERM'] === 'dumb';
