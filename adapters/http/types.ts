/** The methods routes may be mounted on; HEAD is served by a path's GET handler. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler sees: plain data, no node:http objects, so handlers are easy to test. */
export interface HttpRequest {
  method: string;
  /** The decoded path, without the query string. */
  path: string;
  /** Values of the pattern's `:name` segments, decoded. */
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  /** Header names are lower-case; repeated headers are joined with ", ". */
  headers: Readonly<Record<string, string>>;
  /** The exact bytes received; signature checks (Slack, Discord) need them unparsed. */
  rawBody: Buffer;
  remoteAddress: string;
}

export interface HttpResponse {
  status: number;
  headers?: Readonly<Record<string, string | readonly string[]>>;
  /** Objects are sent as JSON; strings as text/plain; Buffers as application/octet-stream. */
  body?: string | Buffer | object;
  /**
   * A response that stays open (server-sent events): called once the headers are sent; the
   * server ends it on stop. `body` is ignored when this is set.
   */
  stream?: (sink: StreamSink) => void;
}

/** The open end of a streamed response. */
export interface StreamSink {
  write(text: string): void;
  end(): void;
  /** Runs once, when the client goes away or the stream is ended (by the handler or a stop). */
  onClose(fn: () => void): void;
}

export type RouteHandler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;

/**
 * Checks what a request carries in its headers (a bearer token, a signature's timestamp) before
 * its body is read: a refusal is answered at once and the body is never buffered. It sees the
 * request with an empty body; the handler still checks everything.
 */
export type Precheck = (req: HttpRequest) => HttpResponse | undefined;

export interface RouteOptions {
  precheck?: Precheck;
}
