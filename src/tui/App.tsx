// The console's root: one input handler, one store, arithmetic layout. Below 80x24 it shows a
// single notice instead of a broken layout.

import {Box, Text, useApp, useInput} from 'ink';
import {useEffect, useLayoutEffect, useMemo, useState, useSyncExternalStore} from 'react';
import {osc52} from './clipboard.js';
import type {ConsoleAsker} from './console-ask.js';
import {ConsoleController} from './controller.js';
import {keyPresses} from './input/key-name.js';
import {BINDINGS, type ResolvedBinding} from './keymap.js';
import {
  bodyHeight,
  listHeight,
  maxMessageRows,
  MIN_SIZE,
  rootHeight,
  textHeight,
  innerWidth,
  tooSmall,
} from './layout.js';
import type {PaneId} from './panes/pane-id.js';
import type {ConsoleDrills, ConsoleSession, ConsoleTransfers} from './session-port.js';
import {createUiStore} from './state/ui-store.js';
import {initialUi} from './state/ui-state.js';
import type {CommandHistory} from './command-history.js';
import {makeTheme} from './theme.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {ScreenBody} from './components/ScreenBody.js';
import {LineText} from './components/LineText.js';
import {breadcrumbLine, footerLine, headerLine, messageLines} from './views/chrome-lines.js';
import {dialogBody} from './views/dialog-lines.js';
import {completionsFor, promptHints} from './input/prompt-keys.js';
import {overlayHints} from './input/overlay-keys.js';
import type {FrameTrace} from './frame-trace.js';

export interface Props {
  readonly session: ConsoleSession;
  /** The asker the session was opened with (its `ask`): cmdlet confirmations become dialogs. */
  readonly asker?: ConsoleAsker;
  /** The store's drills: the wizard runs rehearsals and live drills through them. */
  readonly drills?: ConsoleDrills;
  /** Export and import for the Export/Import screen, run apart from the console. */
  readonly transfers?: ConsoleTransfers;
  readonly keymap?: readonly ResolvedBinding[];
  readonly startupWarnings?: readonly string[];
  readonly view?: PaneId;
  readonly filter?: string;
  readonly ascii?: boolean;
  readonly color?: boolean;
  /** A fixed clock for tests; without it the data age ticks. */
  readonly now?: () => number;
  /** Where clipboard sequences go (the terminal). */
  readonly writeRaw?: (sequence: string) => void;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly onExit?: () => void;
  readonly onRedraw?: () => void;
  /** The `:` history kept across restarts (command-history.ts); none in tests unless given. */
  readonly history?: CommandHistory;
  /** Where errors and warnings are also written (console.log in the config directory). */
  readonly log?: (line: string) => void;
  /** Times each key's render, layout, output and writes (frame-trace.ts); none unless asked for. */
  readonly trace?: FrameTrace | null;
  /** Gives tests the controller (whenIdle). */
  readonly onController?: (controller: ConsoleController) => void;
}

const TICK_MS = 5000;

/** Rendered last, so that its render ends the tree's. */
function RenderEnd({trace}: {readonly trace: FrameTrace}) {
  trace.renderEnded();
  return null;
}

export function App(props: Props) {
  const trace = props.trace ?? null;
  trace?.renderStarted();
  const {exit} = useApp();
  const size = useTerminalSize();
  const now = props.now ?? Date.now;
  const theme = useMemo(
    () => makeTheme({ascii: props.ascii ?? false, color: props.color ?? true}),
    [props.ascii, props.color],
  );
  const [store] = useState(() =>
    createUiStore(
      initialUi({
        chat: props.session.state,
        now: now(),
        size,
        pane: props.view,
        filter: props.filter,
        history: props.history?.lines ?? [],
      }),
    ),
  );
  const [controller] = useState(
    () =>
      new ConsoleController({
        session: props.session,
        store,
        keymap: props.keymap ?? BINDINGS,
        now,
        copy: (text) => props.writeRaw?.(osc52(text, props.env ?? process.env)),
        exit: () => {
          props.onExit?.();
          exit();
        },
        redraw: () => props.onRedraw?.(),
        log: (line) => props.log?.(line),
        remember: (line) => props.history?.append(line) ?? null,
        ...(props.asker ? {asker: props.asker} : {}),
        ...(props.drills ? {drills: props.drills} : {}),
        ...(props.transfers ? {transfers: props.transfers} : {}),
        trace,
      }),
  );
  const ui = useSyncExternalStore(store.subscribe, store.get);
  const [, tick] = useState(0);

  useEffect(() => {
    controller.start();
    props.onController?.(controller);
    const warning = props.startupWarnings?.[0];
    if (warning)
      controller.say(
        'warn',
        props.startupWarnings && props.startupWarnings.length > 1
          ? `${warning} (+${props.startupWarnings.length - 1} more)`
          : warning,
      );
    return () => controller.dispose();
  }, [controller]);

  useEffect(() => store.dispatch({type: 'resize', size}), [store, size]);

  useEffect(() => {
    if (props.now) return;
    const timer = setInterval(() => controller.tick(() => tick((n) => n + 1)), TICK_MS);
    timer.unref?.();
    return () => clearInterval(timer);
  }, [props.now, controller]);

  useLayoutEffect(() => {
    trace?.committed();
    controller.drawn();
  });

  useInput((input, key) => {
    for (const press of keyPresses(input, key)) {
      trace?.key(press.name);
      controller.handleKey(press);
    }
  });

  const width = size.columns;
  if (tooSmall(size)) {
    return (
      <Box width={width} height={rootHeight(size)}>
        <Text wrap="truncate-end">{`terminal too small (need ${MIN_SIZE.columns}x${MIN_SIZE.rows}, have ${size.columns}x${size.rows})`}</Text>
      </Box>
    );
  }
  const suggestions = ui.prompt?.kind === 'command' ? completionsFor(controller, ui.prompt.text) : [];
  const message = messageLines(ui, theme, suggestions, width, maxMessageRows(size));
  const dialog = dialogBody(ui.overlay, theme, textHeight(size, message.length), innerWidth(size), ui.chat);
  const facts = {
    user: props.session.user,
    role: props.session.role,
    readOnly: props.session.readOnly,
    connection: props.session.store.connection?.() ?? null,
  };
  const e = theme.glyphs.ellipsis;
  return (
    <Box flexDirection="column" width={width} height={rootHeight(size)}>
      <LineText line={headerLine(ui, facts, theme, now(), width)} width={width} ellipsis={e} />
      <LineText line={breadcrumbLine(ui, theme, controller.env.keymap)} width={width} ellipsis={e} />
      <ScreenBody
        ui={ui}
        theme={theme}
        dialog={dialog}
        keymap={controller.env.keymap}
        width={width}
        height={bodyHeight(size, message.length)}
        rows={listHeight(size, message.length)}
      />
      <LineText
        line={footerLine(controller.env.keymap, ui, theme, {
          dialog: overlayHints(ui.overlay),
          prompt: promptHints(ui.prompt),
        })}
        width={width}
        ellipsis={e}
      />
      {message.map((line, i) => (
        <LineText key={i} line={line} width={width} ellipsis={e} />
      ))}
      {trace && <RenderEnd trace={trace} />}
    </Box>
  );
}
