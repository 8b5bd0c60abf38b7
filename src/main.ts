// Entry: `pchat` opens the console (Ink is loaded only then); `pchat init|exec` run the command line.

import fs from 'node:fs';
import {displaySafe, displaySafeLines} from './lang/display-safe.js';
import {Command, CommanderError} from 'commander';
import {StoreError} from './store/port.js';
import {DeploymentError} from './domain/deployment-error.js';
import {EXIT} from './cli/exit-codes.js';
import {runExec} from './cli/run-exec.js';
import {outputWidth} from './cli/output-width.js';
import {argumentProblem} from './cli/argument-bytes.js';
import {splitScript} from './lang/script.js';
import {UsageError, decodeText, readTextFile} from './input-files.js';
import {initStore, openSession, resolveStoreDir} from './workspace.js';
import {VERSION} from './version.js';

// A reader that closed standard output (`pchat exec ... | head`) wants no more of it, but the lines
// still run to their end, as asked: output stops, the commits and the exit code do not. Without the
// listener, the closed pipe's EPIPE ended the process with an unhandled error's stack trace.
let outClosed = false;
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  outClosed = true;
});

// Diagnostics echo what the operator typed and what the store holds: escaped where they leave.
const io = {
  out: (t: string) => outClosed || process.stdout.write(t),
  err: (t: string) => process.stderr.write(displaySafeLines(t)),
  width: outputWidth(process.env, process.stdout),
};

const program = new Command()
  .name('pchat')
  .description('Operator console for a Persistent Chat deployment')
  .version(VERSION, '-V, --version')
  .option('--store <dir>', 'the store directory (default: data/store, or PCHAT_STORE)')
  .option('--read-only', 'view only: every change is refused')
  .option('--view <pane>', 'start in this pane (pools, servers, rooms, categories, policies, ...)')
  .option('--filter <text>', 'start with this filter on the pane')
  .option('--ascii', 'ASCII borders and icons')
  .option('--no-color', 'no colour (NO_COLOR does the same)')
  .exitOverride()
  .configureOutput({writeErr: (t) => io.err(t), writeOut: (t) => io.out(t)})
  .action(
    async (options: {
      store?: string;
      readOnly?: boolean;
      view?: string;
      filter?: string;
      ascii?: boolean;
      color?: boolean;
    }) => {
      if (!process.stdin.isTTY || !process.stdout.isTTY) {
        io.err(
          "pchat: the console needs a terminal; use `pchat exec 'Get-CsPersistentChatState'` to run cmdlet lines.\n",
        );
        process.exitCode = EXIT.usage;
        return;
      }
      if (options.color === false || (process.env['NO_COLOR'] ?? '') !== '') process.env['FORCE_COLOR'] = '0';
      const {PANE_IDS} = await import('./tui/panes/pane-id.js');
      const view = PANE_IDS.find((id) => id === options.view?.toLowerCase());
      if (options.view !== undefined && view === undefined) {
        usage(`unknown pane "${options.view}"; the panes are ${PANE_IDS.join(', ')}`);
        return;
      }
      // Confirmations become console dialogs: a text prompt would fight Ink for the keyboard.
      const {startConsole, ConsoleAsker} = await import('./tui/start.js');
      const asker = new ConsoleAsker();
      const session = await openSession({
        store: options.store,
        origin: 'console',
        readOnly: options.readOnly ?? false,
        ask: asker.ask,
      });
      const {consoleDrills} = await import('./drills/console-drills.js');
      const {consoleTransfers} = await import('./transfer-process.js');
      process.exitCode = await startConsole({
        session,
        asker,
        drills: consoleDrills(session.store),
        transfers: consoleTransfers(resolveStoreDir(options.store).dir, process.argv[1] ?? ''),
        ...(view ? {view} : {}),
        ...(options.filter ? {filter: options.filter} : {}),
        // Left undefined, the console picks ASCII itself when the locale is not UTF-8.
        ...(options.ascii ? {ascii: true} : {}),
        noColor: process.env['FORCE_COLOR'] === '0',
      });
    },
  );

