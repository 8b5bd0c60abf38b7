import {EventEmitter} from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {consoleLog, consoleLogPath} from '../../src/tui/console-log.js';
import {ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SHOW_CURSOR, guardTerminal} from '../../src/tui/terminal.js';

class FakeProcess extends EventEmitter {
  code: number | null = null;
  exit(code: number): void {
    this.code = code;
  }
}

const setup = () => {
  const written: string[] = [];
  const reports: string[] = [];
  const proc = new FakeProcess();
  const guard = guardTerminal({write: (t: string) => written.push(t)}, proc, (t) => reports.push(t));
  const restored = () => written.filter((w) => w === SHOW_CURSOR + LEAVE_ALT_SCREEN).length;
  return {written, reports, proc, guard, restored};
};

describe('guardTerminal', () => {
  it('enters the alternate screen at once', () => {
    const {written} = setup();
    expect(written[0]?.startsWith(ENTER_ALT_SCREEN)).toBe(true);
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
  ])('restores the screen and the cursor on %s and exits %i', (signal, code) => {
    const {proc, restored} = setup();
    proc.emit(signal);
    expect(restored()).toBe(1);
    expect(proc.code).toBe(code);
  });

  it('restores the screen on a crash and says what happened', () => {
    const {proc, restored, reports} = setup();
    proc.emit('uncaughtException', new Error('boom'));
    expect(restored()).toBe(1);
    expect(proc.code).toBe(70);
    expect(reports[0]).toContain('boom');
  });

  it('restores once however many ways out are taken', () => {
    const {proc, guard, restored} = setup();
    guard.leave();
    proc.emit('exit');
    guard.dispose();
    expect(restored()).toBe(1);
  });

  it('stops listening when disposed', () => {
    const {proc, guard} = setup();
    guard.dispose();
    expect(proc.listenerCount('SIGTERM')).toBe(0);
    expect(proc.listenerCount('exit')).toBe(0);
  });
});

describe('consoleLog', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
  });

  it('appends one escaped line per message, readable only by the owner', () => {
    const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-log-')), 'config');
    dirs.push(path.dirname(dir));
    const log = consoleLog(dir, () => new Date('2026-01-15T12:00:00Z'));
    log('ERROR one\x1b[2J');
    log('WARN two');
    expect(fs.readFileSync(consoleLogPath(dir), 'utf8')).toBe(
      '2026-01-15T12:00:00.000Z ERROR one^[[2J\n2026-01-15T12:00:00.000Z WARN two\n',
    );
    expect(fs.statSync(consoleLogPath(dir)).mode & 0o777).toBe(0o600);
  });

  it('never throws when the log cannot be written', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-log-'));
    dirs.push(base);
    const file = path.join(base, 'not-a-directory');
    fs.writeFileSync(file, '');
    expect(() => consoleLog(path.join(file, 'config'))('x')).not.toThrow();
  });
});
