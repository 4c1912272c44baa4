import type { HttpResponse, Precheck } from './types.js';

export interface SignedHeaders {
  signature: string;
  timestamp: string;
  maxSkewSeconds: number;
  /** The answer's `error` code for missing headers, and for a timestamp that is not Unix seconds in the window. */
  error: string;
  staleError?: string;
  now?: () => number;
}

/**
 * For routes whose credential is a signature over the body: the signature header must be there
 * and the timestamp must be Unix seconds within the window, or the request is refused (401)
 * before a byte of its body is read. The signature itself is checked by the handler.
 */
export function signedHeadersPrecheck(spec: SignedHeaders): Precheck {
  return (req): HttpResponse | undefined => {
    const signature = req.headers[spec.signature];
    const timestamp = req.headers[spec.timestamp];
    const nowSeconds = (spec.now?.() ?? Date.now()) / 1000;
    if (!signature || !timestamp) return { status: 401, body: { error: spec.error } };
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(nowSeconds - Number(timestamp)) > spec.maxSkewSeconds) return { status: 401, body: { error: spec.staleError ?? spec.error } };
    return undefined;
  };
}
