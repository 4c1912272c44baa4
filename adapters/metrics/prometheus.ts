import type { MetricQuery, QueryAnswer, Sample } from '../../bot/checks/metric-query.js';

interface PromResponse {
  status?: string;
  error?: string;
  errorType?: string;
  data?: { resultType?: string; result?: unknown };
}

/**
 * Prometheus's HTTP API, `GET /api/v1/query` (an instant query at Prometheus's own now). One
 * GET with fetch: no client library needed. Every failure becomes an answer, never a throw.
 */
export function prometheusQuery(baseUrl: string, timeoutMs: number): MetricQuery {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    async instant(query: string): Promise<QueryAnswer> {
      let response: Response;
      try {
        response = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(timeoutMs) });
      } catch (err) {
        return { ok: false, error: `Prometheus at ${base} did not answer (${reason(err)})` };
      }
      const body = (await response.json().catch(() => undefined)) as PromResponse | undefined;
      if (!body || body.status !== 'success') {
        const why = body?.error ? `${body.errorType ?? 'error'}: ${body.error}` : `HTTP ${response.status}`;
        return { ok: false, error: `Prometheus refused the query (${why})` };
      }
      return { ok: true, samples: samplesOf(body.data) };
    },
  };
}

/** A vector's samples, or a scalar as one sample; matrices and strings carry nothing to compare. */
function samplesOf(data: PromResponse['data']): Sample[] {
  const result = data?.result;
  if (data?.resultType === 'scalar' && Array.isArray(result)) return [{ labels: {}, value: Number(result[1]) }];
  if (data?.resultType !== 'vector' || !Array.isArray(result)) return [];
  return result.map((r: { metric?: Record<string, string>; value?: [number, string] }) => ({ labels: r.metric ?? {}, value: Number(r.value?.[1]) }));
}

function reason(err: unknown): string {
  const cause = (err as { cause?: { code?: string } }).cause?.code;
  if (cause) return cause;
  return err instanceof Error ? err.message : String(err);
}
