// A script file as LINEs: blank lines and comments dropped, a UTF-8 BOM and CRLF endings
// handled, and a statement that continues on the next line (an open `{`, `(` or `@{`, a
// trailing `|` or `,`, or a backtick at the end) joined into one LINE.

import {isPunct} from './token.js';
import {tokenize} from './tokenize.js';

/** A statement still open after this many lines is cut there, so one typo cannot swallow a script. */
const MAX_JOINED_LINES = 200;

export function splitScript(text: string): string[] {
  return scriptStatements(text).map((statement) => statement.text);
}

export interface ScriptStatement {
  /** 1-based line of the script where the statement starts. */
  readonly line: number;
  readonly text: string;
}

/** The statements of a script, each with the line it starts on (for messages that name it). */
export function scriptStatements(text: string): ScriptStatement[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const result: ScriptStatement[] = [];
  let pending: string | null = null;
  let startLine = 0;
  let joined = 0;
  for (const [index, line] of lines.entries()) {
    if (pending === null) startLine = index + 1;
    pending = pending === null ? line : `${pending}\n${line}`;
    joined += 1;
    const code = withoutComments(pending);
    if (code.continues && joined < MAX_JOINED_LINES) continue;
    joined = 0;
    if (code.text !== '') result.push({line: startLine, text: code.text});
    pending = null;
  }
  if (pending !== null) {
    // Still open at the end of the file: run it anyway, so the parser reports what is missing.
    const code = withoutComments(pending);
    if (code.text !== '') result.push({line: startLine, text: code.text});
  }
  return result;
}

function withoutComments(source: string): {text: string; continues: boolean} {
  const {tokens, comments, unclosed, openComment} = tokenize(source, {partial: true});
  let text = '';
  let from = 0;
  for (const comment of comments) {
    text += source.slice(from, comment.start);
    from = comment.end;
  }
  text = `${text}${source.slice(from)}`.trim();
  const last = tokens.findLast((t) => t.type !== 'eof' && !isPunct(t, '\n'));
  const trailing = last !== undefined && (isPunct(last, '|') || isPunct(last, ','));
  return {text, continues: unclosed.length > 0 || openComment || trailing || text.endsWith('`')};
}
