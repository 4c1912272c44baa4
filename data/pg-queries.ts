import { searchWords, type DecisionSearch, type QueryName, type QueryParams } from './queries.js';

/**
 * One named query as SQL over the indexed columns of dayops_records (migration 4 in
 * data/pg-schema.ts). `lock`, in a transaction that writes, names what the answer decides, so
 * two transactions that would both act on "there is none yet" take turns (data/pg-tx.ts).
 */
export interface PgQuery {
  sql: string;
  params: unknown[];
  /** `rows`: the docs; `one`: the first doc or undefined; `count`: a number; `pairs`: id and due time. */
  shape: 'rows' | 'one' | 'count' | 'schedule';
  lock?: string;
  /** In a transaction that writes, the rows are locked FOR SHARE: open records it may go on to change. */
  lockRows?: boolean;
}

// Open records are what transactions change; history (closed) is read without row locks.
const rows = (sql: string, ...params: unknown[]): PgQuery => ({ sql: `SELECT doc FROM dayops_records WHERE ${sql}`, params, shape: 'rows', lockRows: /\bNOT closed\b/.test(sql) });
const limit = (n: number | undefined) => (n === undefined ? '' : ` LIMIT ${Math.max(0, Math.floor(n))}`);

function decisionSearch(p: DecisionSearch): PgQuery {
  const where = [`kind = 'decision'`];
  const params: unknown[] = [];
  const add = (clause: (n: string) => string, value: unknown) => {
    params.push(value);
    where.push(clause(`$${params.length}`));
  };
  const words = searchWords(p.text ?? '');
  // Each word as a prefix, all of them required: `blue green` finds "Blue-green deploys".
  if (words.length > 0) add((n) => `search @@ to_tsquery('simple', ${n})`, words.map((w) => `${w}:*`).join(' & '));
  if (p.category) add((n) => `doc->>'category' = ${n}`, p.category);
  if (p.status) add((n) => `status = ${n}`, p.status);
  if (p.service) add((n) => `(service IS NULL OR service = ${n})`, p.service);
  return { sql: `SELECT doc FROM dayops_records WHERE ${where.join(' AND ')} ORDER BY num`, params, shape: 'rows' };
}

type Builders = { [Q in QueryName]: (p: QueryParams<Q>) => PgQuery };

export const PG_QUERIES: Builders = {
  'deployment.active': (p) => ({ ...rows(`kind = 'deployment' AND NOT closed AND service = $1 AND env = $2 ORDER BY num LIMIT 1`, p.service, p.env), shape: 'one', lock: `deployment-line|${p.service}|${p.env}` }),
  'deployment.open': (p) =>
    p.env === undefined ? rows(`kind = 'deployment' AND NOT closed ORDER BY num`) : rows(`kind = 'deployment' AND NOT closed AND env = $1 ORDER BY num`, p.env),
  'deployment.history': (p) => {
    if (p.service === undefined && p.env === undefined) return rows(`kind = 'deployment' ORDER BY num DESC${limit(p.limit)}`);
    if (p.service === undefined) return rows(`kind = 'deployment' AND env = $1 ORDER BY num DESC${limit(p.limit)}`, p.env);
    if (p.env === undefined) return rows(`kind = 'deployment' AND service = $1 ORDER BY num DESC${limit(p.limit)}`, p.service);
    return rows(`kind = 'deployment' AND service = $1 AND env = $2 ORDER BY num DESC${limit(p.limit)}`, p.service, p.env);
  },
  'deployment.changedSince': (p) => rows(`kind = 'deployment' AND changed_at >= $1 ORDER BY changed_at, id`, p.since),
  'outbox.heads': () => ({ sql: `SELECT DISTINCT ON (channel) doc FROM dayops_records WHERE kind = 'outbox' AND NOT closed ORDER BY channel, seq`, params: [], shape: 'rows' }),
  'outbox.byKey': (p) => rows(`kind = 'outbox' AND NOT closed AND msg_key = $1 ORDER BY seq`, p.key),
  'outbox.inThread': (p) => rows(`kind = 'outbox' AND NOT closed AND thread = $1 ORDER BY seq${limit(p.limit)}`, p.thread),
  'outbox.depth': () => ({ sql: `SELECT count(*) AS n FROM dayops_records WHERE kind = 'outbox' AND NOT closed`, params: [], shape: 'count' }),
  'job.schedule': () => ({ sql: `SELECT id, due_at FROM dayops_records WHERE kind = 'job' AND NOT closed ORDER BY due_at, id`, params: [], shape: 'schedule' }),
  'job.due': (p) => rows(`kind = 'job' AND NOT closed AND due_at <= $1 ORDER BY due_at, id${limit(p.limit)}`, p.until),
  'job.ofType': (p) => rows(`kind = 'job' AND NOT closed AND job_type = $1 ORDER BY due_at, id`, p.type),
  'alertGroup.byGroupKey': (p) => ({ ...rows(`kind = 'alertGroup' AND NOT closed AND group_key = $1 ORDER BY opened_at LIMIT 1`, `${p.source}|${p.groupKey}`), shape: 'one', lock: `alert-group|${p.source}|${p.groupKey}` }),
  'alertGroup.byFingerprint': (p) => rows(`kind = 'alertGroup' AND NOT closed AND (doc->'alerts') ? $1 ORDER BY opened_at, num`, p.fingerprint),
  'alertGroup.open': (p) => {
    const where = [`kind = 'alertGroup' AND NOT closed`];
    const params: unknown[] = [];
    if (p.service !== undefined) where.push(`service = $${params.push(p.service)}`);
    if (p.status !== undefined) where.push(`status = $${params.push(p.status)}`);
    return rows(`${where.join(' AND ')} ORDER BY opened_at, num`, ...params);
  },
  'alertGroup.bySilence': (p) => rows(`kind = 'alertGroup' AND NOT closed AND silence = $1 ORDER BY num`, p.silence),
  'alertGroup.mutedBy': (p) => rows(`kind = 'alertGroup' AND NOT closed AND muted_by = $1 ORDER BY num`, p.window),
  'alertGroup.openedSince': (p) => {
    const open = p.openOnly ? ' AND NOT closed' : '';
    return p.channel === undefined
      ? rows(`kind = 'alertGroup'${open} AND opened_at >= $1 ORDER BY opened_at, num`, p.since)
      : rows(`kind = 'alertGroup'${open} AND opened_at >= $1 AND channel = $2 ORDER BY opened_at, num`, p.since, p.channel);
  },
  'alertGroup.closedSince': (p) =>
    p.service === undefined
      ? rows(`kind = 'alertGroup' AND closed AND changed_at >= $1 ORDER BY changed_at, id`, p.since)
      : rows(`kind = 'alertGroup' AND closed AND changed_at >= $1 AND service = $2 ORDER BY changed_at, id`, p.since, p.service),
  'incident.open': () => rows(`kind = 'incident' AND NOT closed AND status = 'open' ORDER BY num`),
  'incident.history': (p) => rows(`kind = 'incident' ORDER BY num DESC${limit(p.limit)}`),
  'incident.since': (p) =>
    rows(`kind = 'incident' AND ((NOT closed AND status = 'open') OR opened_at >= $1 OR changed_at >= $1) ORDER BY num`, p.since),
  'decision.search': decisionSearch,
};
