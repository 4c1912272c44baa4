import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';
import { parseRequestTarget } from './request-target.js';
import { RouteTable } from './routes.js';
import { sendError, sendResponse, sendStream } from './send.js';
import type { HttpMethod, HttpRequest, HttpResponse, RouteHandler, RouteOptions } from './types.js';

export type { HttpMethod, HttpRequest, HttpResponse, Precheck, RouteHandler, RouteOptions, StreamSink } from './types.js';

export interface HttpServerOptions {
  /** Defaults to 127.0.0.1, so nothing is exposed until someone chooses to. */
  host?: string;
  /** Defaults to 3000; 0 picks a free port. */
  port?: number;
  /** Larger request bodies are refused with 413; defaults to 1 MiB. */
  bodyLimitBytes?: number;
  /** Connections held open at once; more are closed as they arrive. Defaults to 512. */
  maxConnections?: number;
  /**
   * Request bodies being read at once; a request past this is answered 503 without reading its
   * body, so memory held by bodies stays below this times `bodyLimitBytes`. Defaults to 64.
   */
  maxBodiesInFlight?: number;
  /** The request line and headers must arrive within this; defaults to 10 s. */
  headersTimeoutMs?: number;
  /** The whole request, body included, must arrive within this (408 after); defaults to 30 s. */
  requestTimeoutMs?: number;
  /** An idle keep-alive connection is closed after this; defaults to 5 s. */
  keepAliveTimeoutMs?: number;
  /** Gets every error a handler throws (the client only sees a generic 500). */
  onError: (err: unknown, req: HttpRequest) => void;
}

export interface ListeningAddress {
  host: string;
  port: number;
  url: string;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;
const DEFAULTS = { maxConnections: 512, maxBodiesInFlight: 64, headersTimeoutMs: 10_000, requestTimeoutMs: 30_000, keepAliveTimeoutMs: 5_000 };
const EMPTY = Buffer.alloc(0);

/** What the server holds now: a test (and /metrics, later) can see memory held by bodies go back to zero. */
export interface HttpLoad {
  connections: number;
  bodiesInFlight: number;
  bufferedBytes: number;
}

/** The one HTTP server: Slack, Discord, alert webhooks, the pipeline API and /metrics mount routes here. */
export class HttpServer {
  private readonly routes = new RouteTable();
  private readonly server: Server;
  private readonly bodyLimit: number;
  private readonly limits: typeof DEFAULTS;
  private readonly load = { connections: 0, bodiesInFlight: 0, bufferedBytes: 0 };
  /** Streamed responses still open; a stop ends them, or the server would wait for them forever. */
  private readonly streams = new Set<ServerResponse>();

  constructor(private readonly options: HttpServerOptions) {
    this.bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
    this.limits = { ...DEFAULTS, ...definedOnly(options) };
    // The timeouts are checked every second (Node's default is every 30 s), so a slow client is cut off on time.
    this.server = createServer(
      { headersTimeout: this.limits.headersTimeoutMs, requestTimeout: this.limits.requestTimeoutMs, keepAliveTimeout: this.limits.keepAliveTimeoutMs, connectionsCheckingInterval: 1000 },
      (req, res) => void this.handle(req, res),
    );
    this.server.maxConnections = this.limits.maxConnections;
    this.server.on('connection', (socket) => {
      this.load.connections++;
      socket.once('close', () => this.load.connections--);
    });
    this.route('GET', '/healthz', () => ({ status: 200, body: { status: 'ok' } }));
  }

  /**
   * Mounts a handler; `:name` segments become `params.name`. Throws if the method and path are
   * taken. A `precheck` refuses on headers alone, before the body is read.
   */
  route(method: HttpMethod, pattern: string, handler: RouteHandler, options: RouteOptions = {}): this {
    this.routes.add(method, pattern, handler, options.precheck);
    return this;
  }

  /** Connections open, bodies being read and the bytes they hold, now. */
  get current(): HttpLoad {
    return { ...this.load };
  }

