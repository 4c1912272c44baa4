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
}

export type RouteHandler = (req: HttpRequest) => HttpResponse | Promise<HttpResponse>;
