import { deployMatrix } from '../../../bot/board/matrix.js';
import { serviceView } from '../../../bot/board/service-view.js';
import { weeklyDora } from '../../../bot/board/dora-weekly.js';
import { renderDecision } from '../../../bot/decisions/markdown.js';
import { getDecision } from '../../../bot/decisions/find.js';
import { searchDecisions } from '../../../bot/decisions/search.js';
import { getIncident } from '../../../bot/incidents/find.js';
import { postmortemMarkdown } from '../../../bot/incidents/postmortem.js';
import { idNumber } from '../../../bot/ids.js';
import type { Ops } from '../../../bot/ops.js';
import type { Permission } from '../../../bot/permissions.js';
import { DECISION_CATEGORIES, DECISION_STATUSES } from '../../../data/records/decision.js';
import { decisionPath } from './format.js';
import type { Html } from './html.js';
import type { PageOptions } from './layout.js';
import { renderMarkdown } from './markdown.js';
import { auditBody } from './pages/audit.js';
import { decisionBody, decisionsBody } from './pages/decisions.js';
import { doraBody } from './pages/dora.js';
import { incidentBody, incidentsBody } from './pages/incidents.js';
import { matrixBody } from './pages/matrix.js';
import { serviceBody } from './pages/service.js';

export interface PageInput {
  ops: Ops;
  params: Record<string, string>;
  query: URLSearchParams;
}

export interface BuiltPage {
  title: string;
  section: PageOptions['section'];
  body: Html;
}

export interface BoardPage {
  /** A route pattern: `:name` segments become params. */
  pattern: string;
  permission: Permission;
  /** Open pages re-render and update by themselves (server-sent events). */
  live: boolean;
  build(input: PageInput): Promise<BuiltPage>;
}

const tzOf = (ops: Ops) => ops.config.timezone;
const one = (q: URLSearchParams, name: string, allowed?: readonly string[]) => {
  const v = (q.get(name) ?? '').trim();
  return allowed && !allowed.includes(v) ? '' : v;
};

/** Every page of the board, read-only, each from the core's read models. */
export const BOARD_PAGES: BoardPage[] = [
  {
    pattern: '/board',
    permission: 'view',
    live: true,
    async build({ ops }) {
      const m = await ops.store.read((tx) => deployMatrix(ops, tx));
      return { title: 'Services', section: 'board', body: matrixBody(m, tzOf(ops), { links: true }) };
    },
  },
  {
    pattern: '/board/services/:service',
    permission: 'view',
    live: true,
    async build({ ops, params }) {
      const v = await ops.store.read((tx) => serviceView(ops, tx, params.service ?? ''));
      return { title: v.service, section: 'board', body: serviceBody(v, tzOf(ops)) };
    },
  },
  {
    pattern: '/board/dora',
    permission: 'view',
    live: false,
    async build({ ops, query }) {
      const services = Object.keys(ops.config.services);
      const envs = Object.keys(ops.config.environments);
      const service = one(query, 'service', services);
      const env = one(query, 'env', envs);
      const weeks = await ops.store.read((tx) => weeklyDora(ops, tx, { weeks: 13, ...(service ? { service } : {}), ...(env ? { env } : {}) }));
      return { title: 'DORA', section: 'dora', body: doraBody(weeks, { service, env, services, envs, defaultEnvs: ops.config.digest.environments }, tzOf(ops)) };
    },
  },
  {
    pattern: '/board/incidents',
    permission: 'view',
    live: true,
    async build({ ops }) {
      const incidents = await ops.store.read((tx) => tx.query('incident.history', {}));
      incidents.sort((a, b) => idNumber(b.id) - idNumber(a.id));
      return { title: 'Incidents', section: 'incidents', body: incidentsBody(incidents, tzOf(ops)) };
    },
  },
  {
    pattern: '/board/incidents/:id',
    permission: 'view',
    live: true,
    async build({ ops, params }) {
      const id = (params.id ?? '').toUpperCase();
      const { incident, markdown } = await ops.store.read(async (tx) => ({ incident: await getIncident(tx, id), markdown: await postmortemMarkdown(ops, tx, id) }));
      return { title: incident.id, section: 'incidents', body: incidentBody(incident, renderMarkdown(markdown, { demote: true }), tzOf(ops)) };
    },
  },
  {
    pattern: '/board/decisions',
    permission: 'view',
    live: false,
    async build({ ops, query }) {
      const services = Object.keys(ops.config.services);
      const q = { text: one(query, 'text'), category: one(query, 'category', DECISION_CATEGORIES), status: one(query, 'status', DECISION_STATUSES), service: one(query, 'service', services) };
      const page = Math.max(1, Number.parseInt(query.get('page') ?? '1', 10) || 1);
      const found = await ops.store.read((tx) =>
        searchDecisions(tx, {
          page,
          pageSize: 25,
          ...(q.text ? { text: q.text } : {}),
          ...(q.category ? { category: q.category as (typeof DECISION_CATEGORIES)[number] } : {}),
          ...(q.status ? { status: q.status as (typeof DECISION_STATUSES)[number] } : {}),
          ...(q.service ? { service: q.service } : {}),
        }),
      );
      return { title: 'Decisions', section: 'decisions', body: decisionsBody(found, q, services, tzOf(ops)) };
    },
  },
  {
    pattern: '/board/decisions/:id',
    permission: 'view',
    live: false,
    async build({ ops, params }) {
      const d = await ops.store.read((tx) => getDecision(tx, (params.id ?? '').toUpperCase()));
      const rendered = renderDecision(d, tzOf(ops), decisionPath);
      const markdown = rendered.blocks.map((b) => b.content).join('\n\n');
      return { title: `${d.id} ${d.title}`, section: 'decisions', body: decisionBody(d, rendered.frontMatter, renderMarkdown(markdown)) };
    },
  },
  {
    pattern: '/board/audit',
    permission: 'audit',
    live: false,
    async build({ ops }) {
      const events = await ops.store.queryAudit({ limit: 200 });
      return { title: 'Audit log', section: 'audit', body: auditBody(events, tzOf(ops)) };
    },
  },
];

/** The page a path names and its params, for the live stream (which gets the path as a query). */
export function findPage(path: string): { page: BoardPage; params: Record<string, string> } | undefined {
  const segments = path.split('/');
  for (const page of BOARD_PAGES) {
    const parts = page.pattern.split('/');
    if (parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    const fits = parts.every((p, i) => {
      const s = segments[i] ?? '';
      if (!p.startsWith(':')) return p === s;
      params[p.slice(1)] = s;
      return s !== '';
    });
    if (fits) return { page, params };
  }
  return undefined;
}
