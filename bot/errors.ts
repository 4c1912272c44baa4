/**
 * Expected failures: the person who caused them gets `message`, nobody gets a stack trace.
 * Anything else thrown is a bug and goes to the one error handler (bot/error-handler.ts).
 */
export type UserErrorCode =
  | 'bad_input'
  | 'unknown_command'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'illegal_transition'
  | 'rate_limited'
  | 'too_large'
  | 'unavailable';

export class UserError extends Error {
  override readonly name = 'UserError';
  /** Set once a refusal is on the audit log, so the router does not write it twice. */
  audited = false;
  constructor(
    readonly code: UserErrorCode,
    message: string,
    /** Extra lines shown under the message, such as a command's usage. */
    readonly details: string[] = [],
  ) {
    super(message);
  }
}

export const badInput = (message: string, details: string[] = []) => new UserError('bad_input', message, details);
export const notFound = (message: string) => new UserError('not_found', message);
export const forbidden = (message: string) => new UserError('forbidden', message);
export const conflict = (message: string) => new UserError('conflict', message);
export const illegalTransition = (message: string) => new UserError('illegal_transition', message);

export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}
