import { randomBytes } from 'node:crypto';
import type { Logger } from './log.js';
import { reply, type Reply } from './model.js';
import { isUserError, type UserError } from './errors.js';
import { StoreUnavailableError } from '../data/store-errors.js';
import { isStoreOutage } from './store-outage.js';

/** What was being handled when something failed, for the log line. */
export interface FailureContext {
  /** `command`, `action`, `thread-reply`. */
  kind: string;
  /** The command or action name, when known. */
  name?: string;
  platform?: string;
  userId?: string;
}

/**
 * The one place failures become replies. A UserError is the person's to fix and says so; any
 * other error is ours: logged with its stack under a short reference the person can quote.
 */
export function errorReply(err: unknown, log: Logger, context: FailureContext): Reply {
  if (isUserError(err)) return userErrorReply(err);
  if (err instanceof StoreUnavailableError) return storeUnavailableReply(err, log, context);
  if (isStoreOutage(err)) return databaseOutageReply(err, log, context);
  return unexpectedErrorReply(err, log, context);
}

/** The database does not answer (stopped, restarting, unreachable): not a bug; a retry later works. */
function databaseOutageReply(err: unknown, log: Logger, context: FailureContext): Reply {
  log.warn({ err, ...context }, `the store could not be reached handling ${context.kind}${context.name ? ` ${context.name}` : ''}`);
  const text = 'dayops cannot reach its database right now; nothing was changed. Try again in a minute.';
  return { ...reply({ tone: 'danger', text }, 'private'), failed: true };
}

/** The store refused the write (a full disk): not a bug and not the person's doing; a retry may work. */
function storeUnavailableReply(err: StoreUnavailableError, log: Logger, context: FailureContext): Reply {
  log.warn({ err, ...context }, `the store refused a write handling ${context.kind}${context.name ? ` ${context.name}` : ''}`);
  return { ...reply({ tone: 'danger', text: err.message }, 'private'), failed: true };
}

export function userErrorReply(err: UserError): Reply {
  const text = [err.message, ...err.details].join('\n');
  return { ...reply({ tone: 'danger', text }, 'private'), failed: true };
}

export function unexpectedErrorReply(err: unknown, log: Logger, context: FailureContext): Reply {
  const ref = randomBytes(4).toString('hex');
  const error = err instanceof Error ? err : new Error(String(err));
  log.error({ err: error, ref, ...context }, `unexpected error handling ${context.kind}${context.name ? ` ${context.name}` : ''}`);
  const text = `Something went wrong on our side; it has been logged (ref ${ref}).`;
  return { ...reply({ tone: 'danger', text }, 'private'), failed: true };
}
