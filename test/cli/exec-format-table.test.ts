// Format-Table and Format-List through `pchat exec` as a real process: the width comes from
// COLUMNS, else 120 when standard output is not a terminal; --json writes the selected properties.

import path from 'node:path';
import {beforeAll, describe, expect, it} from 'vitest';
import stringWidth from 'string-width';
import {pchat, tempDir} from '../helpers/pchat-process.js';

describe('Format-Table through pchat exec', () => {
  let store: string;

  beforeAll(() => {
    store = path.join(tempDir(), 's');
    expect(pchat(['init', '--store', store]).status).toBe(0);
  });

  const LINE = 'Get-CsPersistentChatPolicy | ft Identity,Description,EnablePersistentChat';

  it('lays the table out to 120 columns without a terminal or COLUMNS', () => {
    const run = pchat(['exec', '--store', store, LINE], {env: {COLUMNS: ''}});
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.split('\n').slice(0, 4)).toEqual([
      '',
      'Identity                         Description                               EnablePersistentChat',
      '--------                         -----------                               --------------------',
      'Global                                                                     False',
    ]);
  });

  it('lays it out to COLUMNS when it is set', () => {
    const run = pchat(['exec', '--store', store, LINE], {env: {COLUMNS: '60'}});
    expect(run.status).toBe(0);
    const lines = run.stdout.split('\n');
    // EnablePersistentChat has no room left and is dropped; Description is narrowed and cut.
    expect(lines.slice(1, 5)).toEqual([
      'Identity                         Description',
      '--------                         -----------',
      'Global',
      'Site:DC1                         Persistent Chat for the ...',
    ]);
    for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
  });

  it('writes the selected properties of each object with --json', () => {
    const run = pchat([
      'exec',
      '--store',
      store,
      '--json',
      'Get-CsPersistentChatPolicy -Identity Global | fl Identity',
    ]);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([{Identity: 'Global'}]);
  });

  it('fails with ConsoleLineOutputOutOfSequencePacket when its output is piped on', () => {
    const run = pchat([
      'exec',
      '--store',
      store,
      'Get-CsPersistentChatPolicy | ft | Where-Object {$_.Identity}',
    ]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('[ConsoleLineOutputOutOfSequencePacket]');
  });
});
