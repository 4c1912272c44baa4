import type { Config } from '../../bot/config/schema.js';
import type { Actor, Reply } from '../../bot/model.js';
import { freePort } from '../alerts/alertmanager-process.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../support/test-app.js';

export interface Board {
  app: TestApp;
  /** A command typed in the shell by `person` (a name the config does not know is a viewer). */
  say(person: string, text: string): Promise<Reply>;
  /** The sign-in link `board` answers `person` with, as sent. */
  link(person: string): Promise<string>;
  /** Signs in through the link's page, as a browser without JavaScript does; the session cookie. */
  signIn(link: string): Promise<{ status: number; cookie?: string; body: string }>;
  get(path: string, cookie?: string): Promise<{ status: number; body: string; headers: Headers }>;
}

export const shellActor = (person: string): Actor => ({ platform: 'shell', userId: person, displayName: person });

/** The production app (test-app.ts) and the steps a person takes to reach the board. */
export async function startBoard(options: TestAppOptions & { config?: Config } = {}): Promise<Board> {
  // The link names the configured port, as in production: the port is chosen before the start.
  const app = await startTestApp({ port: await freePort(), ...options });
  const say = (person: string, text: string) => app.router.handleCommand({ actor: shellActor(person), place: { channel: 'shell:ops' }, text });
  const base = app.url;
  const board: Board = {
    app,
    say,
    async link(person) {
      const reply = await say(person, 'board');
      if (reply.visibility !== 'private') throw new Error('the board link was not a private reply');
      const url = reply.message.text ?? '';
      if (!url.includes('/board/signin/')) throw new Error(`no sign-in link in the reply: ${JSON.stringify(reply.message)}`);
      return url;
    },
    async signIn(link) {
      const secret = link.slice(link.lastIndexOf('/') + 1);
      const page = await fetch(`${base}/board/signin/${secret}`);
      if (page.status !== 200) throw new Error(`the sign-in page answered ${page.status}`);
      const res = await fetch(`${base}/board/signin`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ secret }).toString() });
      const setCookie = res.headers.get('set-cookie') ?? undefined;
      return { status: res.status, body: await res.text(), ...(setCookie ? { cookie: setCookie.split(';')[0] } : {}) };
    },
    async get(path, cookie) {
      const res = await fetch(`${base}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
      return { status: res.status, body: await res.text(), headers: res.headers };
    },
  };
  return board;
}
