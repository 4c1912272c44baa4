import type { z } from 'zod';
import { ConfigError } from '../../bot/config/load.js';
import type { Config } from '../../bot/config/schema.js';

/**
 * A platform's secrets checked by its schema; a value of the wrong form is a ConfigError naming
 * the variable (`SLACK_API_URL must be a URL`).
 */
export function parseSecrets<T extends z.ZodObject>(schema: T, values: Record<string, string | undefined>, variables: Record<string, string>): z.infer<T> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const key = String(issue?.path[0] ?? '');
  throw new ConfigError(`${variables[key] ?? key} ${issue?.message ?? 'is not valid'}; it is "${values[key] ?? ''}".`);
}

/** A platform's secrets as loadConfig read them, typed by its schema; undefined when it is not configured. */
export function secretsOf<T extends z.ZodObject>(config: Config, platform: string, schema: T): z.infer<T> | undefined {
  const found = config.secrets.chat[platform];
  return found ? schema.parse(found) : undefined;
}
