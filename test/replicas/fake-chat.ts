import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One chat.postMessage as the fake received it. */
export interface ChatPost {
  channel: string;
  text: string;
  ts: string;
  threadTs?: string;
  /** Milliseconds since the epoch when it arrived, for takeover times. */
  at: number;
}

/** One reply a replica sent to a slash command's response_url. */
export interface ResponsePost {
  path: string;
  text: string;
}

/**
 * The Slack Web API as several replicas share it, on a local port: auth.test,
 * chat.postMessage (a fresh ts each time, every post counted by channel and text),
 * chat.update, chat.postEphemeral, and the response_url replies of slash commands under
 * `/response/…`. Counting by channel and text is what "posted once" means to a person.
 */
export class FakeChat {
  readonly posts: ChatPost[] = [];
  readonly updates: { channel: string; ts: string; text: string }[] = [];
  readonly ephemerals: { channel: string; text: string }[] = [];
  readonly responses: ResponsePost[] = [];
  private readonly server: Server;
  private next = 1_700_000_000;

  constructor() {
    this.server = createServer((req, res) => {
      void this.answer(req).then((body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  }

  /** The base URL: SLACK_API_URL is `${base}api/`, response URLs `${base}response/<id>`. */
  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** How many times each channel+text pair was posted. */
  countsByMessage(filter: (p: ChatPost) => boolean = () => true): Map<string, number> {
    const counts = new Map<string, number>();
    for (const p of this.posts.filter(filter)) {
      const key = `${p.channel}\u0000${p.text}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts;
  }

  /** Posts and updates whose text mentions `needle` (a record id), for a deployment's story. */
  mentioning(needle: string): string[] {
    return [...this.posts.map((p) => p.text), ...this.updates.map((u) => u.text)].filter((t) => t.includes(needle));
  }

  private async answer(req: IncomingMessage): Promise<Record<string, unknown>> {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const params = await readParams(req);
    if (path.startsWith('/response/')) {
      this.responses.push({ path, text: messageText(params) });
      return { ok: true };
    }
    const method = path.replace(/^\/api\//, '');
    if (method === 'auth.test') return { ok: true, user_id: 'U0BOTREPLICA', bot_id: 'B0BOTREPLICA', team_id: 'T0A1B2C3D4E', user: 'dayops' };
    if (method === 'chat.postMessage') {
      const ts = `${this.next++}.000100`;
      const threadTs = typeof params.thread_ts === 'string' ? params.thread_ts : undefined;
      this.posts.push({ channel: String(params.channel ?? ''), text: messageText(params), ts, at: Date.now(), ...(threadTs ? { threadTs } : {}) });
      return { ok: true, channel: params.channel, ts };
    }
    if (method === 'chat.update') {
      this.updates.push({ channel: String(params.channel ?? ''), ts: String(params.ts ?? ''), text: messageText(params) });
      return { ok: true, channel: params.channel, ts: params.ts };
    }
    // The channels the bot sees, so `#ops` resolves to its id as it does against Slack.
    if (method === 'conversations.list') return { ok: true, channels: [{ id: 'C0OPS', name: 'ops', is_member: true }], response_metadata: { next_cursor: '' } };
    if (method === 'chat.postEphemeral') {
      this.ephemerals.push({ channel: String(params.channel ?? ''), text: messageText(params) });
      return { ok: true, message_ts: `${this.next++}.000200` };
    }
    return { ok: true };
  }
}

/** The fallback text plus the blocks, so a record id in either is found. */
function messageText(params: Record<string, unknown>): string {
  const blocks = typeof params.blocks === 'string' ? params.blocks : params.blocks === undefined ? '' : JSON.stringify(params.blocks);
  return `${String(params.text ?? '')} ${blocks}`.trim();
}

async function readParams(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) {
    try {
      return JSON.parse(raw) as Record<string, unknown>;
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(raw));
}
