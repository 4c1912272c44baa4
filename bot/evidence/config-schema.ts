import { z } from 'zod';
import { DECISION_CATEGORIES } from '../../data/records/decision.js';
import { DUTY_CATEGORIES } from '../duties/kinds.js';

const duration = z.string().regex(/^(\d+[smhdw])+$/, { message: 'must be a duration such as 35d or 12h' });

/**
 * `requiredEvidence: { database: 35d }` on an environment: a service ships there only while the
 * duty of its covering decision was last done, successfully, less than that long ago.
 */
export const requiredEvidenceSchema = z
  .partialRecord(z.enum(DECISION_CATEGORIES), duration)
  .superRefine((value, ctx) => {
    for (const category of Object.keys(value)) {
      if ((DUTY_CATEGORIES as string[]).includes(category)) continue;
      ctx.addIssue({ code: 'custom', path: [category], message: `${category} decisions create no duty, so they have no evidence; evidence comes from ${DUTY_CATEGORIES.join(', ')} duties` });
    }
  });

export const evidenceConfigSchema = z
  .object({
    /** The service channel hears this long before a required piece of evidence expires. */
    warnBefore: duration.default('3d'),
  })
  .strict();

export type EvidenceConfig = z.infer<typeof evidenceConfigSchema>;
