import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The application's public key (64 hex characters, from the Developer Portal) as a key node:crypto can use. */
export function discordPublicKey(hex: string): KeyObject {
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error('DISCORD_PUBLIC_KEY must be the 64 hex characters shown in the Developer Portal.');
  const x = Buffer.from(hex, 'hex').toString('base64url');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x }, format: 'jwk' });
}

/** Discord signs `timestamp + raw body` with Ed25519; the signature arrives as hex. */
export function verifyDiscordSignature(key: KeyObject, signature: string | undefined, timestamp: string | undefined, rawBody: Buffer): boolean {
  if (!signature || !timestamp || !/^[0-9a-fA-F]{128}$/.test(signature)) return false;
  try {
    return verify(null, Buffer.concat([Buffer.from(timestamp, 'utf8'), rawBody]), key, Buffer.from(signature, 'hex'));
  } catch {
    return false;
  }
}