  start(): Promise<ListeningAddress> {
    const host = this.options.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port ?? 3000, host, () => {
        this.server.off('error', reject);
        const { port } = this.server.address() as AddressInfo;
        const urlHost = host.includes(':') ? `[${host}]` : host;
        resolve({ host, port, url: `http://${urlHost}:${port}` });
      });
    });
  }

  /** Stops listening and closes idle keep-alive sockets; requests in flight finish first. */
  stop(): Promise<void> {
    if (!this.server.listening) return Promise.resolve();
    return new Promise((resolve, reject) => {
      this.server.close((err) => (err ? reject(err) : resolve()));
      for (const res of this.streams) res.end();
      this.server.closeIdleConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const target = parseRequestTarget(req.url);
    if (!target) return sendError(res, 400, 'bad_request', 'The request URL is not a valid path.');
    const method = req.method ?? 'GET';
    const match = this.routes.match(method, target.path, target.segments);
    if (match.kind === 'not_found') return sendError(res, 404, 'not_found', `Nothing is served at ${target.path}.`);
    if (match.kind === 'method_not_allowed') {
      return sendError(res, 405, 'method_not_allowed', `${target.path} does not accept ${method}.`, { allow: match.allow });
    }
    const head: HttpRequest = {
      method,
      path: target.path,
      params: match.params,
      query: target.query,
      headers: flattenHeaders(req.headers),
      rawBody: EMPTY,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
    // Headers alone decide these, in this order: too large (413), then credentials, then load.
    if (Number(req.headers['content-length']) > this.bodyLimit) return this.refuseTooLarge(res);
    const refusal = match.precheck?.(head);
    if (refusal) return this.answerUnread(res, refusal);
    if (this.load.bodiesInFlight >= this.limits.maxBodiesInFlight && hasBody(req)) {
      return this.answerUnread(res, { status: 503, headers: { 'retry-after': '1' }, body: { error: 'busy', message: 'Too many requests are sending their bodies at once; try again shortly.' } });
    }
    const rawBody = await this.readTracked(req);
    if (rawBody === undefined) {
      res.destroy();
      return;
    }
    if (rawBody === 'too_large') return this.refuseTooLarge(res);
    const request: HttpRequest = { ...head, rawBody };
    await this.run(match.handler, request, res);
  }

  private async run(handler: RouteHandler, request: HttpRequest, res: ServerResponse): Promise<void> {
    let response: HttpResponse;
    try {
      response = await handler(request);
      if (typeof response?.status !== 'number') throw new Error(`The handler for ${request.method} ${request.path} returned no status.`);
    } catch (err) {
      this.report(err, request);
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
      return;
    }
    try {
      if (response.stream) return this.openStream(res, response, request);
      sendResponse(res, response);
    } catch (err) {
      // An unsendable response (an unserialisable body, a bad header) is a bug in the handler too.
      this.report(err, request);
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
      else res.destroy();
    }
  }

  private openStream(res: ServerResponse, response: HttpResponse, request: HttpRequest): void {
    this.streams.add(res);
    res.once('close', () => this.streams.delete(res));
    const sink = sendStream(res, response);
    try {
      response.stream?.(sink);
    } catch (err) {
      this.report(err, request);
      sink.end();
    }
  }

  /** Reads the body, counted in the load while it is read; undefined when the client went away. */
  private async readTracked(req: IncomingMessage): Promise<Buffer | 'too_large' | undefined> {
    this.load.bodiesInFlight++;
    let counted = 0;
    const onData = (chunk: Buffer) => {
      counted += chunk.length;
      this.load.bufferedBytes += chunk.length;
    };
    req.on('data', onData);
    try {
      return await readBody(req, this.bodyLimit);
    } catch {
      return undefined;
    } finally {
      req.off('data', onData);
      this.load.bodiesInFlight--;
      this.load.bufferedBytes -= counted;
    }
  }

  /** Answers without reading the body; the unread rest makes the connection unusable, so it closes. */
  private answerUnread(res: ServerResponse, response: HttpResponse): void {
    res.shouldKeepAlive = false;
    sendResponse(res, { ...response, headers: { ...response.headers, connection: 'close' } });
    res.once('finish', () => res.socket?.destroySoon());
  }

  private report(err: unknown, request: HttpRequest): void {
    try {
      this.options.onError(err, request);
    } catch {
      // A failing error handler must not take the server down with it.
    }
  }

  private refuseTooLarge(res: ServerResponse): void {
    // The unread rest of the body makes the connection unusable for another request.
    res.shouldKeepAlive = false;
    sendError(res, 413, 'payload_too_large', `The request body is larger than the limit of ${this.bodyLimit} bytes.`, { connection: 'close' });
  }
}

function hasBody(req: IncomingMessage): boolean {
  return req.headers['content-length'] !== undefined ? req.headers['content-length'] !== '0' : req.headers['transfer-encoding'] !== undefined;
}

function definedOnly(options: HttpServerOptions): Partial<typeof DEFAULTS> {
  const out: Partial<typeof DEFAULTS> = {};
  for (const key of Object.keys(DEFAULTS) as (keyof typeof DEFAULTS)[]) if (options[key] !== undefined) out[key] = options[key];
  return out;
}

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}

declare module '../../bot/app-context.js' {
  interface AppContext {
    /** The one HTTP server: adapters mount their routes on it before it starts. */
    http: HttpServer;
  }
}
