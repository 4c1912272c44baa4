/**
 * What a deployment's version may be: a semantic version (`1.4.2`, `v2.0.0-rc.1+build.5`), a
 * container image tag (`2026-01-05_abc123`), or a git ref name (`main`, `release/1.4`, a commit
 * hash). Each must also be a name `git check-ref-format --allow-onelevel` accepts (so an image tag such
 * as `1..2` is refused), in printable ASCII, without the shell's special characters (`` ` $ ; | & < > ( ) ' " ``), and at most 128
 * characters. Anything else is refused before it is stored or reaches an engine: no `..`, no
 * leading `-` (it would read as an option), no spaces.
 */
export const MAX_VERSION_LENGTH = 128;

export const VERSION_RULE = 'a version is semver (1.4.2, v2.0.0-rc.1), an image tag (letters, digits, _ . -) or a git ref name (release/1.4)';

/** Why `version` is not one, in words for the person; undefined when it is. */
export function versionProblem(version: string): string | undefined {
  if (version.length === 0) return 'it is empty';
  if (version.length > MAX_VERSION_LENGTH) return `it is ${version.length} characters long; at most ${MAX_VERSION_LENGTH}`;
  // Semver and image tags are ref names too, save the odd tag; one set of rules covers all three.
  return refNameProblem(version);
}

/** The rules of git check-ref-format, in its order, plus printable ASCII, no shell characters and no leading dash. */
function refNameProblem(ref: string): string | undefined {
  if (/[^\x21-\x7e]/.test(ref)) return 'it holds a space, a control character or a character outside printable ASCII';
  if (ref.startsWith('-')) return 'it starts with "-"';
  if (ref.split('/').some((part) => part.startsWith('.'))) return 'a part of it starts with "."';
  if (ref.split('/').some((part) => part.endsWith('.lock'))) return 'a part of it ends with ".lock"';
  if (ref.includes('..')) return 'it holds ".." (two dots in a row)';
  const bad = /[~^:?*[\\]/.exec(ref) ?? /[`$;|&<>()'"]/.exec(ref);
  if (bad) return `it holds "${bad[0]}"`;
  if (ref.startsWith('/') || ref.endsWith('/') || ref.includes('//')) return 'it starts or ends with "/", or holds "//"';
  if (ref.endsWith('.')) return 'it ends with "."';
  if (ref.includes('@{')) return 'it holds "@{"';
  if (ref === '@') return 'it is "@" alone';
  return undefined;
}
