import * as rrulePackage from 'rrule';

// rrule ships CommonJS to Node (no named exports there) and ES modules to bundlers: take either.
const loaded = ((rrulePackage as unknown as { default?: typeof rrulePackage }).default ?? rrulePackage) as typeof rrulePackage;

export const { RRule, rrulestr, datetime } = loaded;
export type { Options as RRuleOptions } from 'rrule';