program
  .command('init')
  .description('create a store from a deployment file (default: the demo deployment)')
  .option('--store <dir>', 'the store directory to create')
  .option('--from <deployment.json>', 'the deployment file')
  .option('--setup <script.ps1>', 'cmdlet lines to run on the new store')
  .option('--force', 'replace an existing store (the old one is kept beside it)')
  .action(async (options: {store?: string; from?: string; setup?: string; force?: boolean}) => {
    const {dir} = resolveStoreDir(options.store ?? program.opts<{store?: string}>().store);
    const {DEMO_DEPLOYMENT, DEMO_SETUP} = await import('./workspace.js');
    const from = options.from ?? DEMO_DEPLOYMENT;
    const setup = options.setup ?? (options.from === undefined ? DEMO_SETUP : undefined);
    // A failing setup line stops init with a UsageError, so a report means every line ran.
    const report = await initStore({dir, from, setup, force: options.force ?? false});
    // The store path is the operator's text: escaped here, as every diagnostic is in io.err.
    io.out(
      `Created store ${displaySafe(report.dir)} (${report.setupLines} setup lines, ${report.messages} messages).\n`,
    );
    if (report.replaced) io.out(`The previous store was moved to ${displaySafe(report.replaced)}.\n`);
    process.exitCode = EXIT.ok;
  });

program
  .command('exec')
  .description('run cmdlet lines (or a script with -f; - reads standard input)')
  .argument('[lines...]', 'cmdlet lines, each one argument')
  .option('--store <dir>', 'the store directory')
  .option('--json', 'one JSON array per line on standard output')
  .option('--yes', 'answer yes to every confirmation')
  .option('-f, --file <script>', 'run the lines of a script file; - reads standard input')
  .option('--read-only', 'view only: every change is refused')
  .action(
    async (
      lines: string[],
      options: {store?: string; json?: boolean; yes?: boolean; file?: string; readOnly?: boolean},
    ) => {
      if (options.file !== undefined && lines.length > 0)
        return usage('give either LINEs or -f SCRIPT, not both');
      if (options.file === undefined && lines.length === 0)
        return usage("give a LINE, e.g. pchat exec 'Get-CsPersistentChatState'");
      const script = options.file === undefined ? null : readScript(options.file);
      const interactive = process.stdin.isTTY === true && options.file !== '-';
      const askOnTerminal = interactive ? (await import('./cli/prompt.js')).askOnTerminal : null;
      const session = await openSession({
        store: options.store ?? program.opts<{store?: string}>().store,
        origin: 'exec',
        readOnly: options.readOnly ?? program.opts<{readOnly?: boolean}>().readOnly ?? false,
        yes: options.yes ?? false,
        ...(askOnTerminal !== null ? {ask: askOnTerminal} : {}),
      });
      process.exitCode = await runExec(
        session,
        script === null ? lines : splitScript(script),
        options.json ?? false,
        io,
        // A script that asks nobody commits as a group (run-exec.ts); a prompt would come before the
        // output of the lines it follows.
        script !== null && (!interactive || options.yes === true),
      );
      session.store.close();
    },
  );

program
  .command('store')
  .description('work on a store as a whole')
  .command('copy')
  .description('copy a store into a new one: a store directory or a postgres:// URL, in either direction')
  .argument('<from>', 'the store to copy (a directory or postgres://user@host:port/db)')
  .argument('<to>', 'the new store (a directory that does not exist, or a database without a pchat store)')
  .option(
    '--force',
    'replace the pchat store a target database holds, in one transaction (the old one is kept there as a backup)',
  )
  .addHelpText(
    'after',
    `
The state, the message log and the audit log are copied, counted and checksummed (sha256 over their
JSON lines), and read back from the new store: a copy that reads back differently is an error (exit
3). Backups are not copied.

Examples:
  pchat store copy data/store postgres://chat@db1.example.org/pchat
  pchat store copy postgres://chat@db1.example.org/pchat /srv/chat/store`,
  )
  .action(async (from: string, to: string, options: {force?: boolean}) => {
    const {copyStore} = await import('./store/copy-store.js');
    const report = await copyStore(resolveStoreDir(from).dir, resolveStoreDir(to).dir, {
      force: options.force ?? false,
    });
    const line = (what: string, part: {count: number; sha256: string}) =>
      `  ${what.padEnd(9)} ${String(part.count).padStart(9)}  sha256 ${part.sha256}\n`;
    io.out(
      `Copied ${displaySafe(report.from)} to ${displaySafe(report.to)} at revision ${report.revision}.\n` +
        line('state', report.state) +
        line('messages', report.messages) +
        line('audit', report.audit) +
        'The new store reads back with the same counts and checksums. Backups are not copied.\n',
    );
    process.exitCode = EXIT.ok;
  });

const PROCEDURES = ['failover', 'failback', 'swap'] as const;

