import { afterAll, beforeAll, describe } from 'vitest';
import { openPgStore } from '../../data/pg-store.js';
import { POSTGRES_SKIP_NOTE, skipWithoutPostgres, startPostgres, type RunningPostgres } from '../support/postgres.js';
import { storeContract } from './contract.js';
import { queryContract } from './queries.js';

const skip = skipWithoutPostgres();

describe.skipIf(skip)(`Store contract: PostgreSQL${skip ? ` (skipped: ${POSTGRES_SKIP_NOTE})` : ''}`, () => {
  let server: RunningPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  storeContract(async () => {
    const url = await server.createDatabase();
    return { store: await openPgStore({ url }), reopen: () => openPgStore({ url }) };
  });
  queryContract(async () => {
    const url = await server.createDatabase();
    return { store: await openPgStore({ url }), reopen: () => openPgStore({ url }) };
  });
});
