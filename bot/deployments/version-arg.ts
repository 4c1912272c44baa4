import { z } from 'zod';
import { VERSION_PATTERN } from '../../data/records/deployment.js';

/** A tag, a ref or a version string. */
export function versionArg() {
  return z.string().trim().regex(VERSION_PATTERN, { message: 'must be 1 to 128 letters, digits or . _ - + / (a tag, a ref or a version)' });
}
