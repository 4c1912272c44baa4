import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A post as the stand-in stores it, in the shape of Mattermost's API v4. */
export interface StoredPost {
  id: string;
  channel_id: string;
  user_id: string;
  root_id: string;
  message: string;
  props: { attachments?: { actions?: { id: string; name: string; integration: { url: string; context: Record<string, unknown> } }[]; title?: string; text?: string }[] };
  edits: number;
}

export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
  status: number;
}

const newId = () => randomBytes(13).toString('hex').slice(0, 26);

/**
 * A local stand-in for a Mattermost server: the REST API v4 calls dayops makes (users/me,
 * users/ids, posts, posts/{id}/patch, channels/direct), the command's response_url, and the
 * WebSocket API (authentication challenge, hello, posted events), with payload shapes from
 * Mattermost's documentation. Faults are real: a 429 with X-Ratelimit-Reset, a dropped socket.
 */
export class FakeMattermost {
  readonly botUserId = newId();
  readonly token = `bot-token-${newId()}`;
  readonly posts = new Map<string, StoredPost>();
  readonly calls: ApiCall[] = [];
  /** Bodies POSTed to response_url, in order. */
  readonly responses: Record<string, unknown>[] = [];
  /** Authenticated WebSocket connections so far (a reconnect adds one). */
  authentications = 0;
  readonly usernames = new Map<string, string>();
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private readonly limited: { path: RegExp; resetSeconds: number }[] = [];
  private readonly waiters: (() => void)[] = [];
  url = '';

  constructor() {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (req.url !== '/api/v4/websocket') return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next call whose path matches is answered 429 with this X-Ratelimit-Reset. */
  rateLimitNext(path: RegExp, resetSeconds: number): void {
    this.limited.push({ path, resetSeconds });
  }

  /** Closes every WebSocket connection, as a server restart or a network cut does. */
  dropSockets(): void {
    for (const ws of this.sockets) ws.terminate();
  }

  /** A person posts in a thread: the `posted` event every authenticated connection gets. */
  postAsUser(userId: string, username: string, channelId: string, rootId: string, message: string): StoredPost {
    const post: StoredPost = { id: newId(), channel_id: channelId, user_id: userId, root_id: rootId, message, props: {}, edits: 0 };
    this.posts.set(post.id, post);
    const event = {
      event: 'posted',
      data: { channel_display_name: 'Incidents', channel_name: 'incidents', channel_type: 'O', post: JSON.stringify({ ...post, create_at: Date.now(), type: '' }), sender_name: `@${username}`, team_id: 'team' },
      broadcast: { omit_users: null, user_id: '', channel_id: channelId, team_id: '' },
      seq: 1,
    };
    for (const ws of this.sockets) ws.send(JSON.stringify(event));
    return post;
  }

  postsIn(channelId: string): StoredPost[] {
    return [...this.posts.values()].filter((p) => p.channel_id === channelId);
  }

  /** Resolves once `check` holds, re-checked after every request and socket message. */
  async until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('the Mattermost stand-in never saw what the test waits for');
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 100).unref();
      });
    }
  }

  get connected(): number {
    return this.sockets.size;
  }

  private accept(ws: WebSocket): void {
    ws.on('message', (raw) => {
      const msg = JSON.parse(String(raw)) as { seq: number; action: string; data: { token?: string } };
      if (msg.action !== 'authentication_challenge') return;
      if (msg.data.token !== this.token) {
        ws.send(JSON.stringify({ status: 'FAIL', seq_reply: msg.seq, error: { id: 'api.web_socket_router.not_authenticated.app_error' } }));
        return ws.close();
      }
      this.sockets.add(ws);
      this.authentications++;
      ws.send(JSON.stringify({ status: 'OK', seq_reply: msg.seq }));
      ws.send(JSON.stringify({ event: 'hello', data: { server_version: '10.5.0' }, broadcast: { user_id: this.botUserId, channel_id: '', team_id: '' }, seq: 0 }));
      this.wake();
    });
    ws.on('close', () => {
      this.sockets.delete(ws);
      this.wake();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const body: unknown = text ? JSON.parse(text) : undefined;
    const path = (req.url ?? '').split('?')[0] ?? '';
    const answer = this.answer(req, path, body);
    this.calls.push({ method: req.method ?? '', path, body, status: answer.status });
    res.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.headers ?? {}) });
    res.end(JSON.stringify(answer.body ?? {}));
    this.wake();
  }

  private answer(req: IncomingMessage, path: string, body: unknown): { status: number; body?: unknown; headers?: Record<string, string> } {
    if (path.startsWith('/hooks/commands/')) {
      this.responses.push(body as Record<string, unknown>);
      return { status: 200 };
    }
    if (req.headers.authorization !== `Bearer ${this.token}`) return { status: 401, body: { id: 'api.context.session_expired.app_error', message: 'Invalid or expired session', status_code: 401 } };
    const limit = this.limited.findIndex((l) => l.path.test(path));
    if (limit >= 0) {
      const resetSeconds = this.limited.splice(limit, 1)[0]?.resetSeconds ?? 1;
      return { status: 429, headers: { 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetSeconds) }, body: { id: 'api.context.rate_limit', message: 'too many requests', status_code: 429 } };
    }
    if (req.method === 'GET' && path === '/api/v4/users/me') return { status: 200, body: { id: this.botUserId, username: 'dayops', is_bot: true } };
    if (req.method === 'POST' && path === '/api/v4/users/ids') return { status: 200, body: (body as string[]).flatMap((id) => (this.usernames.has(id) ? [{ id, username: this.usernames.get(id) }] : [])) };
    if (req.method === 'POST' && path === '/api/v4/channels/direct') return { status: 201, body: { id: `dm${(body as string[]).join('').slice(0, 24)}`, type: 'D' } };
    if (req.method === 'POST' && path === '/api/v4/posts') return this.create(body as StoredPost);
    const patch = /^\/api\/v4\/posts\/([a-z0-9]+)\/patch$/.exec(path);
    if (req.method === 'PUT' && patch) return this.patch(patch[1] as string, body as Partial<StoredPost>);
    return { status: 404, body: { id: 'api.context.404.app_error', message: 'Sorry, we could not find the page.', status_code: 404 } };
  }

  private create(body: StoredPost): { status: number; body: unknown } {
    if (!/^[a-z0-9]{26}$/.test(body.channel_id) && !body.channel_id.startsWith('dm')) return { status: 403, body: { id: 'api.context.permissions.app_error', message: 'You do not have the appropriate permissions.', status_code: 403 } };
    const post: StoredPost = { id: newId(), channel_id: body.channel_id, user_id: this.botUserId, root_id: body.root_id ?? '', message: body.message ?? '', props: body.props ?? {}, edits: 0 };
    this.posts.set(post.id, post);
    return { status: 201, body: { ...post, create_at: Date.now() } };
  }

  private patch(id: string, body: Partial<StoredPost>): { status: number; body: unknown } {
    const post = this.posts.get(id);
    if (!post) return { status: 404, body: { id: 'app.post.get.app_error', message: 'Unable to get the post.', status_code: 404 } };
    Object.assign(post, { message: body.message ?? post.message, props: body.props ?? post.props, edits: post.edits + 1 });
    return { status: 200, body: post };
  }

  private wake(): void {
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
