// The console's one imperative piece: keys in, reducer events and session runs out. Every change to
// data is a cmdlet line through session.run, shown on the message line and recorded in the audit log.

import {findCmdlet} from '../cmdlets/catalog.js';
import {isAllowed} from '../domain/rbac.js';
import type {ConsoleAsker} from './console-ask.js';
import {OperatorAsk} from './operator-ask.js';
import {conflictCheck} from './expectations.js';
import {outcomeMessage, readOnlyRefusal} from './run-outcome.js';
import type {FrameTrace} from './frame-trace.js';
import type {KeyPress} from './input/key-name.js';
import {KeyPaced} from './key-paced.js';
import {handleOverlayKey} from './input/overlay-keys.js';
import {handlePromptKey} from './input/prompt-keys.js';
import type {ConsoleContext, RunRequest} from './console-context.js';
import {actionById, bindingById, findBinding, scopesFor, type ResolvedBinding} from './keymap.js';
import {listHeight, maxMessageRows, textHeight, tooSmall} from './layout.js';
import type {Row} from './panes/pane.js';
import {
  storeFailureOf,
  type ConsoleDrills,
  type ConsoleSession,
  type ConsoleTransfers,
  type LineRun,
} from './session-port.js';
import {loadAudit, loadDetailExtra, loadDrills} from './side-loads.js';
import type {ChatState} from '../domain/types.js';
import type {UiEvent} from './state/reducer.js';
import {detailGone, visibleRows} from './state/rows.js';
import type {UiStore} from './state/ui-store.js';
import type {MessageLevel, UiState} from './state/ui-state.js';
import {topView} from './state/ui-state.js';
import {makeTheme} from './theme.js';
import {messageLines} from './views/chrome-lines.js';

export interface ControllerEnv {
  readonly session: ConsoleSession;
  readonly store: UiStore;
  readonly keymap: readonly ResolvedBinding[];
  readonly now: () => number;
  /** Writes a clipboard sequence to the terminal. */
  readonly copy: (text: string) => void;
  readonly exit: () => void;
  readonly redraw: () => void;
  readonly log: (line: string) => void;
  /** Keeps a new `:` history line across restarts; returns a warning when it cannot. */
  readonly remember?: (line: string) => string | null;
  /** The asker the session was opened with; the controller answers its prompts with dialogs. */
  readonly asker?: ConsoleAsker;
  readonly drills?: ConsoleDrills;
  readonly transfers?: ConsoleTransfers;
  /** Told of each read of commits made elsewhere (PCHAT_FRAME_TRACE). */
  readonly trace?: Pick<FrameTrace, 'outsideRead'> | null;
}

const INFO_FADE_MS = 3000;

/** Counts the message area's lines; the glyphs of the console's own theme may differ by a column or two. */
const COUNTING_THEME = makeTheme({ascii: false, color: false});

/**
 * The least time between two reads of commits made elsewhere. Each read draws the whole screen
 * again, and Ink composes every cell of it: a script committing twenty times a second had the
 * console compose a frame for each, most of its time while the operator's keys waited (issue 12: P3
 * while another process commits). The header still follows within a fifth of a second.
 */
const OUTSIDE_READ_GAP_MS = 200;

/**
 * How long after a key the data age's redraw (App's tick) waits for the next key before it is drawn
 * alone. Ink holds a frame asked for within 33 ms of the last one: a tick's frame just before a key
 * held that key's frame up to 33 ms, two or three keys a run of P3's 276 (issue 12). The key's own
 * frame shows the age as of its render, so the tick is drawn with it.
 */
const TICK_QUIET_MS = 200;

/** The only actions while the "terminal too small" notice hides everything else. */
const WHILE_TOO_SMALL: ReadonlySet<string> = new Set(['app.quit', 'app.interrupt', 'app.redraw']);

