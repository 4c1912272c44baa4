import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../bin/config.js';

const BASE = {
  environments: { staging: { approvals: 0 }, production: { protected: true, approvals: 1 } },
  people: [
    { name: 'alice', roles: ['deployer', 'deployer@production'] },
    { name: 'bob', roles: ['approver', 'approver@production'] },
  ],
};

function load(change: (c: typeof BASE & Record<string, unknown>) => void) {
  const config = structuredClone(BASE) as typeof BASE & Record<string, unknown>;
  change(config);
  const file = join(mkdtempSync(join(tmpdir(), 'dayops-grants-')), 'dayops.config.json');
  writeFileSync(file, JSON.stringify(config));
  return () => loadConfig({}, file);
}

describe('role grants, permissions and environments are checked at start', () => {
  it('accepts a config whose grants all exist', () => {
    expect(load(() => {})().people).toHaveLength(2);
  });

  it.each([
    ['a misspelt role', (c: typeof BASE) => void (c.people[0]!.roles = ['deployr']), 'people.0.roles.0 (alice): unknown role "deployr"; did you mean "deployer"?'],
    ['a misspelt environment', (c: typeof BASE) => void (c.people[0]!.roles = ['deployer@prodution']), 'people.0.roles.0 (alice): unknown environment "prodution"; did you mean "production"?'],
    ['a role nothing is near', (c: typeof BASE) => void (c.people[1]!.roles.push('wizard')), 'people.1.roles.2 (bob): unknown role "wizard"; known: admin, approver, author, deployer, incident-commander, viewer.'],
    ['a group grant', (c: Record<string, unknown>) => void (c.groups = { 'slack:S0OPS': ['aprover'] }), 'groups.slack:S0OPS.0: unknown role "aprover"; did you mean "approver"?'],
    ['a permission in a role', (c: Record<string, unknown>) => void (c.roles = { 'release-manager': ['view', 'aprove'] }), 'roles.release-manager.1: unknown permission "aprove"; did you mean "approve"?'],
    ['the default role', (c: Record<string, unknown>) => void (c.defaultRole = 'veiwer'), 'defaultRole: unknown role "veiwer"; did you mean "viewer"?'],
  ])('refuses %s with the key and a did-you-mean', (_name, change, message) => {
    const start = load(change as (c: typeof BASE & Record<string, unknown>) => void);
    expect(start).toThrow(ConfigError);
    expect(start).toThrow(message);
  });

  it('a role the config defines may be granted', () => {
    expect(load((c) => void ((c as Record<string, unknown>).roles = { 'release-manager': ['view', 'deploy'] }, c.people[0]!.roles.push('release-manager@staging')))().people[0]?.roles).toContain('release-manager@staging');
  });
});

describe('approvals that nobody could give are refused at start', () => {
  it('approvals: 2 with one eligible approver', () => {
    const start = load((c) => void (c.environments.production.approvals = 2));
    expect(start).toThrow('environments.production.approvals: needs 2 approvals from different people, but only bob may approve there; grant approver@production to more people or lower the number.');
  });

  it('approvals in a protected environment are not given by a grant without @env', () => {
    const start = load((c) => void (c.people[1]!.roles = ['approver']));
    expect(start).toThrow('environments.production.approvals: needs 1 approval from different people, but nobody may approve there');
  });

  it('a runbook needing approvals in an environment nobody approves in', () => {
    const start = load((c) => {
      (c as Record<string, unknown>).runbooks = { restore: { description: 'x', engine: { type: 'script', command: 'true' }, envs: ['production'], approvals: 2 } };
    });
    expect(start).toThrow('runbooks.restore.approvals (in production): needs 2 approvals');
  });

  it('an admin anywhere, or a group grant that may reach people not listed, counts as enough', () => {
    expect(load((c) => void ((c.environments.production.approvals = 2), c.people[0]!.roles.push('admin')))().environments.production?.approvals).toBe(2);
    expect(load((c) => void ((c.environments.production.approvals = 3), ((c as Record<string, unknown>).groups = { 'slack:S0REL': ['approver@production'] })))().environments.production?.approvals).toBe(3);
  });
});
