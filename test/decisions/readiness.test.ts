import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../bin/config.js';
import { readiness, requiredCategories } from '../../bot/decisions/readiness.js';
import { tempDir } from '../support/temp-dir.js';
import { harness, textOf, type Harness } from './harness.js';

async function covered(h: Harness, service: string, env: string) {
  return h.ops.store.read((tx) => readiness(h.ops, tx, service, env));
}

describe('readiness with the demo config', () => {
  it('production requires database, monitoring, security and success-criteria; staging nothing', async () => {
    const h = await harness();
    expect(await covered(h, 'api', 'production')).toEqual({
      service: 'api',
      env: 'production',
      items: [{ category: 'database' }, { category: 'monitoring' }, { category: 'security' }, { category: 'success-criteria' }],
      missing: ['database', 'monitoring', 'security', 'success-criteria'],
      evidence: [],
      ready: false,
    });
    expect(await covered(h, 'api', 'staging')).toEqual({ service: 'api', env: 'staging', items: [], missing: [], evidence: [], ready: true });
  });

  it('counts accepted decisions for the service or for all services, not proposed, rejected or superseded ones, nor other services', async () => {
    const h = await harness();
    await h.decide('Backups for api --category database --service api'); // D-1
    await h.decide('Prometheus everywhere --category monitoring'); // D-2, all services
    await h.decide('Vault for web --category security --service web'); // D-3, another service
    await h.decide('p99 under 300 ms --category success-criteria --service api'); // D-4, stays proposed
    await h.decide('Old security baseline --category security'); // D-5
    await h.decide('New security baseline --category security'); // D-6
    for (const id of ['D-1', 'D-2', 'D-3', 'D-5', 'D-6']) await h.accept(id);
    await h.run('bob', 'decision supersede D-5 D-6');
    const r = await covered(h, 'api', 'production');
    expect(r.items).toEqual([
      { category: 'database', decision: { id: 'D-1', title: 'Backups for api' } },
      { category: 'monitoring', decision: { id: 'D-2', title: 'Prometheus everywhere' } },
      { category: 'security', decision: { id: 'D-6', title: 'New security baseline' } },
      { category: 'success-criteria' },
    ]);
    expect(r.missing).toEqual(['success-criteria']);
    await h.accept('D-4');
    expect((await covered(h, 'api', 'production')).ready).toBe(true);
    expect((await covered(h, 'web', 'production')).missing).toEqual(['database', 'success-criteria']);
  });

  it('prefers a decision for the service over one for all services', async () => {
    const h = await harness();
    await h.decide('Prometheus for api --category monitoring --service api');
    await h.decide('Datadog everywhere --category monitoring');
    await h.accept('D-1');
    await h.accept('D-2');
    const r = await covered(h, 'api', 'production');
    expect(r.items[1]).toEqual({ category: 'monitoring', decision: { id: 'D-1', title: 'Prometheus for api' } });
  });

  it('refuses an unknown service or environment', async () => {
    const h = await harness();
    await expect(covered(h, 'mobile', 'production')).rejects.toThrow('There is no service "mobile"; the services are api, web.');
    await expect(covered(h, 'api', 'qa')).rejects.toThrow('There is no environment "qa"; the environments are staging, production.');
  });
});

describe('readiness command', () => {
  it('shows each category with its decision, before and after', async () => {
    const h = await harness();
    const before = await h.run('carol', 'readiness api production');
    expect(before.message.title).toBe('Readiness of api');
    expect(before.message.tone).toBe('warning');
    expect(before.message.fields).toEqual([
      {
        label: 'production: 4 missing',
        value: '✗ database: no accepted decision\n✗ monitoring: no accepted decision\n✗ security: no accepted decision\n✗ success-criteria: no accepted decision',
      },
    ]);
    for (const [title, category] of [['Backups', 'database'], ['Prometheus', 'monitoring'], ['Vault', 'security'], ['p99 under 300 ms', 'success-criteria']]) {
      const id = await h.decide(`${title} --category ${category} --service api`);
      await h.accept(id);
    }
    const after = await h.run('carol', 'readiness api production');
    expect(after.message.tone).toBe('success');
    expect(after.message.fields?.[0]).toEqual({
      label: 'production: ready',
      value: '✓ database: D-1 Backups\n✓ monitoring: D-2 Prometheus\n✓ security: D-3 Vault\n✓ success-criteria: D-4 p99 under 300 ms',
    });
  });

  it('without an environment shows every environment', async () => {
    const h = await harness();
    const r = await h.run('alice', 'readiness web');
    expect(r.message.fields?.map((f) => f.label)).toEqual(['staging: ready', 'production: 4 missing']);
    expect(r.message.fields?.[0]?.value).toBe('Requires no decisions.');
  });

  it('answers an unknown environment in one sentence', async () => {
    const h = await harness();
    const r = await h.run('alice', 'readiness api qa');
    expect(r.failed).toBe(true);
    expect(textOf(r)).toBe('There is no environment "qa"; the environments are staging, production.');
  });
});

describe('readiness with a custom config', () => {
  function configFile(yaml: string) {
    const path = join(tempDir(), 'dayops.config.yaml');
    writeFileSync(path, yaml);
    return loadConfig({}, path);
  }

  it('uses requiredCategories from the config, and the production default when it is absent', async () => {
    const config = configFile(
      [
        'people:',
        '  - { name: dana, roles: [author, approver] }',
        'services: { billing: {} }',
        'environments:',
        '  qa: { requiredCategories: [security, budget] }',
        '  production: {}',
        '  sandbox: {}',
      ].join('\n'),
    );
    expect(requiredCategories(config, 'qa')).toEqual(['security', 'budget']);
    expect(requiredCategories(config, 'production')).toEqual(['database', 'monitoring', 'security', 'success-criteria']);
    expect(requiredCategories(config, 'sandbox')).toEqual([]);
    const h = await harness({ config });
    const d = await h.run('dana', 'decide Cap spend at 2k a month --category budget --service billing');
    expect(d.failed).toBeUndefined();
    await h.run('dana', 'decision accept D-1');
    expect(await covered(h, 'billing', 'qa')).toMatchObject({
      items: [{ category: 'security' }, { category: 'budget', decision: { id: 'D-1' } }],
      missing: ['security'],
    });
  });

  it('refuses an unknown category in the config when it loads', () => {
    expect(() => configFile('environments:\n  production: { requiredCategories: [caching] }\n')).toThrow(/requiredCategories/);
  });
});