export class ConsoleController implements ConsoleContext {
  readonly env: ControllerEnv;
  private readonly pending = new Set<Promise<unknown>>();
  private readonly disposers: (() => void)[] = [];
  private readonly ask = new OperatorAsk(this);
  private fadeTimer: ReturnType<typeof setTimeout> | null = null;
  /** The refresh under way, and whether another commit was seen while it ran. */
  private refreshing: Promise<void> | null = null;
  private refreshAgain = false;
  /** performance.now() when the last read of outside commits began. */
  private lastOutsideRead = -Infinity;
  /** A read of outside commits made while keys come is drawn with the next key (key-paced.ts). */
  private readonly paced = new KeyPaced(OUTSIDE_READ_GAP_MS);
  /** The data age's redraw, drawn with the next key while keys come; apart from reads, which it must not replace. */
  private readonly tickPaced = new KeyPaced(TICK_QUIET_MS);

  constructor(env: ControllerEnv) {
    this.env = env;
  }

  get ui(): UiState {
    return this.env.store.get();
  }

  get session(): ConsoleSession {
    return this.env.session;
  }

  get drills(): ConsoleDrills | null {
    return this.env.drills ?? null;
  }

  get transfers(): ConsoleTransfers | null {
    return this.env.transfers ?? null;
  }

  get user(): string {
    return this.env.session.user;
  }

  get keymap(): readonly ResolvedBinding[] {
    return this.env.keymap;
  }

  dispatch(event: UiEvent): void {
    const history = this.ui.history;
    this.env.store.dispatch(event);
    // The reducer decides what enters the history (no blanks, no repeats); what it keeps is kept on disk.
    if (event.type === 'history' && this.ui.history !== history) {
      const warning = this.env.remember?.(event.line) ?? null;
      if (warning) this.say('warn', warning);
    }
  }

  /** Subscribes to changes made elsewhere and to the session's prompts. */
  start(): void {
    this.disposers.push(this.session.store.watch(() => this.changedElsewhere()));
    if (this.env.asker) this.disposers.push(this.env.asker.attach((prompts) => this.ask.askAll(prompts)));
    this.afterDataChange();
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
    this.paced.dispose();
    this.tickPaced.dispose();
    if (this.fadeTimer) clearTimeout(this.fadeTimer);
    this.ask.answer(false);
  }

