import { generateKeyPairSync } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import { exportAuditCommand, verifyAuditCommand } from '../../bin/audit-commands.js';
import { ConfigError, loadConfig } from '../../bin/config.js';
import { openLowdbStore } from '../../data/lowdb-store.js';
import type { AuditEvent } from '../../data/store.js';
import { tempDir } from '../support/temp-dir.js';

const event = (summary: string): AuditEvent => ({
  time: '2026-01-01T00:00:00.000Z',
  actor: { platform: 'shell', userId: 'alice', person: 'alice' },
  platform: 'shell',
  action: 'deployment.request',
  target: 'DEP-1',
  outcome: 'ok',
  summary,
});

/** What the command printed, line by line. */
function captureOutput(): string[] {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).trimEnd().split('\n'));
    return true;
  });
  onTestFinished(() => spy.mockRestore());
  return lines;
}

async function dataDirWith(summaries: string[]): Promise<string> {
  const dir = tempDir();
  const store = await openLowdbStore({ dir });
  for (const s of summaries) await store.transact(async (tx) => tx.audit(event(s)));
  await store.appendAudit({ ...event('refused'), outcome: 'refused' });
  await store.close();
  return dir;
}

function keyPair(dir: string): { privatePem: string; publicFile: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const publicFile = join(dir, 'auditor.pem');
  writeFileSync(publicFile, publicKey.export({ type: 'spki', format: 'pem' }));
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicFile };
}

describe('dayops verify-audit and export-audit', () => {
  it('verifies the data directory, then names the entry someone edited in audit.jsonl', async () => {
    const dir = await dataDirWith(['one', 'two', 'three']);
    const config = loadConfig({ DAYOPS_DATA_DIR: dir });
    const out = captureOutput();
    expect(await verifyAuditCommand(config, undefined, {})).toBe(0);
    expect(out.at(-1)).toMatch(/^Audit log intact: 4 entries, each linked to the one before\. Head: entry 4, [0-9a-f]{64}\.$/);
    const file = join(dir, 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"two"', '"nothing to see"'));
    expect(await verifyAuditCommand(config, undefined, {})).toBe(1);
    expect(out.at(-1)).toBe('Audit log BROKEN at line 2 (entry 2): entry 2 was changed after it was written: its hash does not match its content. The entry before it holds.');
  });

  it('signs an export with the key from the environment; the auditor checks it offline and catches every change', async () => {
    const dir = await dataDirWith(['one', 'two']);
    const { privatePem, publicFile } = keyPair(dir);
    const config = loadConfig({ DAYOPS_DATA_DIR: dir, DAYOPS_AUDIT_SIGNING_KEY: privatePem });
    const out = captureOutput();
    const file = join(dir, 'export.jsonl');
    expect(await exportAuditCommand(config, file)).toBe(0);
    expect(out[0]).toBe(`Wrote 3 audit events to ${file}.`);
    expect(out[1]).toMatch(new RegExp(`^Signed manifest ${file}\\.manifest\\.json \\(key fingerprint [0-9a-f]{64}\\)\\.$`));
    const manifest = JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')) as { entries: number; head: { n: number } };
    expect(manifest).toMatchObject({ format: 'dayops-audit-manifest/1', file: 'export.jsonl', entries: 3, head: { n: 3 } });

    const plain = loadConfig({ DAYOPS_DATA_DIR: tempDir() });
    expect(await verifyAuditCommand(plain, file, { publicKey: publicFile })).toBe(0);
    expect(out.at(-1)).toMatch(/^Audit log intact: 3 entries/);

    const original = readFileSync(file, 'utf8');
    const lines = original.trimEnd().split('\n');
    writeFileSync(file, `${lines.slice(0, 2).join('\n')}\n`);
    expect(await verifyAuditCommand(plain, file, {})).toBe(1);
    expect(out.at(-1)).toBe('Audit log BROKEN at line 3: the log ends at entry 2 but the signed manifest records 3: entry 3 was removed. The 2 entries before it hold.');

    writeFileSync(file, original);
    const forged = { ...JSON.parse(readFileSync(`${file}.manifest.json`, 'utf8')), entries: 2 } as object;
    writeFileSync(`${file}.manifest.json`, JSON.stringify(forged));
    expect(await verifyAuditCommand(plain, file, {})).toBe(1);
    expect(out.at(-1)).toMatch(/BROKEN at the manifest: .*signature does not match its content/);

    const other = keyPair(tempDir());
    writeFileSync(`${file}.manifest.json`, JSON.stringify({ ...forged, entries: 3 }));
    expect(await verifyAuditCommand(plain, file, { publicKey: other.publicFile })).toBe(1);
    expect(out.at(-1)).toMatch(/signed with another key than the one given/);
  });

  it('refuses to sign a log whose chain is broken', async () => {
    const dir = await dataDirWith(['one', 'two']);
    const file = join(dir, 'audit.jsonl');
    writeFileSync(file, readFileSync(file, 'utf8').replace('"one"', '"zero"'));
    const config = loadConfig({ DAYOPS_DATA_DIR: dir, DAYOPS_AUDIT_SIGNING_KEY: keyPair(dir).privatePem });
    const out = captureOutput();
    const target = join(dir, 'export.jsonl');
    expect(await exportAuditCommand(config, target)).toBe(1);
    expect(out).toContain('No manifest was signed: a signature would vouch for a log that does not hold.');
  });

  it('refuses a signing key that is not Ed25519 at start, naming the variable', () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(() => loadConfig({ DAYOPS_AUDIT_SIGNING_KEY: pem })).toThrow(ConfigError);
    expect(() => loadConfig({ DAYOPS_AUDIT_SIGNING_KEY: pem })).toThrow(/DAYOPS_AUDIT_SIGNING_KEY must hold an Ed25519 private key.*is a ec key/);
    expect(() => loadConfig({ DAYOPS_AUDIT_SIGNING_KEY: 'not a key' })).toThrow(/cannot be read as a private key/);
  });
});
