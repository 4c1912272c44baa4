export interface RequestTarget {
  path: string;
  /** Decoded path segments: `/api/deployments/DEP-1` → ['api', 'deployments', 'DEP-1']. */
  segments: string[];
  query: URLSearchParams;
}

/**
 * Splits a request line's target by hand rather than with `new URL`, which would read `//host/x`
 * as another host. Returns undefined for targets that are not an origin-form path or that hold a
 * broken percent-escape.
 */
export function parseRequestTarget(target: string | undefined): RequestTarget | undefined {
  if (!target || target.charCodeAt(0) !== 47 /* / */) return undefined;
  const q = target.indexOf('?');
  const rawPath = q === -1 ? target : target.slice(0, q);
  const query = new URLSearchParams(q === -1 ? '' : target.slice(q + 1));
  const rawSegments = rawPath.split('/');
  rawSegments.shift();
  const segments: string[] = new Array(rawSegments.length);
  for (let i = 0; i < rawSegments.length; i++) {
    const raw = rawSegments[i] as string;
    if (raw.includes('%')) {
      try {
        segments[i] = decodeURIComponent(raw);
      } catch {
        return undefined;
      }
    } else {
      segments[i] = raw;
    }
  }
  return { path: '/' + segments.join('/'), segments, query };
}
