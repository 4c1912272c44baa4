import type pg from 'pg';
import type { PoolClient } from 'pg';

/** The version this code writes; a database migrated by a newer dayops is refused. */
export const PG_SCHEMA_VERSION = 4;

/** Any constant works; it only has to be the same in every dayops process. */
const MIGRATION_LOCK = 7_263_900_101;

/** Each entry takes the schema from the version before it to its index + 1. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE dayops_records (
     kind text NOT NULL,
     id text NOT NULL,
     closed boolean NOT NULL DEFAULT false,
     doc jsonb NOT NULL,
     ord bigserial NOT NULL,
     PRIMARY KEY (kind, id)
   );
   CREATE INDEX dayops_records_kind_closed ON dayops_records (kind, closed, ord);
   CREATE TABLE dayops_counters (name text PRIMARY KEY, value bigint NOT NULL);
   CREATE TABLE dayops_audit (
     seq bigserial PRIMARY KEY,
     time text NOT NULL,
     actor_person text,
     actor_user text NOT NULL,
     target text,
     event jsonb NOT NULL
   );
   CREATE INDEX dayops_audit_target ON dayops_audit (target, seq);`,
  `CREATE TABLE dayops_leases (
     name text PRIMARY KEY,
     owner text NOT NULL,
     until timestamptz NOT NULL
   );`,
  // The audit hash chain: rows are sealed (numbered and hashed) in commit order after they commit.
  `ALTER TABLE dayops_audit ADD COLUMN n bigint UNIQUE, ADD COLUMN hash text;
   CREATE INDEX dayops_audit_unsealed ON dayops_audit (seq) WHERE n IS NULL;
   CREATE TABLE dayops_audit_head (
     id integer PRIMARY KEY CHECK (id = 1),
     n bigint NOT NULL,
     hash text NOT NULL
   );
   INSERT INTO dayops_audit_head (id, n, hash) VALUES (1, 0, '${'0'.repeat(64)}');`,
  // Indexed columns for the named queries (data/pg-queries.ts). Generated from each row's doc, so
  // every writer fills them and old rows get them here; NULL for the kinds a column does not
  // concern, and each index is partial on the kinds that use it.
  `ALTER TABLE dayops_records
     ADD COLUMN service text GENERATED ALWAYS AS (CASE WHEN kind IN ('deployment', 'alertGroup', 'decision') THEN doc->>'service' END) STORED,
     ADD COLUMN env text GENERATED ALWAYS AS (CASE WHEN kind = 'deployment' THEN doc->>'env' END) STORED,
     ADD COLUMN status text GENERATED ALWAYS AS (CASE kind WHEN 'deployment' THEN doc->>'state' WHEN 'alertGroup' THEN doc->>'status' WHEN 'incident' THEN doc->>'status' WHEN 'decision' THEN doc->>'status' END) STORED,
     ADD COLUMN num bigint GENERATED ALWAYS AS (CASE WHEN kind IN ('deployment', 'alertGroup', 'incident', 'decision') THEN substring(id FROM '(\\d+)$')::bigint END) STORED,
     ADD COLUMN channel text GENERATED ALWAYS AS (CASE kind WHEN 'outbox' THEN doc->>'channel' WHEN 'alertGroup' THEN doc->'channels'->>0 END) STORED,
     ADD COLUMN seq bigint GENERATED ALWAYS AS (CASE WHEN kind = 'outbox' THEN (doc->>'seq')::bigint END) STORED,
     ADD COLUMN msg_key text GENERATED ALWAYS AS (CASE WHEN kind = 'outbox' THEN doc->>'key' END) STORED,
     ADD COLUMN thread text GENERATED ALWAYS AS (CASE WHEN kind = 'outbox' THEN doc->>'thread' END) STORED,
     ADD COLUMN due_at text GENERATED ALWAYS AS (CASE WHEN kind = 'job' THEN doc->>'dueAt' END) STORED,
     ADD COLUMN job_type text GENERATED ALWAYS AS (CASE WHEN kind = 'job' THEN doc->>'type' END) STORED,
     ADD COLUMN group_key text GENERATED ALWAYS AS (CASE WHEN kind = 'alertGroup' THEN (doc->>'source') || '|' || (doc->>'groupKey') END) STORED,
     ADD COLUMN silence text GENERATED ALWAYS AS (CASE WHEN kind = 'alertGroup' THEN doc->>'silence' END) STORED,
     ADD COLUMN muted_by text GENERATED ALWAYS AS (CASE WHEN kind = 'alertGroup' THEN doc->>'mutedBy' END) STORED,
     ADD COLUMN opened_at text GENERATED ALWAYS AS (CASE kind WHEN 'alertGroup' THEN doc->>'openedAt' WHEN 'incident' THEN doc->>'declaredAt' END) STORED,
     ADD COLUMN changed_at text GENERATED ALWAYS AS (CASE kind WHEN 'deployment' THEN doc->>'updatedAt' WHEN 'alertGroup' THEN coalesce(doc->>'resolvedAt', doc->>'updatedAt') WHEN 'incident' THEN doc->>'resolvedAt' END) STORED,
     ADD COLUMN search tsvector GENERATED ALWAYS AS (CASE WHEN kind = 'decision' THEN to_tsvector('simple', coalesce(doc->>'title', '') || ' ' || coalesce(doc->>'context', '') || ' ' || coalesce(doc->>'outcome', '')) END) STORED;
   CREATE INDEX dayops_deployment_active ON dayops_records (service, env, num) WHERE kind = 'deployment' AND NOT closed;
   CREATE INDEX dayops_deployment_line ON dayops_records (service, env, num) WHERE kind = 'deployment';
   CREATE INDEX dayops_deployment_env ON dayops_records (env, num) WHERE kind = 'deployment';
   CREATE INDEX dayops_deployment_num ON dayops_records (num) WHERE kind = 'deployment';
   CREATE INDEX dayops_deployment_changed ON dayops_records (changed_at) WHERE kind = 'deployment';
   CREATE INDEX dayops_outbox_channel ON dayops_records (channel, seq) WHERE kind = 'outbox' AND NOT closed;
   CREATE INDEX dayops_outbox_key ON dayops_records (msg_key, seq) WHERE kind = 'outbox' AND NOT closed;
   CREATE INDEX dayops_outbox_thread ON dayops_records (thread, seq) WHERE kind = 'outbox' AND NOT closed;
   CREATE INDEX dayops_job_due ON dayops_records (due_at, id) WHERE kind = 'job' AND NOT closed;
   CREATE INDEX dayops_job_type ON dayops_records (job_type, due_at) WHERE kind = 'job' AND NOT closed;
   CREATE INDEX dayops_alert_group_key ON dayops_records (group_key) WHERE kind = 'alertGroup' AND NOT closed;
   CREATE INDEX dayops_alert_fingerprints ON dayops_records USING gin ((doc->'alerts')) WHERE kind = 'alertGroup' AND NOT closed;
   CREATE INDEX dayops_alert_open ON dayops_records (service, opened_at, num) WHERE kind = 'alertGroup' AND NOT closed;
   CREATE INDEX dayops_alert_silence ON dayops_records (silence) WHERE kind = 'alertGroup' AND NOT closed;
   CREATE INDEX dayops_alert_muted ON dayops_records (muted_by) WHERE kind = 'alertGroup' AND NOT closed;
   CREATE INDEX dayops_alert_opened ON dayops_records (opened_at, num) WHERE kind = 'alertGroup';
   CREATE INDEX dayops_alert_closed ON dayops_records (changed_at) WHERE kind = 'alertGroup' AND closed;
   CREATE INDEX dayops_incident_num ON dayops_records (num) WHERE kind = 'incident';
   CREATE INDEX dayops_incident_open ON dayops_records (num) WHERE kind = 'incident' AND NOT closed;
   CREATE INDEX dayops_incident_declared ON dayops_records (opened_at) WHERE kind = 'incident';
   CREATE INDEX dayops_incident_resolved ON dayops_records (changed_at) WHERE kind = 'incident';
   CREATE INDEX dayops_decision_num ON dayops_records (num) WHERE kind = 'decision';
   CREATE INDEX dayops_decision_status ON dayops_records (status, num) WHERE kind = 'decision';
   CREATE INDEX dayops_decision_search ON dayops_records USING gin (search) WHERE kind = 'decision';
   ANALYZE dayops_records;`,
];

export class PgSchemaError extends Error {
  override readonly name = 'PgSchemaError';
}

/**
 * Brings the schema up to date under a transaction-scoped advisory lock: replicas starting
 * together queue on the lock, and the later ones find nothing left to do.
 */
export async function migratePg(client: PoolClient | pg.Client, upTo = PG_SCHEMA_VERSION): Promise<{ from: number; to: number }> {
  await client.query('BEGIN');
  try {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS dayops_schema (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const { rows } = await client.query<{ v: number | null }>('SELECT max(version) AS v FROM dayops_schema');
    const from = rows[0]?.v ?? 0;
    if (from > PG_SCHEMA_VERSION) {
      throw new PgSchemaError(
        `The database was set up by a newer dayops (schema version ${from}; this one knows ${PG_SCHEMA_VERSION}); upgrade dayops or point DAYOPS_DATABASE_URL at another database.`,
      );
    }
    // `upTo` below the current version only sets up an old database, to test the way from it.
    for (let v = from + 1; v <= upTo; v++) {
      await client.query(MIGRATIONS[v - 1]!);
      await client.query('INSERT INTO dayops_schema (version) VALUES ($1)', [v]);
    }
    await client.query('COMMIT');
    return { from, to: Math.max(from, upTo) };
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  }
}
