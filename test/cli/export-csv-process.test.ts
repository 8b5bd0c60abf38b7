// Export-Csv and Out-File through `pchat exec`: the file under exports/ (content, mode), written in
// the line's commit, never outside exports/ and never over a file without -Force.

import fs from 'node:fs';
import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import {pchat, tempDir} from '../helpers/pchat-process.js';

let store = '';
const exec = (...lines: string[]) => pchat(['exec', '--store', store, ...lines]);
const exported = (name: string): string => path.join(store, 'exports', name);

beforeAll(() => {
  store = path.join(tempDir(), 's');
  expect(pchat(['init', '--store', store]).status).toBe(0);
});

describe('Export-Csv and Out-File through pchat exec', () => {
  it('writes CSV as PowerShell does, mode 0600, and records the line in the audit log', () => {
    const run = exec('@{Name="a";N=1},@{Name=\'say "hi"\';N=2} | Export-Csv rooms.csv');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fs.readFileSync(exported('rooms.csv'), 'utf8')).toBe('"Name","N"\n"a","1"\n"say ""hi""","2"\n');
    expect(fs.statSync(exported('rooms.csv')).mode & 0o777).toBe(0o600);
    const audit = fs.readFileSync(path.join(store, 'audit.jsonl'), 'utf8');
    expect(audit).toContain('Export-Csv rooms.csv');
  });

  it('writes the shown text with Out-File', () => {
    expect(exec('"one","two" | Out-File notes.txt').status).toBe(0);
    expect(fs.readFileSync(exported('notes.txt'), 'utf8')).toBe('one\ntwo\n');
  });

  it('never writes over a file without -Force, and replaces it with -Force', () => {
    fs.writeFileSync(exported('keep.txt'), 'old\n', {mode: 0o600});
    const refused = exec('"new" | Out-File keep.txt');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/exists already.*\[AlreadyExists\]/);
    expect(fs.readFileSync(exported('keep.txt'), 'utf8')).toBe('old\n');
    expect(exec('"new" | Out-File keep.txt -NoClobber').status).toBe(1);
    expect(exec('"new" | Out-File keep.txt -Force').status).toBe(0);
    expect(fs.readFileSync(exported('keep.txt'), 'utf8')).toBe('new\n');
    expect(fs.statSync(exported('keep.txt')).mode & 0o777).toBe(0o600);
  });

  it('writes nothing with -WhatIf', () => {
    const run = exec('"x" | Export-Csv whatif.csv -WhatIf');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('What if: Performing the operation "Output to File"');
    expect(fs.existsSync(exported('whatif.csv'))).toBe(false);
  });

  it('maps a Windows path to the file of its last name, with a warning', () => {
    const run = exec('"x" | Out-File C:\\Reports\\win.txt');
    expect(run.status).toBe(0);
    expect(run.stderr).toContain('[WindowsPathMapped]');
    expect(fs.readFileSync(exported('win.txt'), 'utf8')).toBe('x\n');
  });

  it.each([
    ['a ".." part', '../escape.txt'],
    ['an absolute path outside exports/', '/tmp/pchat-escape.txt'],
  ])('refuses %s and writes nothing', (_name, file) => {
    const run = exec(`"x" | Out-File '${file}' -Force`);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('[InvalidValue]');
    expect(fs.existsSync(path.join(store, 'escape.txt'))).toBe(false);
    expect(fs.existsSync('/tmp/pchat-escape.txt')).toBe(false);
  });

  it('never writes through a symbolic link, even with -Force', () => {
    const outside = path.join(tempDir(), 'target.txt');
    fs.writeFileSync(outside, 'outside\n');
    fs.symlinkSync(outside, exported('link.txt'));
    fs.symlinkSync(path.dirname(outside), exported('linkdir'));
    for (const line of [
      '"x" | Out-File link.txt',
      '"x" | Out-File link.txt -Force',
      '"x" | Export-Csv linkdir/a.csv -Force',
    ]) {
      const run = exec(line);
      expect(run.status, line).toBe(1);
    }
    expect(fs.readFileSync(outside, 'utf8')).toBe('outside\n');
    expect(fs.existsSync(path.join(path.dirname(outside), 'a.csv'))).toBe(false);
    expect(fs.lstatSync(exported('link.txt')).isSymbolicLink()).toBe(true);
  });
});

describe('-Append through pchat exec', () => {
  it('adds to the end of a file, and Export-Csv writes its header only once', () => {
    expect(exec('@{a=1} | Export-Csv appended.csv -Append').status).toBe(0);
    expect(exec('@{a=2} | Export-Csv appended.csv -Append').status).toBe(0);
    expect(fs.readFileSync(exported('appended.csv'), 'utf8')).toBe('"a"\n"1"\n"2"\n');
    expect(
      exec('"one" | Out-File appended.txt -Append', '"two" | Out-File appended.txt -Append').status,
    ).toBe(0);
    expect(fs.readFileSync(exported('appended.txt'), 'utf8')).toBe('one\ntwo\n');
    expect(fs.statSync(exported('appended.txt')).mode & 0o777).toBe(0o600);
  });

  it('never appends through a symbolic link', () => {
    const outside = path.join(tempDir(), 'target.txt');
    fs.writeFileSync(outside, 'outside\n');
    fs.symlinkSync(outside, exported('append-link.txt'));
    expect(exec('"x" | Out-File append-link.txt -Append').status).toBe(1);
    expect(fs.readFileSync(outside, 'utf8')).toBe('outside\n');
  });
});
