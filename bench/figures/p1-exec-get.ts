// P1: `pchat exec` of one Get, the whole process: on S against `node -e 0`, on the large store
// against a process that only reads and parses its state file.

import path from 'node:path';
import {fileURLToPath} from 'node:url';
import {ratioFigure, type Figure} from './figure.js';
import {stateFile, type BenchStore} from './stores.js';
import {processPair} from './timing.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const PCHAT = path.join(root, 'bin', 'pchat.js');
const GET = 'Get-CsPersistentChatRoom -Identity "pc1.dc1.example.org\\ItRoom"';

const exec = (store: BenchStore): string[] => [PCHAT, 'exec', '--store', store.dir, GET];

export function p1(small: BenchStore, large: BenchStore): Figure[] {
  const onSmall = processPair(exec(small), ['-e', '0']);
  const bare = `JSON.parse(require('node:fs').readFileSync(${JSON.stringify(stateFile(large))}, 'utf8'))`;
  const onLarge = processPair(exec(large), ['-e', bare]);
  return [
    ratioFigure({
      id: 'P1-S',
      what: `pchat exec one Get, whole process, ${small.size}`,
      value: onSmall.a,
      baseline: onSmall.b,
      baselineWhat: 'node -e 0',
      maxRatio: 2,
      goal: '<= 2x',
    }),
    ratioFigure({
      id: `P1-${large.size}`,
      what: `pchat exec one Get, whole process, ${large.size}`,
      value: onLarge.a,
      baseline: onLarge.b,
      baselineWhat: 'node: read + JSON.parse state.json',
      maxRatio: 1.5,
      goal: '<= 1.5x',
    }),
  ];
}
