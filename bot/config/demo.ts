import type { FileConfig } from './schema.js';

/**
 * The team an installation without a config file gets, so `npm start` does something real at
 * once: alice writes decisions and deploys, bob approves and administers.
 */
export const DEMO_CONFIG: Partial<FileConfig> = {
  services: {
    api: { description: 'The public API' },
    web: { description: 'The web front end' },
  },
  environments: {
    staging: { protected: false },
    production: { protected: true },
  },
  people: [
    { name: 'alice', displayName: 'Alice', slack: [], discord: [], roles: ['author', 'deployer', 'deployer@production'] },
    { name: 'bob', displayName: 'Bob', slack: [], discord: [], roles: ['approver', 'approver@production', 'admin'] },
  ],
  shellPerson: 'alice',
};
