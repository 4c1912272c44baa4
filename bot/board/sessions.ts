import { createHash, randomBytes } from 'node:crypto';
import type { BoardActor, BoardSessionRecord } from '../../data/records/board.js';
import type { AuditEvent } from '../../data/store.js';
import type { Config } from '../config/schema.js';
import type { Actor } from '../model.js';
import type { Ops } from '../ops.js';

/** A sign-in link is good for ten minutes, once. */
export const LINK_MINUTES = 10;
const MINUTE_MS = 60_000;

export const signInPath = (secret: string) => `/board/signin/${secret}`;

/** Where people reach the board: the public URL when set, else the HTTP server's own address. */
export function boardBaseUrl(config: Pick<Config, 'publicUrl' | 'http'>): string {
  return (config.publicUrl ?? `http://${config.http.host}:${config.http.port}`).replace(/\/+$/, '');
}

/** Only the hash of a secret is stored: a copy of the store opens no board. */
const hashOf = (secret: string) => createHash('sha256').update(secret).digest('base64url');

export interface IssuedLink {
  url: string;
  expiresAt: Date;
}

/** A one-time sign-in link for whoever asked in chat; their roles apply to what the board shows. */
export async function issueBoardLink(ops: Ops, actor: Actor, base = boardBaseUrl(ops.config)): Promise<IssuedLink> {
  const secret = randomBytes(32).toString('base64url');
  const now = ops.clock.now();
  const expiresAt = new Date(now.getTime() + LINK_MINUTES * MINUTE_MS);
  await ops.store.transact(async (tx) => {
    await tx.put('boardLink', { id: hashOf(secret), actor: boardActor(actor), createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
  });
  return { url: `${base}${signInPath(secret)}`, expiresAt };
}

export type Redeemed = { ok: true; cookie: string; expiresAt: Date; actor: BoardActor } | { ok: false; reason: string };

/**
 * Trades a link's secret for a session, in one transaction: on several replicas, only one of two
 * uses of the same link gets a session. The sign-in goes on the audit log.
 */
export async function redeemBoardLink(ops: Ops, secret: string): Promise<Redeemed> {
  const now = ops.clock.now();
  return ops.store.transact(async (tx) => {
    const link = await tx.get('boardLink', hashOf(secret));
    if (!link) return { ok: false, reason: 'This sign-in link is not known. Type board in chat for a new one.' };
    if (link.usedAt) return { ok: false, reason: 'This sign-in link was already used; each link opens the board once. Type board in chat for a new one.' };
    if (Date.parse(link.expiresAt) <= now.getTime()) {
      return { ok: false, reason: `This sign-in link expired (links last ${LINK_MINUTES} minutes). Type board in chat for a new one.` };
    }
    await tx.put('boardLink', { ...link, usedAt: now.toISOString() }, { closed: true });
    const cookie = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + ops.config.board.sessionHours * 3_600_000);
    await tx.put('boardSession', { id: hashOf(cookie), actor: link.actor, createdAt: now.toISOString(), expiresAt: expiresAt.toISOString() });
    tx.audit(signInEvent(link.actor, now));
    return { ok: true, cookie, expiresAt, actor: link.actor };
  });
}

/** The session a cookie opens, if it is known and has not expired. */
export async function boardSession(ops: Ops, cookie: string): Promise<BoardSessionRecord | undefined> {
  if (!/^[\w-]{43}$/.test(cookie)) return undefined;
  const session = await ops.store.read((tx) => tx.get('boardSession', hashOf(cookie)));
  if (!session || Date.parse(session.expiresAt) <= ops.clock.now().getTime()) return undefined;
  return session;
}

function boardActor(actor: Actor): BoardActor {
  return {
    platform: actor.platform,
    userId: actor.userId,
    displayName: actor.displayName,
    ...(actor.person ? { person: actor.person } : {}),
    ...(actor.groups ? { groups: actor.groups } : {}),
  };
}

function signInEvent(actor: BoardActor, now: Date): AuditEvent {
  return {
    time: now.toISOString(),
    actor: { platform: actor.platform, userId: actor.userId, ...(actor.person ? { person: actor.person } : {}) },
    platform: 'http',
    action: 'board.signin',
    outcome: 'ok',
    summary: `signed in to the web board with a link asked for on ${actor.platform}`,
  };
}
