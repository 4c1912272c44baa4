import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { ChainHead } from './audit-chain.js';

export const MANIFEST_FORMAT = 'dayops-audit-manifest/1';

/**
 * What an auditor needs to check an export offline: the file's digest, how many entries it
 * holds and the chain's last link, signed with Ed25519 over the RFC 8785 canonical JSON of
 * every other field.
 */
export interface AuditManifest {
  format: typeof MANIFEST_FORMAT;
  file: string;
  sha256: string;
  entries: number;
  head: ChainHead;
  createdAt: string;
  /** SPKI PEM of the signing key; compare its fingerprint with the one you were given. */
  publicKey: string;
  /** Hex SHA-256 of the public key's DER, the short form to compare. */
  keyFingerprint: string;
  /** Base64 Ed25519 signature. */
  signature: string;
}

export function manifestPathFor(file: string): string {
  return `${file}.manifest.json`;
}

export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}

export function signManifest(body: Omit<AuditManifest, 'format' | 'publicKey' | 'keyFingerprint' | 'signature'>, privateKey: KeyObject): AuditManifest {
  const publicKey = createPublicKey(privateKey);
  const unsigned = {
    format: MANIFEST_FORMAT,
    ...body,
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    keyFingerprint: keyFingerprint(publicKey),
  } as const;
  const signature = sign(null, Buffer.from(canonicalize(unsigned) ?? ''), privateKey).toString('base64');
  return { ...unsigned, signature };
}

/**
 * Checks the signature with the key the manifest names, or with `trusted` when the auditor
 * holds the key; resolves the reason it fails, or undefined when it holds.
 */
export function checkManifestSignature(manifest: AuditManifest, trusted?: KeyObject): string | undefined {
  if (manifest.format !== MANIFEST_FORMAT) return `the manifest is not a ${MANIFEST_FORMAT} manifest`;
  let key: KeyObject;
  try {
    key = trusted ?? createPublicKey(manifest.publicKey);
  } catch {
    return 'the manifest\'s public key cannot be read';
  }
  if (key.asymmetricKeyType !== 'ed25519') return 'the manifest is not signed with an Ed25519 key';
  if (trusted && manifest.keyFingerprint !== keyFingerprint(trusted)) return 'the manifest was signed with another key than the one given';
  const { signature, ...unsigned } = manifest;
  let ok = false;
  try {
    ok = verify(null, Buffer.from(canonicalize(unsigned) ?? ''), key, Buffer.from(signature, 'base64'));
  } catch {
    ok = false;
  }
  return ok ? undefined : 'the manifest\'s signature does not match its content';
}
