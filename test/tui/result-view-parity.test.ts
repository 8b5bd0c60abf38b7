import {describe, expect, it} from 'vitest';
import {printRun} from '../../src/cli/run-exec.js';
import {formatRun} from '../../src/tui/format-output.js';
import type {LineRun} from '../../src/session.js';
import {demoDeployment, stateFrom} from '../helpers/demo.js';
import {runLines} from '../helpers/run-lines.js';

const WIDTH = 80;

/** What `pchat exec` writes for a run, both streams in the order written, as lines. */
const execLines = (run: LineRun): string[] => {
  let text = '';
  const write = (chunk: string): void => {
    text += chunk;
  };
  printRun(run, false, {out: write, err: write, width: WIDTH});
  return text.split('\n').slice(0, -1);
};

describe('the console and pchat exec', () => {
  it('print the same run identically, line for line', async () => {
    const {runs} = await runLines(stateFrom(demoDeployment()), [
      'Get-Credential -UserName "EXAMPLE\\ana"; @{Name="会議室 🚀"; Note="a`e[2Jb"}; Get-CsPersistentChatPolicy -Identity Global; Get-CsPersistentChatPolicy -Identity "Tag:Nope"; @{名前="会議室 🚀"; Note="a`e[2Jb"} | Format-Table -Wrap; Get-CsPersistentChatPolicy -Identity Global | Format-List Identity',
    ]);
    const real = runs[0]!;
    // Values no cmdlet line outputs on its own are added to the real run: bytes, an object
    // nesting another, wide names, a control character, and a warning.
    const run: LineRun = {
      ...real,
      output: [
        ...real.output,
        {kind: 'bytes', data: Uint8Array.from([1, 2, 255])},
        {
          名前: 'Ünïcödé 🎉',
          Owner: {Name: 'ana', Credential: {kind: 'credential', userName: 'EXAMPLE\\ana'}},
          Data: {kind: 'bytes', data: Uint8Array.from({length: 20}, (_, i) => i)},
          Table: {kind: 'hashtable', entries: [['k', 'v\u0007']]},
          Bell: 'ring\u0007\u202eevil',
        },
      ],
      warnings: [{warningId: 'NoActiveServers', message: 'careful\u001b[2J', target: null}],
    };
    const console = formatRun(run, WIDTH).map((line) => line.text);
    expect(console).toEqual(execLines(run));
    expect(console.join('\n')).toMatchInlineSnapshot(`
      "WARNING: careful^[[2J [NoActiveServers]

      UserName    Password
      --------    --------
      EXAMPLE\\ana System.Security.SecureString

      Name Value
      ---- -----
      Name 会議室 🚀
      Note a^[[2Jb

      Identity             : Global
      Description          :
      EnablePersistentChat : False

      Name Value
      ---- -----
      名前 会議室 🚀
      Note a^[[2Jb

      Identity : Global

      1
      2
      255

      名前  : Ünïcödé 🎉
      Owner : @{Name=ana; Credential=System.Management.Automation.PSCredential}
      Data  : {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15...}
      Table : {[k, v^G]}
      Bell  : ring^G\\u{202e}evil

      Get-CsPersistentChatPolicy : No Persistent Chat policy has the identity "Tag:Nope". [PolicyNotFound]"
    `);
  });
});