program
  .command('drill')
  .description(
    'run the failover, failback or swap of a pool as a rehearsal (default) or live, and report each step',
  )
  .argument('<procedure>', 'failover, failback or swap')
  .option('--store <dir>', 'the store directory')
  .option('--pool <fqdn>', 'the pool (default: the first pool of the topology)')
  .option('--live', 'run on the store itself (it is backed up before each change); default: a rehearsal')
  .option('--yes', 'run the high-impact and SQL steps of a live drill without asking')
  .option(
    '--fault <server-or-dc>',
    'rehearsals only: mark a server or a data centre down (repeatable)',
    (value: string, all: string[]) => [...all, value],
    [] as string[],
  )
  .option('--resume', 'continue the last unfinished drill of this pool and procedure at the step it reached')
  .option(
    '--report <file>',
    "also write the report under the store's exports/ (JSON when FILE ends in .json)",
  )
  .option('--force', 'let --report replace an existing file')
  .option('--json', 'print the report as JSON (the Get-PcDrill object) instead of Markdown')
  .addHelpText(
    'after',
    `
A rehearsal runs the steps on a scratch copy of the store (drills/<id>.rehearsal/, removed when the
drill ends): the live store is left as it was but for the drill record, drills/<id>.json, which
Get-PcDrill lists. A live drill runs the same steps on the store. On a terminal it asks for the
pool's name before each high-impact step, and whether the SQL work of each acknowledgement step is
done; without a terminal these need --yes, and without it the drill stops before the first of them
(exit 2) and --resume --yes continues there. A rehearsal acknowledges the SQL steps itself.

One drill of a pool runs at a time: a second drill or resume of the same pool is refused, naming
who holds it (drills/<pool>.lock).

The record is written after every step. A drill cut short (closed terminal, kill -9) is continued by
the same command with --resume, at the step it reached; running the procedure again without
--resume abandons the unfinished drill and starts a new one.

Exit status: 0 every step succeeded; 1 a step failed (the report names it); 2 usage; 3 store.

Examples:
  pchat drill failover --json
  pchat drill failover --fault dc2 --report failover.md
  pchat drill failover --live --yes && pchat drill failback --live --yes`,
  )
  .action(
    async (
      procedure: string,
      options: {
        store?: string;
        pool?: string;
        live?: boolean;
        yes?: boolean;
        fault: string[];
        resume?: boolean;
        report?: string;
        force?: boolean;
        json?: boolean;
      },
    ) => {
      const kind = PROCEDURES.find((p) => p === procedure.toLowerCase());
      if (kind === undefined) return usage(`unknown procedure "${procedure}"; use ${PROCEDURES.join(', ')}`);
      // The drills, their reports and the terminal prompt load only for a drill, not at every start.
      const {runDrillCommand} = await import('./cli/run-drill.js');
      const askLine = process.stdin.isTTY === true ? (await import('./cli/prompt.js')).askLine : null;
      const session = await openSession({
        store: options.store ?? program.opts<{store?: string}>().store,
        origin: 'drill',
      });
      try {
        process.exitCode = await runDrillCommand(
          session.store,
          {
            procedure: kind,
            pool: options.pool,
            live: options.live ?? false,
            yes: options.yes ?? false,
            faults: options.fault,
            resume: options.resume ?? false,
            report: options.report,
            force: options.force ?? false,
            json: options.json ?? false,
            // On a terminal a live drill asks for each high-impact step; without one it needs --yes.
            ...(askLine !== null ? {askLine} : {}),
          },
          io,
        );
      } finally {
        session.store.close();
      }
    },
  );

function usage(message: string): void {
  io.err(`pchat: ${message}\n`);
  process.exitCode = EXIT.usage;
}

function readScript(file: string): string {
  return file === '-' ? decodeText(fs.readFileSync(0), 'standard input') : readTextFile(file);
}

const argumentError = argumentProblem(process.argv.slice(2));
if (argumentError !== null) usage(argumentError);
else {
  // No top-level await: `pchat exec` runs this program as a script (src/cli/code-cache.ts), which has none.
  void program.parseAsync(process.argv).catch((error: unknown) => {
    process.exitCode = report(error);
  });
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof StoreError) {
    io.err(`pchat: ${error.message}\n`);
    return error.code === 'StoreExists' ? EXIT.usage : EXIT.store;
  }
  if (error instanceof DeploymentError) {
    io.err(
      `pchat: the deployment file is not valid:\n${error.issues.map((i) => `  - ${i.message}\n`).join('')}`,
    );
    return EXIT.failed;
  }
  if (error instanceof UsageError) {
    io.err(`pchat: ${error.message}\n${error.problems.map((p) => `  - ${p}\n`).join('')}`);
    return EXIT.usage;
  }
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
    io.err(`pchat: ${(error as Error).message}\n`);
    return EXIT.usage;
  }
  throw error;
}
