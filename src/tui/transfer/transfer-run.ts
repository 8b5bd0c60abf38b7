// Runs what the Export/Import screen asks for through the console's transfers (a child pchat exec,
// so the console keeps drawing and taking keys): the import's -WhatIf plan, then the export or
// import itself with its progress read every quarter second, and its cancel.

import type {ConsoleContext} from '../console-context.js';
import type {ConsoleTransfer, TransferOutcome} from '../session-port.js';
import type {Overlay} from '../state/ui-state.js';
import {archiveOf, exportLine, importLine, type TransferScreen} from './transfer-state.js';

const PROGRESS_MS = 250;

export const transferOf = (ctx: ConsoleContext): TransferScreen | null =>
  ctx.ui.overlay.kind === 'transfer' ? ctx.ui.overlay.screen : null;

export function showTransfer(ctx: ConsoleContext, screen: TransferScreen): void {
  ctx.dispatch({type: 'overlay', overlay: {kind: 'transfer', screen} satisfies Overlay});
}

/** Changes the screen on display, if it is still the one this work belongs to. */
function update(
  ctx: ConsoleContext,
  job: ConsoleTransfer | null,
  change: (s: TransferScreen) => TransferScreen,
) {
  const screen = transferOf(ctx);
  if (screen && screen.job === job) showTransfer(ctx, change(screen));
}

const outputLines = (outcome: TransferOutcome): string[] =>
  outcome.kind === 'cancelled'
    ? []
    : [...outcome.stdout.split('\n'), ...outcome.stderr.split('\n')].filter((l) => l.trim() !== '');

function follow(
  ctx: ConsoleContext,
  job: ConsoleTransfer,
  then: (s: TransferScreen, o: TransferOutcome) => TransferScreen,
) {
  const timer = setInterval(() => update(ctx, job, (s) => ({...s, progress: job.progress()})), PROGRESS_MS);
  void job.done.then((outcome) => {
    clearInterval(timer);
    update(ctx, job, (s) => ({...then(s, outcome), job: null}));
  });
}

/** Import: the archive's -WhatIf plan, shown before anything is asked. */
export function previewImport(ctx: ConsoleContext, screen: TransferScreen): void {
  const archive = archiveOf(screen);
  if (!ctx.transfers || archive === null) return;
  const job = ctx.transfers.start({line: importLine(screen, true), archive});
  showTransfer(ctx, {...screen, phase: 'checking', job, progress: null, typed: '', error: null});
  follow(ctx, job, (s, outcome) => {
    const lines = outputLines(outcome);
    const ok = outcome.kind === 'finished' && outcome.status === 0;
    return ok
      ? {...s, phase: 'preview', preview: lines}
      : {...s, phase: 'done', failed: true, result: ['The archive cannot be imported:', ...lines]};
  });
}

/** Export, or the confirmed import: runs it with progress until it finishes or is cancelled. */
export function runTransfer(ctx: ConsoleContext, screen: TransferScreen): void {
  if (!ctx.transfers) return;
  const archive = archiveOf(screen);
  const job =
    screen.mode === 'export'
      ? ctx.transfers.start({line: exportLine(screen), output: screen.fileName, total: screen.exportEntries})
      : ctx.transfers.start({line: importLine(screen, false), ...(archive === null ? {} : {archive})});
  showTransfer(ctx, {...screen, phase: 'running', job, progress: job.progress(), error: null});
  follow(ctx, job, (s, outcome) => {
    if (outcome.kind === 'cancelled')
      return {
        ...s,
        phase: 'done',
        failed: true,
        result: ['Cancelled: nothing was written; the store is as it was.'],
      };
    const ok = outcome.status === 0;
    if (s.mode === 'import') void ctx.reload();
    const last = job.progress();
    // Staging folders can come and go between two readings: a finished transfer wrote every entry.
    const progress = ok && last.total !== null ? {...last, entries: last.total} : last;
    return {...s, phase: 'done', failed: !ok, result: outputLines(outcome), progress};
  });
}

export function cancelTransfer(ctx: ConsoleContext, screen: TransferScreen): void {
  screen.job?.cancel();
  if (screen.job) update(ctx, screen.job, (s) => ({...s, result: ['Cancelling…']}));
}
