// Renders the console over a real Session on a MemoryStore, at a fixed terminal size, with a fixed
// clock; waits until the first frame is drawn and the console is idle.

import {render} from 'ink-testing-library';
import type {DrillRecord} from '../../src/domain/drills.js';
import type {ChatState, ChatMessage} from '../../src/domain/types.js';
import {App, type Props} from '../../src/tui/App.js';
import {ConsoleAsker} from '../../src/tui/console-ask.js';
import type {ConsoleController} from '../../src/tui/controller.js';
import type {ConsoleSession} from '../../src/tui/session-port.js';
import type {MemoryStore} from '../../src/store/memory-store.js';

import {press, tick, type as typeText} from './keys.js';

/** The same instant as run-lines.ts FIXED_NOW: the data age shows "just now". */
const CLOCK = Date.parse('2026-01-15T12:00:00Z');

export interface RenderOptions {
  readonly columns?: number;
  readonly rows?: number;
  readonly user?: string;
  readonly readOnly?: boolean;
  readonly messages?: readonly ChatMessage[];
  /** The drill records the memory store holds. */
  readonly drills?: readonly DrillRecord[];
  readonly props?: Partial<Props>;
  /** Use this session instead of opening one on a MemoryStore. */
  readonly session?: ConsoleSession;
}

export interface RenderedApp {
  readonly lastFrame: () => string;
  readonly frames: readonly string[];
  readonly stdin: {write(data: string): void};
  readonly controller: ConsoleController;
  readonly session: ConsoleSession;
  readonly store: MemoryStore | null;
  readonly copied: string[];
  press(...sequence: readonly string[]): Promise<void>;
  type(text: string): Promise<void>;
  resize(columns: number, rows: number): Promise<void>;
  waitForFrame(predicate: (frame: string) => boolean, options?: {timeout?: number}): Promise<string>;
  unmount(): void;
}

export async function renderApp(state: ChatState, options: RenderOptions = {}): Promise<RenderedApp> {
  let store: MemoryStore | null = null;
  let session: ConsoleSession;
  const asker = new ConsoleAsker();
  if (options.session) session = options.session;
  else {
    // Loaded on demand so a test with its own session does not need the whole language.
    const {openSession} = await import('./run-lines.js');
    const opened = await openSession(state, {
      origin: 'console',
      user: options.user ?? 'admin',
      readOnly: options.readOnly ?? false,
      messages: options.messages ?? [],
      drills: options.drills ?? [],
      ask: asker.ask,
    });
    session = opened.session;
    store = opened.store;
  }
  const copied: string[] = [];
  let controller: ConsoleController | null = null;
  const app = render(
    <App
      session={session}
      now={() => CLOCK}
      ascii={false}
      color={false}
      writeRaw={(s) => copied.push(s)}
      env={{}}
      asker={asker}
      onController={(c) => {
        controller = c;
      }}
      {...options.props}
    />,
  );
  const stdout = app.stdout as unknown as NodeJS.EventEmitter & {columns: number; rows: number};
  const setSize = (columns: number, rows: number) => {
    Object.defineProperty(stdout, 'columns', {value: columns, configurable: true});
    Object.defineProperty(stdout, 'rows', {value: rows, configurable: true});
  };
  setSize(options.columns ?? 100, options.rows ?? 30);
  // The first frame was laid out before the size was set: announce it as a resize.
  stdout.emit('resize');
  await tick();
  const idle = async () => {
    await tick();
    await controller?.whenIdle();
    await tick();
  };
  await idle();
  const lastFrame = () => app.lastFrame() ?? '';
  return {
    lastFrame,
    frames: app.frames,
    stdin: app.stdin,
    get controller() {
      if (!controller) throw new Error('The console did not start.');
      return controller;
    },
    session,
    store,
    copied,
    async press(...sequence) {
      for (const key of sequence) {
        await press(app, key);
        await idle();
      }
    },
    async type(text) {
      await typeText(app, text);
      await idle();
    },
    async resize(columns, rows) {
      setSize(columns, rows);
      stdout.emit('resize');
      await idle();
    },
    async waitForFrame(predicate, {timeout = 3000} = {}) {
      const start = Date.now();
      for (;;) {
        const frame = lastFrame();
        if (predicate(frame)) return frame;
        if (Date.now() - start > timeout)
          throw new Error(`No frame matched within ${timeout} ms. Last frame:\n${frame}`);
        await tick();
      }
    },
    unmount: () => app.unmount(),
  };
}
