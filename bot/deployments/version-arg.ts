import { z } from 'zod';
import { VERSION_RULE, versionProblem } from '../../data/records/version.js';

/** A semver, an image tag or a git ref name (data/records/version.ts). */
export function versionArg() {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = versionProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: `is not a version dayops accepts: ${problem}; ${VERSION_RULE}` });
    });
}
