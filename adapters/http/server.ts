import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';
import { parseRequestTarget } from './request-target.js';
import { RouteTable } from './routes.js';
import { sendError, sendResponse } from './send.js';
import type { HttpMethod, HttpRequest, HttpResponse, RouteHandler } from './types.js';

export type { HttpMethod, HttpRequest, HttpResponse, RouteHandler } from './types.js';

export interface HttpServerOptions {
  /** Defaults to 127.0.0.1, so nothing is exposed until someone chooses to. */
  host?: string;
  /** Defaults to 3000; 0 picks a free port. */
  port?: number;
  /** Larger request bodies are refused with 413; defaults to 1 MiB. */
  bodyLimitBytes?: number;
  /** Gets every error a handler throws (the client only sees a generic 500). */
  onError: (err: unknown, req: HttpRequest) => void;
}

export interface ListeningAddress {
  host: string;
  port: number;
  url: string;
}

const DEFAULT_BODY_LIMIT = 1024 * 1024;

/** The one HTTP server: Slack, Discord, alert webhooks, the pipeline API and /metrics mount routes here. */
export class HttpServer {
  private readonly routes = new RouteTable();
  private readonly server: Server;
  private readonly bodyLimit: number;

  constructor(private readonly options: HttpServerOptions) {
    this.bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT;
    this.server = createServer((req, res) => void this.handle(req, res));
    this.route('GET', '/healthz', () => ({ status: 200, body: { status: 'ok' } }));
  }

  /** Mounts a handler; `:name` segments become `params.name`. Throws if the method and path are taken. */
  route(method: HttpMethod, pattern: string, handler: RouteHandler): this {
    this.routes.add(method, pattern, handler);
    return this;
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
    let rawBody: Buffer | 'too_large';
    try {
      rawBody = await readBody(req, this.bodyLimit);
    } catch {
      res.destroy();
      return;
    }
    if (rawBody === 'too_large') return this.refuseTooLarge(res);
    const request: HttpRequest = {
      method,
      path: target.path,
      params: match.params,
      query: target.query,
      headers: flattenHeaders(req.headers),
      rawBody,
      remoteAddress: req.socket.remoteAddress ?? '',
    };
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
      sendResponse(res, response);
    } catch (err) {
      // An unsendable response (an unserialisable body, a bad header) is a bug in the handler too.
      this.report(err, request);
      if (!res.headersSent) sendError(res, 500, 'internal_error', 'Something went wrong on our side; it has been logged.');
      else res.destroy();
    }
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

function flattenHeaders(headers: IncomingMessage['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value !== undefined) out[name] = typeof value === 'string' ? value : value.join(', ');
  }
  return out;
}
