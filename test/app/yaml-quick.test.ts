// The quick YAML read must never mean something else than `yaml`: for any text, it either
// declines or returns exactly the data `yaml` reads, from a text `yaml` reads without an
// error or a warning. And it must not decline the files people write.
import fs from 'node:fs';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { parseDocument } from 'yaml';
import { quickYaml } from '../../src/app/yaml-quick.js';

const RUNS = { numRuns: Number(process.env.PROPERTY_RUNS ?? 300) };

/** What `yaml` reads, as apply reads it; undefined when it reports any problem. */
function yamlData(text: string): { value: unknown } | undefined {
  try {
    const doc = parseDocument(text, { uniqueKeys: true });
    if (doc.errors.length > 0 || doc.warnings.length > 0) return undefined;
    return { value: doc.toJS({ maxAliasCount: 100 }) };
  } catch {
    return undefined;
  }
}

/** Checks one text; whether the quick read took it. */
function expectAgreement(text: string): boolean {
  const quick = quickYaml(text);
  if (quick === undefined) return false;
  expect(yamlData(text), JSON.stringify(text)).toEqual(quick);
  // toEqual does not tell -0 from 0, nor a missing key from an undefined one.
  expect(JSON.stringify(yamlData(text)?.value)).toBe(JSON.stringify(quick.value));
  expect(Object.is(yamlData(text)?.value, -0)).toBe(Object.is(quick.value, -0));
  return true;
}

/** Runs the property, and checks that the quick read took a fair share of the texts (else it proves little). */
function agreeOn(texts: fc.Arbitrary<string>): void {
  let taken = 0;
  fc.assert(fc.property(texts, (text) => void (taken += expectAgreement(text) ? 1 : 0)), RUNS);
  expect(taken).toBeGreaterThan(RUNS.numRuns / 10);
}

const examples = fs.readdirSync('examples').filter((f) => f.endsWith('.yaml')).map((f) => fs.readFileSync(`examples/${f}`, 'utf8'));

// Pieces that YAML gives a meaning to, so that random texts hit the rules where readers differ.
const PIECES = [
  ' ', '  ', '\n', '\r\n', '\r', '\t', ':', ': ', '- ', '-', '#', ' #', '"', "'", '[', ']', '{', '}', ',', ', ',
  '?', '? ', '|', '>', '&a ', '*a', '!!str ', '!x ', '%YAML 1.2\n', '---', '---\n', '...', '\uFEFF', '\u00A0', '\u2028',
  '\\', '\\t', '\\x41', '\\u00e9', '\\q', '~', 'null', 'Null', 'true', 'FALSE', 'yes', '0', '-0', '+1', '007', '0o17',
  '0x1F', '1e3', '.5', '1.', '.inf', '-.Inf', '.nan', '2026-01-05T09:00', '12:30', 'a', 'id', 'x: 1', '__proto__',
];
const piece = fc.constantFrom(...PIECES);
const word = fc.oneof(piece, fc.string({ maxLength: 4 }));

/** A block document of nested mappings and sequences with random scalars, as text. */
const blockDoc = fc.letrec<{ scalar: string; node: Tree; map: Tree; seq: Tree }>((tie) => ({
  scalar: fc.oneof(
    fc.array(word, { maxLength: 4 }).map((w) => w.join('')),
    fc.string({ maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.string({ maxLength: 6 }).map((s) => `'${s.replace(/'/g, "''")}'`),
    fc.array(fc.oneof(word, fc.constant(', ')), { maxLength: 4 }).map((w) => `[${w.join('')}]`),
  ),
  node: fc.oneof({ depthSize: 'small' }, tie('scalar'), tie('map'), tie('seq')),
  map: fc.array(fc.tuple(tie('scalar'), tie('node')), { minLength: 1, maxLength: 4 }).map((pairs) => ({ pairs })),
  seq: fc.array(tie('node'), { minLength: 1, maxLength: 4 }).map((items) => ({ items })),
})).node.map((node) => render(node, 0));

type Tree = string | { pairs: [string, Tree][] } | { items: Tree[] };

function render(node: Tree, indent: number): string {
  const pad = ' '.repeat(indent);
  const below = (v: Tree) => (typeof v === 'string' ? ` ${v}` : `\n${render(v, indent + 2)}`);
  if (typeof node === 'string') return node;
  if ('pairs' in node) return node.pairs.map(([k, v]) => `${pad}${k}:${below(v)}`).join('\n');
  return node.items.map((v) => `${pad}-${below(v)}`).join('\n');
}

/** An example file with a few pieces inserted, replaced or removed at random places. */
const mutated = fc
  .tuple(fc.constantFrom(...examples), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 }), fc.oneof(piece, fc.constant(''))), { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((t, [at, cut, insert]) => {
      const i = at % (t.length + 1);
      return t.slice(0, i) + insert + t.slice(i + cut);
    }, text),
  );

describe('quick YAML read', () => {
  test('reads every example file, as yaml does', () => {
    for (const text of examples) {
      expect(expectAgreement(text)).toBe(true);
    }
  });

  test('reads the benchmark file shape: overrides with quoted reasons, short flow lists', () => {
    const text = [
      'version: 1',
      'people:',
      '  - id: p001',
      '    name: "Person 1"',
      '    color: "#e06c75"',
      'schedules:',
      '  - id: s001',
      '    disabled: true',
      '    layers:',
      '      - id: weekly',
      '        members: [p001, p002]',
      '        priority: 2',
      '    overrides:',
      '      - person: p355',
      '        from: 2025-11-18T02:00',
      '        reason: "cover #69" # a comment',
      '',
    ].join('\n');
    expect(expectAgreement(text)).toBe(true);
    expect(expectAgreement(text.replace(/\n/g, '\r\n'))).toBe(true);
  });

  test('declines what the two libraries were seen to read differently', () => {
    for (const text of [
      '%FOO bar\n---\n"foo"\n',
      'a: 1\rb: 2\n',
      '\t---\n{a: [b]}\n',
      '\uFEFF- { "key": value }\n',
      '# comment\n...\nb\n',
      ' ---\nplain\n',
      'a: &x 1\nb: *x\n',
      'a: !!str 1\n',
      'a: |\n  text\n',
      'a: "two\n  lines"\n',
      'a: [b,\n  c]\n',
      'a: 1\na: 2\n',
      '__proto__: 1\n',
      '? [a]\n: b\n',
    ]) {
      expect(quickYaml(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  test('resolves plain scalars by the core schema, as yaml does', () => {
    const text = ['~', 'null', 'NULL', 'True', 'false', 'yes', '0', '-0', '+12', '007', '0o17', '0x1F', '1e3', '.5', '1.', '.inf', '-.Inf', '.NaN', '1_000', 'v1']
      .map((v, i) => `k${i}: ${v}`)
      .join('\n');
    expect(expectAgreement(text)).toBe(true);
  });

  test('random block documents: declined, or read as yaml reads them', () => {
    agreeOn(blockDoc);
  });

  test('example files with random edits: declined, or read as yaml reads them', () => {
    agreeOn(mutated);
  });
});
