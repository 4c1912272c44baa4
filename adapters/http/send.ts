import type { ServerResponse } from 'node:http';
import type { HttpResponse, StreamSink } from './types.js';

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

/** Sends the headers of a response that stays open, and gives the handler its writing end. */
export function sendStream(res: ServerResponse, response: HttpResponse): StreamSink {
  res.statusCode = response.status;
  if (response.headers) {
    for (const name in response.headers) res.setHeader(name, response.headers[name] as string | string[]);
  }
  res.flushHeaders();
  const closers: (() => void)[] = [];
  res.once('close', () => {
    for (const fn of closers.splice(0)) fn();
  });
  return {
    write: (text) => void (res.writableEnded || res.write(text)),
    end: () => res.end(),
    onClose: (fn) => (res.destroyed || res.closed ? fn() : closers.push(fn)),
  };
}
