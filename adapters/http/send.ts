import type { ServerResponse } from 'node:http';
import type { HttpResponse } from './types.js';

const JSON_TYPE = 'application/json; charset=utf-8';
const TEXT_TYPE = 'text/plain; charset=utf-8';
const BYTES_TYPE = 'application/octet-stream';

/** Writes a handler's result; the body's type picks the content-type unless the handler set one. */
export function sendResponse(res: ServerResponse, response: HttpResponse): void {
  const { body } = response;
  let bytes: Buffer | string | undefined;
  let type: string | undefined;
  if (body === undefined) {
    bytes = undefined;
  } else if (typeof body === 'string') {
    bytes = body;
    type = TEXT_TYPE;
  } else if (Buffer.isBuffer(body)) {
    bytes = body;
    type = BYTES_TYPE;
  } else {
    bytes = JSON.stringify(body);
    type = JSON_TYPE;
  }
  if (type !== undefined) res.setHeader('content-type', type);
  res.setHeader('content-length', bytes === undefined ? 0 : Buffer.byteLength(bytes));
  if (response.headers) {
    for (const name in response.headers) res.setHeader(name, response.headers[name] as string | string[]);
  }
  res.statusCode = response.status;
  res.end(bytes);
}

/** The JSON error body every refusal uses: `{ "error": "not_found", "message": "…" }`. */
export function sendError(res: ServerResponse, status: number, error: string, message: string, headers?: HttpResponse['headers']): void {
  sendResponse(res, { status, headers, body: { error, message } });
}
