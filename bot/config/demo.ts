import type { FileConfigInput } from './schema.js';
import { EXAMPLE_DEPLOY_COMMAND } from '../deployments/config-schema.js';

/** The example deploy script (scripts/example-deploy.sh), so the demo deploys something at once. */
const DEMO_ENGINE = { type: 'script', command: EXAMPLE_DEPLOY_COMMAND, graceSeconds: 5 } as const;

/**
 * The team an installation without a config file gets, so `npm start` does something real at
 * once: alice writes decisions and deploys, bob approves and administers.
 */
export const DEMO_CONFIG: FileConfigInput = {
  // The example deploy script's knob for a long rollout (to try halt and stops).
  scriptEnv: ['DAYOPS_DEPLOY_SECONDS'],
  services: {
    api: { description: 'The public API', engine: DEMO_ENGINE },
    web: { description: 'The web front end', engine: DEMO_ENGINE },
  },
  environments: {
    staging: { protected: false, requiredCategories: [], approvals: 0, approvalExpiry: '1h' },
    production: {
      protected: true,
      requiredCategories: ['database', 'monitoring', 'security', 'success-criteria'],
      approvals: 1,
      approvalExpiry: '1h',
    },
  },
  people: [
    { name: 'alice', displayName: 'Alice', roles: ['author', 'deployer', 'deployer@production'] },
    { name: 'bob', displayName: 'Bob', roles: ['approver', 'approver@production', 'admin'] },
  ],
  runbooks: {
    'restore-test': {
      description: 'Restore the latest backup into a scratch database and check it',
      engine: { type: 'script', command: 'sh scripts/example-runbook.sh', graceSeconds: 5 },
      envs: ['staging', 'production'],
    },
    // An IaC drift check and its apply (docs/drift.md); a real one runs terraform plan -detailed-exitcode.
    'network-drift': {
      description: 'Compare the network with its Terraform code (exit 2: drift)',
      kind: 'drift-check',
      engine: { type: 'script', command: 'sh scripts/example-drift-check.sh', graceSeconds: 5 },
      envs: ['staging', 'production'],
      apply: 'network-apply',
    },
    'network-apply': {
      description: 'Apply the network Terraform code',
      engine: { type: 'script', command: 'sh scripts/example-apply.sh', graceSeconds: 5 },
      envs: ['staging', 'production'],
      approvals: 1,
    },
  },
  shellPerson: 'alice',
};
