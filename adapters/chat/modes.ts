import { ConfigError } from '../../bot/config/load.js';

/** The mode of the first secret that is set (`[appToken, 'socket']`); a ConfigError saying what to set when none is. */
export function modeFrom<M extends string>(choices: readonly (readonly [string | undefined, M])[], missing: string): M {
  const found = choices.find(([value]) => value);
  if (!found) throw new ConfigError(missing);
  return found[1];
}
