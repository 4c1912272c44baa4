import fc from 'fast-check';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** One change to a JSON document: at the node picked by `at`, replace, delete, retype or inflate it. */
interface Mutation {
  at: number;
  kind: 'replace' | 'delete' | 'stringify' | 'wrap' | 'huge';
  value: Json;
}

const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom('replace', 'delete', 'stringify', 'wrap', 'huge'),
  value: fc.jsonValue() as fc.Arbitrary<Json>,
});

/** A real payload with one to five random changes, so a parser sees inputs close to what it expects. */
export function mutated(original: unknown): fc.Arbitrary<unknown> {
  return fc.array(mutation, { minLength: 1, maxLength: 5 }).map((mutations) => {
    let doc = structuredClone(original) as Json;
    for (const m of mutations) doc = apply(doc, m);
    return doc;
  });
}

function apply(doc: Json, m: Mutation): Json {
  const paths = nodes(doc, []);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return change(doc, m) ?? null;
  const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string, Json>)[key as string]!, doc) as Record<string | number, Json>;
  const key = path[path.length - 1]!;
  const next = change(parent[key]!, m);
  if (next === undefined) {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else parent[key] = next;
  return doc;
}

function change(node: Json, m: Mutation): Json | undefined {
  switch (m.kind) {
    case 'replace':
      return m.value;
    case 'delete':
      return undefined;
    case 'stringify':
      return JSON.stringify(node);
    case 'wrap':
      return [node];
    case 'huge':
      // Long strings, and lists long enough to pass any item limit without nesting into millions of nodes.
      return typeof node === 'string' ? (node || 'x').repeat(2000).slice(0, 200_000) : Array(300).fill(typeof node === 'object' ? null : node);
  }
}

/** Paths to the document's nodes, at most a few thousand of them. */
function nodes(doc: Json, at: (string | number)[], out: (string | number)[][] = []): (string | number)[][] {
  if (out.length >= 2000) return out;
  out.push(at);
  if (Array.isArray(doc)) doc.forEach((v, i) => nodes(v, [...at, i], out));
  else if (doc !== null && typeof doc === 'object') for (const [k, v] of Object.entries(doc)) nodes(v, [...at, k], out);
  return out;
}

/** Command-line-shaped text: quotes, flags, escapes, unicode, control characters, very long runs. */
export const commandText: fc.Arbitrary<string> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.string({ unit: 'binary' }),
  fc.array(fc.constantFrom('"', "'", '\\', ' ', '--', '=', '--reason', 'DEP-1', '@', '#ops', 'to', '“', '”', '—', '\n', '\t', '\u0000', '\u202e', '𝔘', 'production', '1.0.0'), { maxLength: 40 }).map((parts) => parts.join('')),
  fc.tuple(fc.constantFrom('"', "'", 'a', ' '), fc.integer({ min: 1000, max: 60_000 })).map(([c, n]) => c.repeat(n)),
);
