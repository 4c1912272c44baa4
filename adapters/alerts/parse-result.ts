import type { z } from 'zod';

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reasons: string[] };

/** One plain line per zod issue, naming where in the payload it is (`alerts.0.labels`). */
export function reasonsOf(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
}

/** Runs a schema and a mapping; failures come back as reasons instead of exceptions. */
export function parseWith<S extends z.ZodType, T>(schema: S, body: unknown, map: (value: z.output<S>) => T): ParseResult<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, reasons: reasonsOf(parsed.error) };
  return { ok: true, value: map(parsed.data) };
}
