import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { open, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Config } from '../bot/config/schema.js';
import { silentLogger } from '../bot/log.js';
import { AppendLog } from '../data/append-log.js';
import { checkManifestSignature, manifestPathFor, signManifest, type AuditManifest } from '../data/audit-manifest.js';
import { ChainVerifier, checkEnd, verifyLines, type ChainReport } from '../data/audit-verify.js';
import { DataFileError } from '../data/load-state.js';
import { AUDIT_FILE } from '../data/lowdb-store.js';
import { openStoreForReading, StoreOpenError } from '../data/store-factory.js';
import { fileProblem } from './file-errors.js';

/** Problems the person can fix (a missing file, an unreadable key): a message and exit code. */
class AuditCommandError extends Error {}

function out(line: string): void {
  process.stdout.write(`${line}\n`);
}

async function guarded(fn: () => Promise<number>, target?: string): Promise<number> {
  try {
    return await fn();
  } catch (err) {
    const problem = target === undefined ? undefined : fileProblem(err, target);
    if (problem !== undefined || err instanceof AuditCommandError || err instanceof DataFileError || err instanceof StoreOpenError) {
      process.stderr.write(`dayops: ${problem ?? (err as Error).message}\n`);
      return 1;
    }
    throw err;
  }
}

/**
 * Writes the audit log as JSON lines, checking the chain as it goes; with
 * DAYOPS_AUDIT_SIGNING_KEY set, also `<file>.manifest.json`, signed.
 */
