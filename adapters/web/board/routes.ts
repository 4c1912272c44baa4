import { readFileSync } from 'node:fs';
import type { AppContext } from '../../../bot/app-context.js';
import { deployMatrix } from '../../../bot/board/matrix.js';
import { redeemBoardLink } from '../../../bot/board/sessions.js';
import { isUserError } from '../../../bot/errors.js';
import type { Actor } from '../../../bot/model.js';
import type { Ops } from '../../../bot/ops.js';
import type { HttpRequest, HttpResponse } from '../../http/types.js';
import { sessionCookie, signedIn, type SignedIn } from './auth.js';
import type { Html } from './html.js';
import { page, type PageOptions, type Viewer } from './layout.js';
import { LiveHub } from './live.js';
import { findPage, BOARD_PAGES, type BoardPage } from './pages.js';
import { refusalBody, signInBody } from './pages/audit.js';
import { matrixBody } from './pages/matrix.js';

const SECURITY_HEADERS = {
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  // The sign-in link is in the address bar: it must never travel on as a Referer.
  'referrer-policy': 'no-referrer',
};

const asset = (name: string) => readFileSync(new URL(`./assets/${name}`, import.meta.url), 'utf8');

/**
 * The web board: read-only pages under /board, behind a session opened by a one-time link from
 * the `board` chat command. Every route of the board is mounted here, in one place.
 */
