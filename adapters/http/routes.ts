import type { HttpMethod, Precheck, RouteHandler } from './types.js';

export const HTTP_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

interface Endpoint {
  handler: RouteHandler;
  precheck?: Precheck;
  /** Param name at each segment index, or undefined for a literal segment. */
  paramNames: readonly (string | undefined)[];
}

/** All methods mounted on one path shape (`/api/deployments/:` whatever the param is called). */
interface PathEntry {
  /** Literal segments, or undefined where the pattern has a param. */
  literals: readonly (string | undefined)[];
  endpoints: Map<string, Endpoint>;
  allow: string;
}

export type RouteMatch =
  | { kind: 'found'; handler: RouteHandler; precheck?: Precheck; params: Record<string, string> }
  | { kind: 'method_not_allowed'; allow: string }
  | { kind: 'not_found' };

const NOT_FOUND: RouteMatch = { kind: 'not_found' };

/**
 * Paths without params are found with one Map lookup; param paths are few (a handful of API
 * routes), so a scan over those with the right number of segments is cheap.
 */
export class RouteTable {
  private readonly literalPaths = new Map<string, PathEntry>();
  private readonly paramPaths = new Map<number, PathEntry[]>();
  private readonly byShape = new Map<string, PathEntry>();

  add(method: HttpMethod, pattern: string, handler: RouteHandler, precheck?: Precheck): void {
    if (!HTTP_METHODS.includes(method)) throw new Error(`Cannot route ${String(method)}: use one of ${HTTP_METHODS.join(', ')}.`);
    if (!pattern.startsWith('/') || pattern.includes('?')) throw new Error(`Route pattern "${pattern}" must be a path starting with /, without a query.`);
    const segments = pattern.split('/').slice(1);
    const paramNames = segments.map((s) => (s.startsWith(':') ? s.slice(1) : undefined));
    if (paramNames.some((n) => n === '')) throw new Error(`Route pattern "${pattern}" has a param without a name.`);
    const shape = segments.map((s) => (s.startsWith(':') ? ':' : s)).join('/');
    const entry = this.byShape.get(shape) ?? this.newEntry(shape, segments, paramNames);
    if (entry.endpoints.has(method)) throw new Error(`${method} ${pattern} is already routed.`);
    entry.endpoints.set(method, { handler, paramNames, ...(precheck ? { precheck } : {}) });
    entry.allow = allowHeader(entry.endpoints);
  }

  match(method: string, path: string, segments: readonly string[]): RouteMatch {
    const entry = this.findLiteralPath(path, segments) ?? this.findParamPath(segments);
    if (!entry) return NOT_FOUND;
    const endpoint = entry.endpoints.get(method) ?? (method === 'HEAD' ? entry.endpoints.get('GET') : undefined);
    if (!endpoint) return { kind: 'method_not_allowed', allow: entry.allow };
    return { kind: 'found', handler: endpoint.handler, precheck: endpoint.precheck, params: paramsOf(endpoint.paramNames, segments) };
  }

  private newEntry(shape: string, segments: string[], paramNames: (string | undefined)[]): PathEntry {
    const literals = segments.map((s, i) => (paramNames[i] === undefined ? s : undefined));
    const entry: PathEntry = { literals, endpoints: new Map(), allow: '' };
    this.byShape.set(shape, entry);
    if (paramNames.every((n) => n === undefined)) {
      this.literalPaths.set('/' + segments.join('/'), entry);
    } else {
      const sameLength = this.paramPaths.get(segments.length) ?? [];
      sameLength.push(entry);
      this.paramPaths.set(segments.length, sameLength);
    }
    return entry;
  }

  private findLiteralPath(path: string, segments: readonly string[]): PathEntry | undefined {
    const entry = this.literalPaths.get(path);
    // A decoded %2F makes `/a%2Fb` look like `/a/b`; the segment count tells them apart.
    return entry && entry.literals.length === segments.length ? entry : undefined;
  }

  private findParamPath(segments: readonly string[]): PathEntry | undefined {
    const candidates = this.paramPaths.get(segments.length);
    if (!candidates) return undefined;
    for (const entry of candidates) {
      if (literalsMatch(entry.literals, segments)) return entry;
    }
    return undefined;
  }
}

function literalsMatch(literals: readonly (string | undefined)[], segments: readonly string[]): boolean {
  for (let i = 0; i < literals.length; i++) {
    const literal = literals[i];
    if (literal === undefined) {
      if (segments[i] === '') return false;
    } else if (literal !== segments[i]) {
      return false;
    }
  }
  return true;
}

function paramsOf(names: readonly (string | undefined)[], segments: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i];
    if (name !== undefined) params[name] = segments[i] as string;
  }
  return params;
}

function allowHeader(endpoints: Map<string, Endpoint>): string {
  const methods = [...endpoints.keys()];
  if (endpoints.has('GET')) methods.push('HEAD');
  return methods.sort().join(', ');
}
