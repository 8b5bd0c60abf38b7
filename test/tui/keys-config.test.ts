import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {BINDINGS} from '../../src/tui/keymap.js';
import {configDir, loadKeymap, resolveKeymap} from '../../src/tui/keys-config.js';

const keysOf = (keymap: ReturnType<typeof resolveKeymap>['keymap'], id: string) =>
  keymap.find((b) => b.id === id)?.keys;

describe('resolveKeymap', () => {
  it('uses the defaults when there is no file', () => {
    expect(resolveKeymap(undefined)).toEqual({keymap: BINDINGS, warnings: []});
  });

  it('applies a valid override', () => {
    const {keymap, warnings} = resolveKeymap({bindings: {'room.remove': ['D'], 'cursor.down': 'ctrl-n'}});
    expect(warnings).toEqual([]);
    expect(keysOf(keymap, 'room.remove')).toEqual(['D']);
    expect(keysOf(keymap, 'cursor.down')).toEqual(['ctrl-n']);
  });

  it('applies an override written for the Activity pane under its earlier action id', () => {
    const {keymap, warnings} = resolveKeymap({bindings: {'app.activity': 'A'}});
    expect(warnings).toEqual([]);
    expect(keysOf(keymap, 'pane.11')).toEqual(['A']);
  });

  it.each([
    ['an unknown action', {bindings: {'room.explode': 'x'}}, /unknown action "room\.explode"/],
    [
      'a key already used in the same place',
      {bindings: {'room.new': 'e'}},
      /"e" is already bound to room\.edit/,
    ],
    ['a pane key that hides a global one', {bindings: {'room.new': 'q'}}, /already bound to app\.quit/],
    ['a data change on Backspace', {bindings: {'room.remove': 'backspace'}}, /may not change data/],
    ['a data change on Enter', {bindings: {'room.toggle': 'enter'}}, /may not change data/],
    ['something that is not a key', {bindings: {'app.help': 'F1-ish'}}, /not a key name/],
  ])('warns about %s and keeps the default', (_name, file, warning) => {
    const {keymap, warnings} = resolveKeymap(file);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(warning);
    expect(keymap).toEqual(BINDINGS);
  });

  it('allows the same key in two different panes', () => {
    const {warnings} = resolveKeymap({bindings: {'category.new': 'N', 'room.new': 'N'}});
    expect(warnings).toEqual([]);
  });

  it('rejects a file of the wrong shape with one warning', () => {
    const {keymap, warnings} = resolveKeymap({keys: {}});
    expect(keymap).toBe(BINDINGS);
    expect(warnings[0]).toMatch(/keys\.json ignored/);
  });
});

describe('loadKeymap', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pchat-keys-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, {recursive: true, force: true});
  });

  it('treats a missing file as no overrides', () => {
    expect(loadKeymap(tempDir()).warnings).toEqual([]);
  });

  it('warns about a file that is not JSON', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'keys.json'), '{nope');
    expect(loadKeymap(dir).warnings[0]).toMatch(/not valid JSON/);
  });

  it('refuses a prototype-polluting file without touching Object.prototype', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'keys.json'), '{"__proto__": {"polluted": true}, "bindings": {}}');
    expect(loadKeymap(dir).warnings).toHaveLength(1);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('reads overrides from the directory PCHAT_CONFIG_DIR names', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'keys.json'), JSON.stringify({bindings: {'app.help': 'h'}}));
    expect(configDir({PCHAT_CONFIG_DIR: dir})).toBe(dir);
    expect(keysOf(loadKeymap(configDir({PCHAT_CONFIG_DIR: dir})).keymap, 'app.help')).toEqual(['h']);
  });

  it('falls back to ~/.config/pchat', () => {
    expect(configDir({})).toBe(path.join(os.homedir(), '.config', 'pchat'));
  });
});