  /**
   * Resolves when no run or load is under way, or when what is under way waits for the operator
   * (a confirmation dialog): tests wait on it instead of sleeping.
   */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0 && !this.ask.waiting) {
      await Promise.race([Promise.allSettled([...this.pending]), this.ask.whenOpened()]);
    }
  }

  track<T>(promise: Promise<T>): Promise<T> {
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise)).catch(() => undefined);
    return promise;
  }

  // ---- keys -------------------------------------------------------------------------------------

  handleKey(press: KeyPress): void {
    this.paced.key();
    this.tickPaced.key();
    const ui = this.ui;
    // Errors and warnings stay until the next key.
    if (ui.message && ui.message.level !== 'info' && ui.message.level !== 'ok')
      this.dispatch({type: 'message', message: null});
    // Nothing the operator cannot see may act: only quit and redraw pass the notice.
    if (tooSmall(ui.size)) {
      const global = findBinding(this.env.keymap, ['global'], press.name);
      if (global && WHILE_TOO_SMALL.has(global.id)) this.invoke(global.id, press);
      return;
    }
    if (ui.overlay.kind !== 'none') return handleOverlayKey(this, press);
    if (ui.prompt) return handlePromptKey(this, press);
    const view = topView(ui);
    const binding = findBinding(
      this.env.keymap,
      scopesFor({kind: view.kind, pane: view.kind === 'result' ? null : view.pane}),
      press.name,
    );
    if (binding) this.invoke(binding.id, press);
  }

  /** The one dispatcher: read-only mode, roles and disabled reasons are checked here, for keys and `:` alike. */
  invoke(id: string, press: KeyPress = {name: '', text: ''}): void {
    const binding = bindingById(this.env.keymap, id);
    const action = actionById(id);
    if (!binding || !action) return;
    if (binding.mutates && this.session.readOnly)
      return this.say('warn', `read-only mode: ${binding.label} is not available`);
    const spec = binding.cmdlet ? findCmdlet(binding.cmdlet) : undefined;
    if (spec && !isAllowed(this.session.roles, spec.permission)) {
      return this.say('error', `Access denied: role ${this.session.role} may not run ${spec.name}.`);
    }
    const reason = action.disabledReason?.(this) ?? null;
    if (reason) return this.say('warn', reason);
    action.run(this, press, binding);
  }

  // ---- data -------------------------------------------------------------------------------------

  /** Runs one cmdlet line through the session and reports the outcome on the message line. */
  async run(line: string, request: RunRequest = {}): Promise<LineRun | null> {
    const refused = readOnlyRefusal(this.session.readOnly, line);
    if (refused) {
      this.say('warn', refused);
      return null;
    }
    this.dispatch({type: 'busy', delta: 1});
    try {
      const check = conflictCheck(request.expect ?? []);
      const run = await this.track(this.session.run(line, check ? {expect: check} : {}));
      if (run.storeFailure) {
        // Locked, damaged, unsafe: say what happened; the operator's edit stays on screen. A change
        // saved before the store failed is said to be saved.
        const {message} = run.storeFailure;
        this.say('error', run.committed ? message : `Not run: ${message}`);
        return null;
      }
      this.dispatch({type: 'chatLoaded', chat: this.session.state, now: this.env.now()});
      if (run.committed) {
        // This operator removed what the detail view shows: back to the list, where the message says so.
        if (detailGone(this.ui, topView(this.ui))) this.dispatch({type: 'popView'});
        this.afterDataChange();
      }
      if (!request.silent && (!request.quiet || !run.ok)) this.report(line, run);
      return run;
    } finally {
      this.dispatch({type: 'busy', delta: -1});
    }
  }

  private report(line: string, run: LineRun): void {
    const {level, text, detail} = outcomeMessage(line, run);
    this.say(level, text, detail);
  }

  /**
   * Another process committed: one read at a time, however many commits it made meanwhile. The read
   * is of the state log's new records only, and the panes derive again only the rows of what changed
   * (state/rows.ts), so it is read between keys, at most once in OUTSIDE_READ_GAP_MS, and the
   * header's revision follows. While keys come, what it read is drawn with the next key's frame
   * (key-paced.ts); the next read waits until then.
   */
  private changedElsewhere(): void {
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    const run = this.track(
      (async () => {
        do {
          this.refreshAgain = false;
          // A turn of the event loop's timers first, and no read sooner than the gap after the last:
          // a writer that commits hundreds of times a second (an `exec -f` script's group commit)
          // would otherwise keep this loop reading and drawing, and a key, a timer or the frame it
          // waits for would get no turn until the writer stopped.
          const wait = this.lastOutsideRead + OUTSIDE_READ_GAP_MS - performance.now();
          await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
          const start = performance.now();
          this.lastOutsideRead = start;
          const shown = this.ui.chat;
          const chat = await this.session.reload();
          this.env.trace?.outsideRead(start, chat.revision);
          if (chat !== shown) await this.paced.soon(() => this.showRead(shown, chat));
        } while (this.refreshAgain);
      })(),
    );
    this.refreshing = run;
    // A read that fails here is dropped, as it always was: the next run or R reports the store.
    void run
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = null;
      });
  }

  /** Shows the state a read of outside commits reached, unless this console drew a later one meanwhile (a run, R). */
  private showRead(shown: ChatState, chat: ChatState): void {
    if (this.ui.chat !== shown) return;
    this.dispatch({type: 'chatLoaded', chat, now: this.env.now()});
    this.afterDataChange();
  }

  async reload(): Promise<void> {
    try {
      const chat = await this.track(this.session.reload());
      this.dispatch({type: 'chatLoaded', chat, now: this.env.now()});
      this.afterDataChange();
      this.say('ok', `Reloaded revision ${chat.revision}`);
    } catch (error) {
      const failure = storeFailureOf(error);
      if (!failure) throw error;
      this.say('error', `Reload failed: ${failure.message}`);
    }
  }

  /** A frame was drawn (App's layout effect): the pauses after keys are counted from a key's frame. */
  drawn(): void {
    this.paced.drawn();
    this.tickPaced.drawn();
  }

  /** The data age's periodic redraw: at once while no key comes, else with the next key's frame. */
  tick(redraw: () => void): void {
    void this.tickPaced.soon(redraw);
  }

  /** Keeps what the focused view shows in step with the data: the audit rows, the drills, the open detail. */
  afterDataChange(): void {
    const ui = this.ui;
    if (ui.pane === 'activity' && ui.auditRevision !== ui.chat.revision) void this.track(loadAudit(this));
    // A drill writes its record without a store revision, so the drills are read every time.
    if (ui.pane === 'drills') void this.track(loadDrills(this));
    const view = topView(ui);
    if (view.kind === 'detail' && view.pane === 'rooms' && !detailGone(ui, view))
      void this.track(loadDetailExtra(this, view.pane, view.id));
  }

  // ---- helpers for actions ----------------------------------------------------------------------

  say(level: MessageLevel, text: string, detail?: string): void {
    const message = {level, text, at: this.env.now(), ...(detail === undefined ? {} : {detail})};
    if (level === 'error' || level === 'warn')
      this.env.log(`${level.toUpperCase()} ${text}${detail ? ` (${detail})` : ''}`);
    this.dispatch({type: 'message', message});
    if (this.fadeTimer) clearTimeout(this.fadeTimer);
    this.fadeTimer = null;
    if (level === 'info' || level === 'ok') {
      this.fadeTimer = setTimeout(() => {
        if (this.ui.message === message || this.ui.message?.at === message.at)
          this.dispatch({type: 'message', message: null});
      }, INFO_FADE_MS);
      this.fadeTimer.unref?.();
    }
  }

  rows(): readonly Row[] {
    return visibleRows(this.ui, this.ui.pane);
  }

  /** Lines the message area takes now. */
  private messageRows(): number {
    const ui = this.ui;
    return messageLines(ui, COUNTING_THEME, [], ui.size.columns, maxMessageRows(ui.size)).length;
  }

  listHeight(): number {
    return listHeight(this.ui.size, this.messageRows());
  }

  textHeight(): number {
    return textHeight(this.ui.size, this.messageRows());
  }

  /** The object under the cursor (list) or on screen (detail). */
  current(): string | null {
    const view = topView(this.ui);
    if (view.kind === 'detail') return view.id;
    if (view.kind !== 'list') return null;
    const rows = this.rows();
    const list = this.ui.lists[this.ui.pane];
    const hit = rows.find((r) => r.id === list.cursorId) ?? rows[Math.min(list.lastIndex, rows.length - 1)];
    return hit?.id ?? null;
  }

  /** Marked rows that are still visible, else the current one. */
  targets(): string[] {
    const view = topView(this.ui);
    if (view.kind === 'list') {
      const marks = new Set(this.ui.lists[this.ui.pane].marks);
      const marked = this.rows()
        .filter((r) => marks.has(r.id))
        .map((r) => r.id);
      if (marked.length > 0) return marked;
    }
    const id = this.current();
    return id === null ? [] : [id];
  }

  now(): number {
    return this.env.now();
  }

  copy(text: string): void {
    this.env.copy(text);
    this.say('info', `Copied: ${text}`);
  }

  redraw(): void {
    this.env.redraw();
  }

  quit(): void {
    this.dispatch({type: 'quit'});
    this.env.exit();
  }

  answer(yes: boolean): void {
    this.ask.answer(yes);
  }
}
