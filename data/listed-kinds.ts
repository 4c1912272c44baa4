import type { IndexedKind } from './memory-index-specs.js';
import type { Kind } from './records/index.js';

/**
 * The kinds a transaction may read whole with `list`: every kind but those that grow with use
 * (deployments, messages, jobs, alert groups, incidents, decisions), which are read by id or
 * by a named query (data/queries.ts) only. A kind that grows gets indexes there and leaves this list.
 */
export type ListedKind = Exclude<Kind, IndexedKind>;
