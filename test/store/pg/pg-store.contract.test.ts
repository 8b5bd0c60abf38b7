// The store contract on PostgreSQL, on a throwaway cluster (test/helpers/pg-global-setup.ts): a new
// database for each store.

import {createPgStore, openPgStore} from '../../../src/store/pg/pg-store.js';
import {newDatabase} from '../../helpers/pg-test-cluster.js';
import {storeContract} from '../contract/store-contract.js';

storeContract({
  name: 'PostgreSQL',
  create: async (state, messages) => {
    const url = newDatabase();
    const store = await createPgStore(url, {state, messages, audit: []});
    return {store, open: () => openPgStore(url), where: {kind: 'postgres', url}};
  },
});
