import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat.postMessage as the fake received it. */
export interface FakePost {
  channel: string;
  text: string;
  threadTs?: string;
  /** The first record id (DEP-12) in the message, which the crash test counts deliveries by. */
  recordId?: string;
}

/**
 * A stand-in for the Slack Web API on a local port: answers auth.test, chat.postMessage and
 * chat.update like Slack does, and records every post, so a test can count deliveries.
 */
export class FakeSlackApi {
  readonly posts: FakePost[] = [];
  readonly updates: string[] = [];
  /** Every bearer token it was called with, so a test can check what the bot sends where. */
  readonly tokens = new Set<string>();
  /** Every request body, as sent (chat messages, response_url answers, engine calls). */
  readonly bodies: string[] = [];
  private readonly server: Server;
  private ts = 1_700_000_000;

  constructor() {
    this.server = createServer((req, res) => {
      void this.answer(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Discord messages created, by nonce: a resend with `enforce_nonce` gets the first one back. */
  private readonly discordByNonce = new Map<string, { id: string; channel_id: string }>();
  private discordId = 1_300_000_000_000_000_000n;
  /** Discord posts answered with an earlier message because their nonce was seen. */
  nonceResends = 0;

  /** Top-level posts per record id. */
  postsPerRecord(): Map<string, number> {
    const out = new Map<string, number>();
    for (const p of this.posts) if (p.recordId && !p.threadTs) out.set(p.recordId, (out.get(p.recordId) ?? 0) + 1);
    return out;
  }

  /** Discord's rule: with enforce_nonce, a nonce seen in the last minutes returns the message it made. */
  private discordPost(channel: string, params: Record<string, unknown>): Record<string, unknown> {
    const nonce = typeof params.nonce === 'string' ? params.nonce : undefined;
    const earlier = nonce && params.enforce_nonce === true ? this.discordByNonce.get(nonce) : undefined;
    if (earlier) {
      this.nonceResends++;
      return { ...earlier, content: params.content ?? '' };
    }
    const message = { id: String(this.discordId++), channel_id: channel };
    if (nonce) this.discordByNonce.set(nonce, message);
    const text = JSON.stringify(params);
    const recordId = /\b[A-Z]{1,4}-\d+\b/.exec(text)?.[0];
    this.posts.push({ channel, text, ...(recordId ? { recordId } : {}) });
    return { ...message, content: params.content ?? '' };
  }

  private async answer(req: IncomingMessage): Promise<Record<string, unknown>> {
    const method = (req.url ?? '').replace(/^\/(api|discord)\//, '').split('?')[0]!;
    const params = await readParams(req, this.bodies);
    const auth = req.headers.authorization ?? (typeof params.token === 'string' ? `Bearer ${params.token}` : '');
    if (auth) this.tokens.add(auth.replace(/^Bearer\s+/i, ''));
    if (method.startsWith('v10/channels/') && method.endsWith('/messages') && req.method === 'POST') return this.discordPost(method.split('/')[2]!, params);
    if (method.startsWith('v10/')) return { id: String(this.discordId++), channel_id: method.split('/')[2] ?? '' };
    if (method === 'auth.test') return { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T0A1B2C3D4E', user: 'dayops' };
    if (method === 'chat.postMessage') {
      const ts = `${this.ts++}.000100`;
      const text = `${String(params.text ?? '')} ${String(params.blocks ?? '')}`;
      const threadTs = typeof params.thread_ts === 'string' ? params.thread_ts : undefined;
      const recordId = /\b[A-Z]{1,4}-\d+\b/.exec(String(params.text ?? ''))?.[0] ?? /\b[A-Z]{1,4}-\d+\b/.exec(text)?.[0];
      this.posts.push({ channel: String(params.channel ?? ''), text, ...(threadTs ? { threadTs } : {}), ...(recordId ? { recordId } : {}) });
      return { ok: true, channel: params.channel, ts };
    }
    if (method === 'chat.update') {
      this.updates.push(String(params.ts ?? ''));
      return { ok: true, channel: params.channel, ts: params.ts };
    }
    return { ok: true };
  }
}

async function readParams(req: IncomingMessage, bodies: string[]): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  bodies.push(raw);
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
