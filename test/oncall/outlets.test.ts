import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import smtp from 'smtp-server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pageSignature } from '../../adapters/oncall/webhook-sender.js';
import { fireAlert, oncallConfig, removeDir, startWorld, threadLines, type OncallWorld } from './world.js';

const SECRET = 'paging-secret-for-tests';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Mail {
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server (smtp-server) that keeps what it is sent. */
async function startSmtp(): Promise<{ port: number; next(): Promise<Mail> }> {
  const waiting: ((mail: Mail) => void)[] = [];
  const got: Mail[] = [];
  const server = new smtp.SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const mail = { from: String(session.envelope.mailFrom && session.envelope.mailFrom.address), to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') };
        const w = waiting.shift();
        if (w) w(mail);
        else got.push(mail);
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.server.address() as AddressInfo).port, next: () => (got.length > 0 ? Promise.resolve(got.shift()!) : new Promise((resolve) => waiting.push(resolve))) };
}

interface Hook {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

async function startReceiver(status = 200): Promise<{ url: string; next(): Promise<Hook> }> {
  const waiting: ((hook: Hook) => void)[] = [];
  const got: Hook[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const hook = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      res.writeHead(status).end();
      const w = waiting.shift();
      if (w) w(hook);
      else got.push(hook);
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  cleanup.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, next: () => (got.length > 0 ? Promise.resolve(got.shift()!) : new Promise((resolve) => waiting.push(resolve))) };
}

async function world(smtpPort: number, hooks: string): Promise<OncallWorld> {
  const config = oncallConfig();
  const oncall = config.oncall as Record<string, Record<string, unknown>>;
  oncall.email = { host: '127.0.0.1', port: smtpPort, from: 'dayops <dayops@example.com>' } as never;
  oncall.contacts = { alice: { email: 'alice@example.com', webhook: { url: `${hooks}/alice`, secretEnv: 'DAYOPS_PAGING_SECRET' } } } as never;
  (oncall.policies!.critical as Record<string, unknown>).webhook = { url: `${hooks}/policy`, secretEnv: 'DAYOPS_PAGING_SECRET' };
  const w = await startWorld({ config, schedule: true, deliver: true, env: { DAYOPS_PAGING_SECRET: SECRET } });
  cleanup.push(async () => {
    await w.stop();
    await removeDir(w.dir);
  });
  return w;
}

describe('paging outside chat', () => {
  it('mails the page through SMTP and posts it, signed, to the person and policy webhooks', async () => {
    const mailbox = await startSmtp();
    const receiver = await startReceiver();
    const w = await world(mailbox.port, receiver.url);
    const group = await fireAlert(w, 'api');
    expect(await threadLines(w, group)).toEqual(['Escalation step 1/3, round 1/2: paged alice, primary on call for api, by direct message, e-mail and 2 webhooks.']);

    const mail = await mailbox.next();
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.raw).toMatch(/^Subject: Paging you: HighErrorRate on api \(prod\)$/m);
    expect(mail.raw).toContain('You are primary on call for api.');

    const hooks = [await receiver.next(), await receiver.next()].sort((a, b) => a.path.localeCompare(b.path));
    expect(hooks.map((h) => h.path)).toEqual(['/alice', '/policy']);
    for (const hook of hooks) {
      const timestamp = String(hook.headers['x-dayops-timestamp']);
      expect(Math.abs(Number(timestamp) - w.clock.now().getTime() / 1000)).toBeLessThan(2);
      expect(hook.headers['x-dayops-signature']).toBe(pageSignature(SECRET, timestamp, hook.body));
      expect(JSON.parse(hook.body)).toMatchObject({ type: 'dayops.page', title: 'Paging you: HighErrorRate on api (prod)', key: 'oncall-page:ALG-1:0.0:alice' });
    }
    // The same signature with another secret does not match: the receiver can tell.
    expect(pageSignature('another-secret', String(hooks[0]!.headers['x-dayops-timestamp']), hooks[0]!.body)).not.toBe(hooks[0]!.headers['x-dayops-signature']);
  });

  it('a webhook that refuses the page (4xx) drops it, and the e-mail still goes', async () => {
    const mailbox = await startSmtp();
    const receiver = await startReceiver(410);
    const w = await world(mailbox.port, receiver.url);
    await fireAlert(w, 'api');
    await receiver.next();
    await receiver.next();
    expect((await mailbox.next()).to).toEqual(['alice@example.com']);
    await vi.waitFor(async () => expect((await w.outbox()).filter((m) => m.channel.startsWith('webhook:') || m.channel.startsWith('email:'))).toEqual([]), { timeout: 10_000 });
  });
});
