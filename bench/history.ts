// Large histories for the store benchmarks, seeded in bulk: generated files for the embedded
// store, one INSERT … SELECT over generate_series per table for PostgreSQL.
import pg from 'pg';

export const AUDIT_EVENTS = 1_000_000;
export const CLOSED_RECORDS = 100_000;

/**
 * 1,000,000 audit events (already sealed onto a chain of placeholder hashes: the bench measures
 * writes, not verification) and 100,000 closed records of the kinds that grow: finished
 * deployments, resolved alert groups and delivered messages.
 */
export async function seedPgHistory(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO dayops_audit (time, actor_person, actor_user, target, event, n, hash)
       SELECT '2026-01-01T00:00:00.000Z', 'alice', 'U024BE7LH', 'DEP-' || g,
              jsonb_build_object('time', '2026-01-01T00:00:00.000Z', 'actor', jsonb_build_object('platform', 'slack', 'userId', 'U024BE7LH', 'person', 'alice'),
                                 'platform', 'slack', 'action', 'deploy.request', 'target', 'DEP-' || g, 'outcome', 'ok', 'summary', 'alice asked to deploy api 1.' || g || '.0 to production'),
              g, md5(g::text) || md5(g::text)
       FROM generate_series(1, $1) AS g`,
      [AUDIT_EVENTS],
    );
    await client.query(`UPDATE dayops_audit_head SET n = $1, hash = md5($1::text) || md5($1::text) WHERE id = 1`, [AUDIT_EVENTS]);
    const third = Math.floor(CLOSED_RECORDS / 3);
    await client.query(
      `INSERT INTO dayops_records (kind, id, closed, doc)
       SELECT 'deployment', 'DEP-' || g, true, jsonb_build_object('id', 'DEP-' || g, 'service', 'svc' || (g % 40), 'env', 'production', 'version', '1.' || g || '.0',
              'state', 'succeeded', 'history', '[]'::jsonb, 'approvals', '[]'::jsonb, 'approvalsRequired', 0, 'logTail', '[]'::jsonb, 'notes', 0,
              'requester', jsonb_build_object('platform', 'slack', 'userId', 'U1', 'displayName', 'alice', 'person', 'alice'), 'requestedFrom', jsonb_build_object('channel', 'slack:C1'),
              'createdAt', '2025-06-01T00:00:00.000Z', 'updatedAt', '2025-06-01T00:10:00.000Z', 'finishedAt', '2025-06-01T00:10:00.000Z')
       FROM generate_series(1, $1) AS g`,
      [third],
    );
    await client.query(
      `INSERT INTO dayops_records (kind, id, closed, doc)
       SELECT 'alertGroup', 'ALG-' || g, true, jsonb_build_object('id', 'ALG-' || g, 'source', 'alertmanager', 'groupKey', 'old-' || g, 'title', 'Old alert ' || g,
              'groupLabels', '{}'::jsonb, 'channels', '["slack:C0ALERTS"]'::jsonb, 'service', 'svc' || (g % 40), 'status', 'resolved',
              'alerts', jsonb_build_object('fp' || g, jsonb_build_object('fingerprint', 'fp' || g, 'status', 'resolved', 'labels', '{}'::jsonb, 'annotations', '{}'::jsonb, 'startsAt', '2025-06-01T00:00:00.000Z', 'links', '[]'::jsonb, 'updatedAt', '2025-06-01T00:00:00.000Z')),
              'truncatedAlerts', 0, 'openedAt', '2025-06-01T00:00:00.000Z', 'updatedAt', '2025-06-01T01:00:00.000Z', 'resolvedAt', '2025-06-01T01:00:00.000Z', 'renotified', 0, 'lines', 0)
       FROM generate_series(1, $1) AS g`,
      [third],
    );
    await client.query(
      `INSERT INTO dayops_records (kind, id, closed, doc)
       SELECT 'post', 'deployment:DEP-' || g, true, jsonb_build_object('id', 'deployment:DEP-' || g, 'channel', 'slack:C0123456', 'ref', '1700000000.' || lpad(g::text, 6, '0'), 'postedAt', '2025-06-01T00:00:00.000Z')
       FROM generate_series(1, $1) AS g`,
      [CLOSED_RECORDS - 2 * third],
    );
    // New ids continue after the history, as they would on a database that grew to this size.
    await client.query(`INSERT INTO dayops_counters (name, value) VALUES ('deployment', $1), ('alertGroup', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value`, [third]);
    await client.query('ANALYZE');
  } finally {
    await client.end();
  }
}
