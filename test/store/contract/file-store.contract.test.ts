// The store contract on the file store.

import path from 'node:path';
import {afterAll} from 'vitest';
import {createStore, openStore} from '../../../src/store/file-store.js';
import {removeDir, tempDir} from '../fixtures.js';
import {storeContract} from './store-contract.js';

const root = tempDir();
afterAll(() => removeDir(root));
let stores = 0;

storeContract({
  name: 'the file store',
  create: async (state, messages) => {
    const dir = path.join(root, `store-${(stores += 1)}`);
    const store = await createStore(dir, state, messages, {user: 'admin'});
    return {store, open: () => openStore(dir, {user: 'admin'}), where: {kind: 'file', dir}};
  },
});