export function installBoard(app: Pick<AppContext, 'ops' | 'http'>): LiveHub {
  const { ops, http } = app;
  const hub = new LiveHub(ops.log);
  const css = asset('board.css');
  const js = asset('live.js');
  http.route('GET', '/board/assets/board.css', () => ({ status: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' }, body: css }));
  http.route('GET', '/board/assets/live.js', () => ({ status: 200, headers: { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'max-age=300' }, body: js }));
  http.route('GET', '/board/signin/:secret', (req) => htmlPage(200, { title: 'Sign in' }, signInBody(req.params.secret ?? '')));
  http.route('POST', '/board/signin', (req) => signIn(ops, req));
  http.route('GET', '/board/status', () => publicStatus(ops));
  http.route('GET', '/board/events', (req) => events(ops, hub, req));
  for (const p of BOARD_PAGES) http.route('GET', p.pattern, (req) => servePage(ops, p, req));
  return hub;
}

async function servePage(ops: Ops, p: BoardPage, req: HttpRequest): Promise<HttpResponse> {
  const who = await signedIn(ops, req);
  if (!who) return notSignedIn(ops);
  const viewer = viewerOf(ops, who.actor);
  const refusal = refuse(ops, who.actor, p);
  if (refusal) return htmlPage(403, { title: 'Not allowed', viewer }, refusalBody('Not allowed', refusal));
  try {
    const built = await p.build({ ops, params: { ...req.params }, query: req.query });
    return htmlPage(200, { title: built.title, section: built.section, viewer, ...(p.live ? { live: liveKey(req) } : {}) }, built.body);
  } catch (err) {
    if (!isUserError(err)) throw err;
    const status = err.code === 'not_found' ? 404 : 400;
    return htmlPage(status, { title: status === 404 ? 'Not found' : 'Bad request', viewer }, refusalBody(status === 404 ? 'Not found' : 'Bad request', err.message));
  }
}

/** The person's dayops roles decide, as in chat: `view` for the pages, `audit` for the audit log. */
function refuse(ops: Ops, actor: Actor, p: BoardPage): string | undefined {
  if (ops.people.can(actor, { permission: p.permission })) return undefined;
  const held = ops.people.permissionsOf(actor);
  return `You need the ${p.permission} permission to see this page; you have: ${held.length > 0 ? held.join(', ') : 'none'}.`;
}

function viewerOf(ops: Ops, actor: Actor): Viewer {
  return { displayName: ops.people.identify(actor).displayName, canAudit: ops.people.can(actor, { permission: 'audit' }) };
}

function liveKey(req: HttpRequest): string {
  const q = req.query.toString();
  return q ? `${req.path}?${q}` : req.path;
}

function notSignedIn(ops: Ops): HttpResponse {
  const status = ops.config.board.publicStatus ? ' The public status view is at /board/status.' : '';
  return htmlPage(401, { title: 'Sign in' }, refusalBody('Sign in to the board', `Type board to dayops in chat (Slack, Discord or the shell): it answers you privately with a link that signs you in.${status}`));
}

async function signIn(ops: Ops, req: HttpRequest): Promise<HttpResponse> {
  if (!sameOrigin(req)) return htmlPage(403, { title: 'Not allowed' }, refusalBody('Not allowed', 'Sign-in is only accepted from the board’s own page.'));
  const secret = new URLSearchParams(req.rawBody.toString('utf8')).get('secret') ?? '';
  const result = await redeemBoardLink(ops, secret);
  if (!result.ok) return htmlPage(403, { title: 'Sign-in refused' }, refusalBody('Sign-in refused', result.reason));
  const secure = /^https:/i.test(ops.config.publicUrl ?? '');
  return { status: 303, headers: { ...SECURITY_HEADERS, location: '/board', 'set-cookie': sessionCookie(result.cookie, result.expiresAt, ops.clock.now(), secure) }, body: '' };
}

/**
 * A sign-in form posted from another site is refused (nobody is signed in against their will).
 * Browsers say where a request comes from in Sec-Fetch-Site; with no-referrer pages some send
 * `Origin: null` even from the same origin, so Origin decides only when it names a site.
 */
function sameOrigin(req: HttpRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = req.headers.origin;
  if (origin === undefined || origin === 'null') return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

async function publicStatus(ops: Ops): Promise<HttpResponse> {
  if (!ops.config.board.publicStatus) return htmlPage(404, { title: 'Not found' }, refusalBody('Not found', 'The public status view is not turned on (board.publicStatus in the config).'));
  const m = await ops.store.read((tx) => deployMatrix(ops, tx));
  return htmlPage(200, { title: 'Status', live: '/board/status' }, matrixBody(m, ops.config.timezone, { links: false }));
}

async function events(ops: Ops, hub: LiveHub, req: HttpRequest): Promise<HttpResponse> {
  const target = req.query.get('path') ?? '';
  const [path = '', query = ''] = target.split('?', 2);
  const render = liveRenderer(ops, path, new URLSearchParams(query));
  if (!render) return { status: 404, body: { error: 'not_found', message: `${path} is not a live board page.` } };
  let who: SignedIn | undefined;
  if (!(path === '/board/status' && ops.config.board.publicStatus)) {
    who = await signedIn(ops, req);
    if (!who) return { status: 401, body: { error: 'unauthorized', message: 'Sign in first: type board in chat.' } };
    const found = findPage(path);
    if (found && refuse(ops, who.actor, found.page)) return { status: 403, body: { error: 'forbidden', message: 'Your roles do not show this page.' } };
  }
  const first = await render();
  const expiresAt = who ? Date.parse(who.session.expiresAt) : Infinity;
  return {
    status: 200,
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' },
    stream: (sink) => hub.watch(target, first, render, sink, () => ops.clock.now().getTime() >= expiresAt),
  };
}

/** What re-renders a live page's changing part, or undefined for a path that is not one. */
function liveRenderer(ops: Ops, path: string, query: URLSearchParams): (() => Promise<string>) | undefined {
  if (path === '/board/status') return async () => matrixBody(await ops.store.read((tx) => deployMatrix(ops, tx)), ops.config.timezone, { links: false }).text;
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return undefined;
  }
  const found = findPage(decoded);
  if (!found?.page.live) return undefined;
  return async () => (await found.page.build({ ops, params: found.params, query })).body.text;
}

function htmlPage(status: number, options: PageOptions, body: Html): HttpResponse {
  return { status, headers: { ...SECURITY_HEADERS, 'content-type': 'text/html; charset=utf-8' }, body: page(options, body).text };
}
