import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import type { Config } from '../../bot/config/schema.js';
import type { Actor } from '../../bot/model.js';
import { People } from '../../bot/people.js';

const config: Config = {
  ...loadConfig({}),
  demo: false,
  people: [
    { name: 'dev', identities: { slack: ['U1'] }, roles: ['deployer'] },
    { name: 'rel', identities: { discord: ['42'] }, roles: ['deployer@production'] },
    { name: 'boss', identities: {}, roles: ['admin'] },
    { name: 'stage-admin', identities: {}, roles: ['admin@staging'] },
  ],
  groups: { 'slack:S9': ['approver@production'] },
};
const people = new People(config);
const shell = (name: string): Actor => ({ platform: 'shell', userId: name, displayName: name });

describe('grants', () => {
  it('reaches unprotected environments with a plain grant, protected ones only when named', () => {
    expect(people.can(shell('dev'), { permission: 'deploy', env: 'staging' })).toBe(true);
    expect(people.can(shell('dev'), { permission: 'deploy', env: 'production' })).toBe(false);
    expect(people.can(shell('rel'), { permission: 'deploy', env: 'production' })).toBe(true);
    expect(people.can(shell('rel'), { permission: 'deploy', env: 'staging' })).toBe(false);
  });

  it('lets an administrator granted everywhere act everywhere, and one granted in staging only there', () => {
    expect(people.can(shell('boss'), { permission: 'deploy', env: 'production' })).toBe(true);
    expect(people.can(shell('boss'), { permission: 'audit' })).toBe(true);
    expect(people.can(shell('stage-admin'), { permission: 'deploy', env: 'staging' })).toBe(true);
    expect(people.can(shell('stage-admin'), { permission: 'deploy', env: 'production' })).toBe(false);
  });

  it('maps platform identities and groups, and gives everyone else the default role', () => {
    expect(people.identify({ platform: 'slack', userId: 'U1', displayName: 'x' }).person).toBe('dev');
    expect(people.identify({ platform: 'discord', userId: '42', displayName: 'x' }).person).toBe('rel');
    const inGroup: Actor = { platform: 'slack', userId: 'U77', displayName: 'x', groups: ['S9'] };
    expect(people.can(inGroup, { permission: 'approve', env: 'production' })).toBe(true);
    const stranger: Actor = { platform: 'slack', userId: 'U99', displayName: 'x' };
    expect(people.identify(stranger).grants).toEqual([{ role: 'viewer' }]);
    expect(people.can(stranger, { permission: 'view' })).toBe(true);
    expect(people.can(stranger, { permission: 'deploy', env: 'staging' })).toBe(false);
  });
});