export function exportAuditCommand(config: Config, file: string): Promise<number> {
  return guarded(async () => {
    // Opened first, so a missing folder is an answer rather than a stream's unhandled error.
    const handle = await open(file, 'w');
    const store = await openStoreForReading(config, silentLogger).catch(async (err: unknown) => {
      await handle.close();
      throw err;
    });
    const digest = createHash('sha256');
    const verifier = new ChainVerifier();
    const stream = createWriteStream(file, { fd: handle });
    let n = 0;
    try {
      await store.exportAudit(async (line) => {
        verifier.add(line, ++n);
        digest.update(`${line}\n`);
        if (!stream.write(`${line}\n`)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
      });
      await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
      const report = store.auditHead ? checkEnd(verifier.report(), await store.auditHead(), 'the database') : verifier.report();
      out(`Wrote ${n} audit events to ${file}.`);
      if (report.broken) {
        out(brokenLine(report));
        if (config.secrets.auditSigningKey) out('No manifest was signed: a signature would vouch for a log that does not hold.');
        return 1;
      }
      if (!config.secrets.auditSigningKey) return 0;
      const manifest = signManifest(
        { file: basename(file), sha256: digest.digest('hex'), entries: n, head: report.head, createdAt: new Date().toISOString() },
        createPrivateKey(config.secrets.auditSigningKey),
      );
      await writeFile(manifestPathFor(file), `${JSON.stringify(manifest, null, 2)}\n`);
      out(`Signed manifest ${manifestPathFor(file)} (key fingerprint ${manifest.keyFingerprint}).`);
      return 0;
    } finally {
      await store.close();
    }
  }, file);
}

export interface VerifyOptions {
  /** A manifest other than `<file>.manifest.json`. */
  manifest?: string;
  /** The signer's public key (PEM), so the manifest's own copy of it need not be trusted. */
  publicKey?: string;
}

/** Checks an exported file (and its manifest), or the store's own log when no file is given. */
export function verifyAuditCommand(config: Config, file: string | undefined, options: VerifyOptions): Promise<number> {
  return guarded(async () => {
    const report = file ? await verifyFile(file, options) : await verifyStore(config);
    out(report.broken ? brokenLine(report) : intactLine(report));
    return report.broken ? 1 : 0;
  });
}

async function verifyStore(config: Config): Promise<ChainReport> {
  if (!config.secrets.databaseUrl) return verifyDataDir(join(config.dataDir, AUDIT_FILE));
  const store = await openStoreForReading(config, silentLogger);
  try {
    const report = await verifyLines((visit) => store.exportAudit(visit));
    return store.auditHead ? checkEnd(report, await store.auditHead(), 'the database') : report;
  } finally {
    await store.close();
  }
}

/** The embedded store's audit.jsonl as it lies, line by line, without the store's own `seq`. */
async function verifyDataDir(path: string): Promise<ChainReport> {
  if (!existsSync(path)) throw new AuditCommandError(`There is no audit log at ${path}; check dataDir (DAYOPS_DATA_DIR).`);
  const verifier = new ChainVerifier();
  await new AppendLog(path).forEach((text, line, terminated) => {
    // A last line without its newline is an append still under way beside the running bot.
    if (!terminated) return;
    let entry: unknown;
    try {
      entry = JSON.parse(text);
    } catch {
      return void verifier.add(text, line);
    }
    if (entry && typeof entry === 'object') delete (entry as { seq?: unknown }).seq;
    verifier.addEntry(entry, line);
  });
  return verifier.report();
}

async function verifyFile(file: string, options: VerifyOptions): Promise<ChainReport> {
  const bytes = await readFile(file).catch((err: Error) => {
    throw new AuditCommandError(`Cannot read ${file}: ${err.message}`);
  });
  const report = await verifyLines(async (visit) => {
    for (const line of bytes.toString('utf8').split('\n')) if (line !== '') visit(line);
  });
  const manifestPath = options.manifest ?? (existsSync(manifestPathFor(file)) ? manifestPathFor(file) : undefined);
  if (!manifestPath) {
    if (options.publicKey) throw new AuditCommandError(`--public-key needs a manifest; none found at ${manifestPathFor(file)} (give one with --manifest).`);
    return report;
  }
  const manifest = await readManifest(manifestPath);
  const wrongSignature = checkManifestSignature(manifest, options.publicKey ? await readPublicKey(options.publicKey) : undefined);
  if (wrongSignature) return { ...report, broken: { line: 0, reason: `${manifestPath}: ${wrongSignature}` } };
  const checked = checkEnd(report, manifest.head, 'the signed manifest');
  if (checked.broken) return checked;
  if (createHash('sha256').update(bytes).digest('hex') !== manifest.sha256) {
    return { ...report, broken: { line: 0, reason: 'the file is not the one the manifest signed (its SHA-256 differs)' } };
  }
  const whose = options.publicKey ? 'the key given' : 'compare it with the one you were given';
  out(`Manifest ${manifestPath}: signature valid, file unchanged (key fingerprint ${manifest.keyFingerprint}; ${whose}).`);
  return checked;
}

async function readManifest(path: string): Promise<AuditManifest> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as AuditManifest;
  } catch (err) {
    throw new AuditCommandError(`Cannot read the manifest ${path}: ${(err as Error).message}`);
  }
}

async function readPublicKey(path: string): Promise<KeyObject> {
  try {
    return createPublicKey(await readFile(path, 'utf8'));
  } catch (err) {
    throw new AuditCommandError(`Cannot read the public key ${path}: ${(err as Error).message}`);
  }
}

function intactLine(report: ChainReport): string {
  const older = report.unchained > 0 ? `; ${report.unchained} older entries from before the chain are not covered` : '';
  return `Audit log intact: ${report.entries} entries, each linked to the one before${older}. Head: entry ${report.head.n}, ${report.head.hash}.`;
}

function brokenLine(report: ChainReport): string {
  const b = report.broken!;
  const where = b.line > 0 ? `line ${b.line}${b.n !== undefined ? ` (entry ${b.n})` : ''}` : 'the manifest';
  const before = report.entries === 0 ? '' : report.entries === 1 ? ' The entry before it holds.' : ` The ${report.entries} entries before it hold.`;
  return `Audit log BROKEN at ${where}: ${b.reason}.${before}`;
}
