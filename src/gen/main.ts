// npm run gen -- S|M|L DIR [--force] [--seed N] [--init-files]
// Writes a synthetic store (README, "Synthetic stores"); with --init-files, the deployment file and
// setup script that `pchat init` would turn into the same store instead.

import os from 'node:os';
import path from 'node:path';
import {performance} from 'node:perf_hooks';
import {parseArgs} from 'node:util';
import {readDemoDeployment} from './demo-deployment.js';
import {DEFAULT_SEED, generateStore} from './generate.js';
import {writeInitFiles} from './init-files.js';
import {isSizeName, SIZES} from './sizes.js';
import {stateFileSize, writeStore} from './write-store.js';

const USAGE = 'usage: npm run gen -- S|M|L DIR [--force] [--seed N] [--init-files]';

async function main(argv: readonly string[]): Promise<number> {
  const {values, positionals} = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      force: {type: 'boolean', default: false},
      seed: {type: 'string'},
      'init-files': {type: 'boolean', default: false},
    },
  });
  const [name, dir] = positionals;
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (
    name === undefined ||
    dir === undefined ||
    positionals.length > 2 ||
    !isSizeName(name) ||
    !Number.isInteger(seed)
  ) {
    console.error(USAGE);
    return 2;
  }
  const start = performance.now();
  const generated = generateStore(SIZES[name], {
    demo: readDemoDeployment(),
    initUser: os.userInfo().username,
    seed,
  });
  const {state, messages} = generated;
  const counts = `${state.rooms.length} rooms, ${state.directory.users.length} users, ${messages.length} messages`;
  if (values['init-files']) {
    const files = writeInitFiles(path.resolve(dir), generated);
    console.log(
      `Wrote ${files.deployment} and ${files.setup} (${files.setupLines} setup lines) for ${counts}.`,
    );
    return 0;
  }
  await writeStore(dir, state, messages, {force: values.force});
  const seconds = ((performance.now() - start) / 1000).toFixed(1);
  const mb = (stateFileSize(state).bytes / 1024 / 1024).toFixed(1);
  console.log(
    `Generated store ${path.resolve(dir)} (size ${name}, seed ${seed}): ${counts}; state ${mb} MB; ${seconds} s.`,
  );
  return 0;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
