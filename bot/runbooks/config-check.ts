import type { z } from 'zod';
import { validateCron } from '../cron.js';
import type { RunbookConfig } from './config-schema.js';

/**
 * What a runbook names elsewhere in the file: its apply runbook, its environments, its schedule.
 * Called from the file schema, so a bad name is reported with its path like any other error.
 */
export function checkRunbookReferences(config: { runbooks: Record<string, RunbookConfig>; environments: Record<string, unknown> }, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path: ['runbooks', ...path], message });
  for (const [name, runbook] of Object.entries(config.runbooks)) {
    runbook.envs?.forEach((env, i) => {
      if (!(env in config.environments) && Object.keys(config.environments).length > 0) issue([name, 'envs', i], `there is no environment ${env} under environments`);
    });
    if (runbook.apply !== undefined) {
      if (runbook.kind !== 'drift-check') issue([name, 'apply'], 'only a runbook with kind: drift-check names an apply runbook');
      else if (!config.runbooks[runbook.apply]) issue([name, 'apply'], `there is no runbook named ${runbook.apply}`);
      else if (runbook.apply === name) issue([name, 'apply'], 'a drift check cannot apply itself; name the runbook that applies the changes');
    }
    if (runbook.schedule) {
      try {
        validateCron(runbook.schedule.cron);
      } catch (err) {
        issue([name, 'schedule', 'cron'], (err as Error).message);
      }
      if (runbook.schedule.tz !== undefined && !isTimeZone(runbook.schedule.tz)) issue([name, 'schedule', 'tz'], 'must be an IANA time zone such as Europe/Berlin or UTC');
    }
  }
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}
