import type { DecisionCategory, DecisionRecord, DecisionStatus } from '../../data/records/decision.js';
import type { ReadTx } from '../../data/store.js';
import { badInput } from '../errors.js';
import type { DecisionSearch } from '../../data/queries.js';

export const DECISIONS_PAGE_SIZE = 10;

export interface DecisionFilter {
  /** Every word must begin a word of the title, context or outcome (any case). */
  text?: string;
  category?: DecisionCategory;
  status?: DecisionStatus;
  /** Decisions that apply to this service: recorded for it, or for all services (as readiness counts them). */
  service?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface DecisionPage {
  items: DecisionRecord[];
  /** How many matched, over all pages. */
  total: number;
  page: number;
  pages: number;
}

/** Matching decisions, newest first, one page of them. */
export async function searchDecisions(tx: ReadTx, filter: DecisionFilter): Promise<DecisionPage> {
  const matches = (await tx.query('decision.search', searchOf(filter))).reverse();
  const size = filter.pageSize ?? DECISIONS_PAGE_SIZE;
  const pages = Math.max(1, Math.ceil(matches.length / size));
  const page = filter.page ?? 1;
  if (page > pages) {
    throw badInput(`There ${pages === 1 ? 'is only 1 page' : `are only ${pages} pages`} of matching decisions; ask for page 1 to ${pages}.`);
  }
  return { items: matches.slice((page - 1) * size, page * size), total: matches.length, page, pages };
}

function searchOf(filter: DecisionFilter): DecisionSearch {
  return {
    ...(filter.text ? { text: filter.text } : {}),
    ...(filter.category ? { category: filter.category } : {}),
    ...(filter.status ? { status: filter.status } : {}),
    ...(filter.service ? { service: filter.service } : {}),
  };
}

