import { describe } from 'vitest';
import { openLowdbStore } from '../../data/lowdb-store.js';
import { tempDir } from '../support/temp-dir.js';
import { storeContract } from './contract.js';
import { queryContract } from './queries.js';

describe('Store contract: lowdb', () => {
  storeContract(async () => {
    const dir = tempDir();
    return { store: await openLowdbStore({ dir }), reopen: () => openLowdbStore({ dir }) };
  });
  queryContract(async () => {
    const dir = tempDir();
    return { store: await openLowdbStore({ dir }), reopen: () => openLowdbStore({ dir }) };
  });
});
