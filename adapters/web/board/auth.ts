import { boardSession } from '../../../bot/board/sessions.js';
import type { Actor } from '../../../bot/model.js';
import type { Ops } from '../../../bot/ops.js';
import type { BoardSessionRecord } from '../../../data/records/board.js';
import type { HttpRequest } from '../../http/types.js';

export const COOKIE = 'dayops_board';

export interface SignedIn {
  actor: Actor;
  session: BoardSessionRecord;
}

/** The signed-in person behind a request's cookie, if its session is known and current. */
export async function signedIn(ops: Ops, req: HttpRequest): Promise<SignedIn | undefined> {
  const value = cookieValue(req.headers.cookie, COOKIE);
  if (!value) return undefined;
  const session = await boardSession(ops, value);
  return session ? { actor: session.actor, session } : undefined;
}

/** The cookie a sign-in sets: never readable by scripts, sent on same-site navigation only. */
export function sessionCookie(value: string, expiresAt: Date, now: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - now.getTime()) / 1000));
  return `${COOKIE}=${value}; Path=/board; Max-Age=${maxAge}; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
