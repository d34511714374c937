// Fuzzing tools: a seeded PRNG, the test suite's own operations as a corpus, document mutators, typed variable generators and an engine guard.
import { readdirSync, readFileSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  Lexer,
  OperationTypeNode,
  parse,
  print,
  Source,
  TokenKind,
  typeFromAST,
  visit,
  type ArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DefinitionNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { listenOnPrivateSocket } from './counting-proxy.js';

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: tiny, fast and good enough to pick fuzz inputs reproducibly from one 32-bit seed. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** In [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** In [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick from an empty list');
    return items[this.int(items.length)] as T;
  }

  /** A child generator, so that one case's draws never shift another's. */
  fork(): Rng {
    return new Rng(this.int(4294967296));
  }

  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [items[i], items[j]] = [items[j] as T, items[i] as T];
    }
    return items;
  }
}

/** The seed from WHARF_FUZZ_SEED (decimal or 0x hex), else the fixed default. */
export function fuzzSeed(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value.trim());
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 0xffffffff) {
    throw new Error(`WHARF_FUZZ_SEED must be an integer in [0, 2^32), not ${JSON.stringify(value)}`);
  }
  return parsed;
}

// ---------------------------------------------------------------------------------------------
// Variable values, including what plain JSON.stringify cannot write

/** JSON text written exactly as given: numbers JSON.stringify cannot write (2^53 + 1, 1e400, -0), nesting too deep to build as objects. */
export class RawNumber {
  constructor(readonly text: string) {}
}

export type FuzzValue = null | boolean | number | string | RawNumber | FuzzValue[] | { [key: string]: FuzzValue };

/** JSON text of a fuzz value; RawNumbers go out verbatim. */
export function toJsonText(value: FuzzValue | undefined): string {
  if (value === undefined) return 'null';
  if (value instanceof RawNumber) return value.text;
  if (Array.isArray(value)) return `[${value.map(toJsonText).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([key, v]) => `${JSON.stringify(key)}:${toJsonText(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The value as plain JSON data (for clients that stringify themselves): RawNumbers become what JSON.parse makes of them. */
export function toPlain(value: FuzzValue | undefined): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(toJsonText(value)) as unknown;
}

// ---------------------------------------------------------------------------------------------
// The corpus: the operations the test suite itself sends

/** Every graphql(`...`) document in test/*.test.ts, with the fragments each one spreads appended. */
export function collectTestOperations(testDir: string, exclude: readonly string[] = []): string[] {
  const texts = new Set<string>();
  for (const file of readdirSync(testDir)
    .filter((f) => f.endsWith('.test.ts') && !exclude.includes(f))
    .sort()) {
    const source = readFileSync(join(testDir, file), 'utf8');
    for (const match of source.matchAll(/graphql\(\s*`([^`]*)`\s*\)/g)) texts.add((match[1] ?? '').trim());
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: DocumentNode[] = [];
  for (const text of texts) {
    let doc: DocumentNode;
    try {
      doc = parse(text);
    } catch {
      continue;
    }
    for (const def of doc.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    if (doc.definitions.some((def) => def.kind === Kind.OPERATION_DEFINITION)) operations.push(doc);
  }
  return operations.map((doc) => {
    const defined = new Set(doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [d.name.value] : [])));
    const extra: FragmentDefinitionNode[] = [];
    const want = (node: DefinitionNode | FragmentDefinitionNode) =>
      visit(node, {
        FragmentSpread(spread) {
          const name = spread.name.value;
          const fragment = fragments.get(name);
          if (!defined.has(name) && fragment) {
            defined.add(name);
            extra.push(fragment);
            want(fragment);
          }
        },
      });
    for (const def of doc.definitions) want(def);
    return print({ ...doc, definitions: [...doc.definitions, ...extra] });
  });
}

/** The SDL the gateway serves, for typing variables. */
export function loadSchema(sdlPath: string): GraphQLSchema {
  return buildSchema(readFileSync(sdlPath, 'utf8'));
}

// ---------------------------------------------------------------------------------------------
// Strings that tend to break things

const UNICODE_BITS = [
  'é',
  'ß',
  'Ж',
  '中文',
  '🚢',
  '🐳',
  '\u200b',
  '\u202e',
  '\ufeff',
  '\u0000',
  '\u0007',
  '\ud800',
  '\udfff',
  'ﷺ',
  '\u2028',
  'Ⅻ',
  '𝔘',
];
const NASTY_STRINGS = [
  '',
  ' ',
  '\t',
  '\n',
  '\r\n',
  '..',
  '../../etc/passwd',
  '/',
  '//',
  '/%2e%2e/',
  '%00',
  '%',
  '?',
  '#',
  '&',
  'a?b=c',
  'a/b',
  'a\\b',
  '-',
  '--help',
  '-ef; rm -rf /',
  '$(id)',
  '`id`',
  '${PATH}',
  '"',
  "'",
  '{}',
  '[]',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'SIG',
  'SIGKILL\n',
  '<script>alert(1)</script>',
  '%s%s%s%n',
  'Bearer x',
];

export function randomPrintable(rng: Rng, maxLength = 300): string {
  const length = rng.chance(0.1) ? rng.int(4) : rng.int(maxLength);
  let out = '';
  for (let i = 0; i < length; i++) {
    out += rng.chance(0.93)
      ? String.fromCharCode(rng.range(0x20, 0x7e))
      : rng.chance(0.5)
        ? rng.pick(UNICODE_BITS)
        : rng.pick(['\n', '\t', '\r']);
  }
  return out;
}

export function weirdString(rng: Rng): string {
  switch (rng.int(7)) {
    case 0:
      return rng.pick(NASTY_STRINGS);
    case 1:
      return rng.pick(UNICODE_BITS).repeat(rng.range(1, 20));
    case 2:
      // Long: up to 200 kB, under the 1 MB body limit.
      return rng.pick(['a', 'x', '0', '/', 'é', '🐳', ' ']).repeat(rng.chance(0.1) ? 200_000 : rng.pick([300, 4_096, 65_537]));
    case 3:
      return randomPrintable(rng, 80);
    case 4:
      return Array.from({ length: rng.range(1, 64) }, () => rng.pick([...'0123456789abcdef'])).join('');
    case 5:
      return `${rng.pick(NASTY_STRINGS)}${rng.pick(UNICODE_BITS)}${randomPrintable(rng, 10)}`;
    default:
      return rng.pick(['a', 'b', 'c', 'x', 'nope', 'sleep', 'wharf']);
  }
}

// ---------------------------------------------------------------------------------------------
// Token soup

const KEYWORDS = [
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'true',
  'false',
  'null',
  'schema',
  'type',
  'input',
  'enum',
  'scalar',
  'extend',
  'directive',
  'repeatable',
  'implements',
  'interface',
  'union',
];
const PUNCTUATORS = ['{', '}', '(', ')', '[', ']', ':', '=', '@', '$', '!', '...', '|', '&', ',', '{', '}', '(', ')'];
const DIRECTIVE_NAMES = ['include', 'skip', 'deprecated', 'specifiedBy', 'defer', 'stream', 'oneOf', 'live', 'unknown'];

/** Names from the schema: field, argument, type and enum value names. */
export function schemaVocabulary(schema: GraphQLSchema): string[] {
  const words = new Set<string>(['__typename', '__schema', '__type', 'name', 'types', 'fields', 'kind', 'ofType']);
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    words.add(type.name);
    if ('getFields' in type) {
      for (const field of Object.values(type.getFields())) {
        words.add(field.name);
        if ('args' in field) for (const arg of field.args) words.add(arg.name);
      }
    }
    if (isEnumType(type)) for (const value of type.getValues()) words.add(value.name);
  }
  return [...words];
}

function soupToken(rng: Rng, vocabulary: readonly string[]): string {
  switch (rng.int(12)) {
    case 0:
    case 1:
    case 2:
      return rng.pick(vocabulary);
    case 3:
    case 4:
      return rng.pick(PUNCTUATORS);
    case 5:
      return rng.pick(KEYWORDS);
    case 6:
      return `$${rng.pick(['id', 'input', 'a', 'x', 'filters', 'tail', ''])}`;
    case 7:
      return rng.pick([
        '0',
        '-1',
        '1.5',
        '1e400',
        '9007199254740993',
        '2147483648',
        '-0',
        '00',
        '1.',
        '.5',
        '0x1f',
        '1e',
        String(rng.int(1e6)),
      ]);
    case 8:
      return JSON.stringify(rng.chance(0.7) ? weirdString(rng).slice(0, 100) : '\\u{1F433}');
    case 9:
      return rng.pick(['"""block"""', '"""', '"\\x"', '"unterminated', '"\\u00"', '# comment\n', '\u00a0', '\ufeff', '\\']);
    case 10:
      return `@${rng.pick(DIRECTIVE_NAMES)}`;
    default:
      return randomPrintable(rng, 8).replace(/\s/g, '') || 'x';
  }
}

export function tokenSoup(rng: Rng, vocabulary: readonly string[]): string {
  const count = rng.chance(0.05) ? rng.range(500, 6_000) : rng.range(1, 60);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    parts.push(soupToken(rng, vocabulary));
    parts.push(rng.pick([' ', ' ', ' ', '\n', ',', '', '\t']));
  }
  // Half the soups start like an operation, so they get past the first token more often.
  return (rng.chance(0.5) ? `${rng.pick(['query', 'mutation', 'subscription', '', '{'])} { ` : '') + parts.join('');
}

// ---------------------------------------------------------------------------------------------
// Document mutators

interface LexedToken {
  start: number;
  end: number;
}

function lex(text: string): LexedToken[] | undefined {
  try {
    const lexer = new Lexer(new Source(text));
    const tokens: LexedToken[] = [];
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens.push({ start: token.start, end: token.end });
      if (tokens.length > 20_000) break;
    }
    return tokens;
  } catch {
    return undefined;
  }
}

/** One token-level edit: delete, duplicate, swap, insert or replace a token; falls back to characters when the text does not lex. */
export function mutateTokens(rng: Rng, text: string, vocabulary: readonly string[]): string {
  const tokens = lex(text);
  if (!tokens || tokens.length === 0) {
    const at = rng.int(text.length + 1);
    return rng.chance(0.5)
      ? text.slice(0, at) + soupToken(rng, vocabulary) + text.slice(at)
      : text.slice(0, at) + text.slice(at + rng.range(1, 5));
  }
  const slice = (t: LexedToken) => text.slice(t.start, t.end);
  const i = rng.int(tokens.length);
  const token = tokens[i] as LexedToken;
  switch (rng.int(7)) {
    case 0:
      return text.slice(0, token.start) + text.slice(token.end);
    case 1:
      return `${text.slice(0, token.end)} ${slice(token)}${text.slice(token.end)}`;
    case 2: {
      const other = tokens[rng.int(tokens.length)] as LexedToken;
      const [a, b] = token.start < other.start ? [token, other] : [other, token];
      if (a === b) return text;
      return text.slice(0, a.start) + slice(b) + text.slice(a.end, b.start) + slice(a) + text.slice(b.end);
    }
    case 3:
      return `${text.slice(0, token.start)}${soupToken(rng, vocabulary)} ${text.slice(token.start)}`;
    case 4:
      return text.slice(0, token.start) + soupToken(rng, vocabulary) + text.slice(token.end);
    case 5:
      return text.slice(0, rng.chance(0.5) ? token.start : token.end);
    default: {
      const at = rng.range(token.start, token.end);
      return text.slice(0, at) + String.fromCharCode(rng.range(0x20, 0x7e)) + text.slice(at);
    }
  }
}

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

/** A value literal of any kind, mostly of the wrong one for where it lands. */
export function randomValueNode(rng: Rng, depth = 0): ValueNode {
  switch (rng.int(depth > 3 ? 9 : 12)) {
    case 0:
      return {
        kind: Kind.INT,
        value: rng.pick([
          '0',
          '-1',
          '1',
          '2147483647',
          '2147483648',
          '-2147483649',
          '9007199254740992',
          '9007199254740993',
          '-9007199254740993',
          '99999999999999999999999',
        ]),
      };
    case 1:
      return { kind: Kind.FLOAT, value: rng.pick(['1.5', '1e400', '-1e400', '1e-400', '0.0', '3.14159', '1e3']) };
    case 2:
      return { kind: Kind.STRING, value: weirdString(rng) };
    case 3:
      return { kind: Kind.BOOLEAN, value: rng.chance(0.5) };
    case 4:
      return { kind: Kind.NULL };
    case 5:
      return { kind: Kind.ENUM, value: rng.pick(['RUNNING', 'EXITED', 'STDOUT', 'running', 'FOO', 'true', 'SIGKILL']) };
    case 6:
      return { kind: Kind.VARIABLE, name: name(rng.pick(['id', 'undefinedVar', 'input', 'tail', 'x'])) };
    case 7:
      return {
        kind: Kind.STRING,
        value: rng.pick(['2024-01-02T03:04:05.123456789Z', '2024-13-01T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday', '1700000000']),
      };
    case 8:
      return { kind: Kind.STRING, value: rng.pick(['sleep', 'a', '/', 'wharf-test/busybox:latest', 'SIGTERM']) };
    case 9:
      return { kind: Kind.LIST, values: Array.from({ length: rng.range(0, 4) }, () => randomValueNode(rng, depth + 1)) };
    case 10:
      return {
        kind: Kind.OBJECT,
        fields: Array.from({ length: rng.range(0, 4) }, () => ({
          kind: Kind.OBJECT_FIELD,
          name: name(rng.pick(['image', 'cmd', 'id', 'label', 'status', 'key', 'value', 'hostConfig', 'privileged', 'x', '__proto__'])),
          value: randomValueNode(rng, depth + 1),
        })),
      };
    default: {
      // Nested lists or objects: coercion recurses on them (mutateDocument nests deeper in plain text, cheaper than print).
      const levels = rng.pick([10, 100, 300]);
      let value: ValueNode = { kind: Kind.INT, value: '1' };
      const asList = rng.chance(0.5);
      for (let i = 0; i < levels; i++) {
        value = asList
          ? { kind: Kind.LIST, values: [value] }
          : { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: name('a'), value }] };
      }
      return value;
    }
  }
}

function field(fieldName: string, selections?: readonly SelectionNode[], args: readonly ArgumentNode[] = [], alias?: string): FieldNode {
  return {
    kind: Kind.FIELD,
    name: name(fieldName),
    arguments: args,
    directives: [],
    ...(alias ? { alias: name(alias) } : {}),
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  };
}

function directive(rng: Rng): DirectiveNode {
  const pickArgs = (): ArgumentNode[] => {
    switch (rng.int(5)) {
      case 0:
        return [];
      case 1:
        return [{ kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value: rng.chance(0.5) } }];
      case 2:
        return [{ kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.VARIABLE, name: name(rng.pick(['nope', 'id', 'flag'])) } }];
      case 3:
        return [
          {
            kind: Kind.ARGUMENT,
            name: name(rng.pick(['if', 'reason', 'url', 'initialCount', 'label', 'x'])),
            value: randomValueNode(rng, 3),
          },
        ];
      default:
        return [
          { kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value: true } },
          { kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value: false } },
        ];
    }
  };
  return { kind: Kind.DIRECTIVE, name: name(rng.pick(DIRECTIVE_NAMES)), arguments: pickArgs() };
}

const TYPE_NAMES = [
  'String',
  'String!',
  'Int',
  'Int!',
  'Boolean',
  'ID!',
  'Float',
  '[String!]',
  '[String!]!',
  '[[Int]]',
  'DateTime',
  'SafeInt',
  'JSON',
  'ContainerFilters',
  'CreateContainerInput!',
  'ContainerState',
  'Container',
  'Query',
  'Nope',
  'EventFilters',
  'LogStream!',
];

function typeNode(text: string): TypeNode {
  const doc = parse(`query Q($v: ${text}) { __typename }`);
  const op = doc.definitions[0] as OperationDefinitionNode;
  return (op.variableDefinitions?.[0] as VariableDefinitionNode).type;
}

/** Applies `edit` to the n-th node the visitor key meets, counting from 0; other nodes are left alone. */
function editNth<N>(
  doc: DocumentNode,
  kind: 'Field' | 'Argument' | 'ObjectField' | 'SelectionSet' | 'VariableDefinition' | 'OperationDefinition',
  n: number,
  edit: (node: N) => N | null,
): DocumentNode {
  let seen = 0;
  return visit(doc, {
    [kind]: {
      enter(node: N) {
        if (seen++ === n) return edit(node);
        return undefined;
      },
    },
  });
}

function countNodes(doc: DocumentNode, kind: string): number {
  let count = 0;
  visit(doc, {
    enter(node) {
      if (node.kind === kind) count++;
    },
  });
  return count;
}

const ROOT_TRASH = [
  '__typename',
  '__schema { queryType { name } types { name kind fields { name args { name type { name kind ofType { name kind } } } } } }',
  '__type(name: "Container") { name fields { name } }',
  '__type(name: "") { name }',
  'engine { version }',
  'containers { id }',
  'container(id: "a") { id }',
  'inspect { raw }',
  'nope',
  'containers(all: true, limit: 1) { inspect { raw hostConfig { memory } } logs(tail: 1) { message } top { titles } stats { pids } }',
  'events { type }',
  'startContainer(id: "a") { id }',
];

/** One AST-level edit of a parsed document; undefined when it has nothing the edit needs. */
export function mutateAst(rng: Rng, doc: DocumentNode, vocabulary: readonly string[]): DocumentNode | undefined {
  const choice = rng.int(17);
  switch (choice) {
    case 0:
    case 1: {
      // An argument's value replaced by one of another kind, a huge number, a long string, a variable that is not declared.
      const n = countNodes(doc, Kind.ARGUMENT);
      if (!n) return undefined;
      return editNth<ArgumentNode>(doc, 'Argument', rng.int(n), (arg) => ({ ...arg, value: randomValueNode(rng) }));
    }
    case 2: {
      const n = countNodes(doc, Kind.OBJECT_FIELD);
      if (!n) return undefined;
      return editNth<{ kind: Kind.OBJECT_FIELD; value: ValueNode }>(doc, 'ObjectField', rng.int(n), (f) => ({
        ...f,
        value: randomValueNode(rng),
      }));
    }
    case 3: {
      // null where non-null, or the argument dropped.
      const n = countNodes(doc, Kind.ARGUMENT);
      if (!n) return undefined;
      return editNth<ArgumentNode>(doc, 'Argument', rng.int(n), (arg) => (rng.chance(0.5) ? { ...arg, value: { kind: Kind.NULL } } : null));
    }
    case 4: {
      // Unknown (or duplicated) arguments.
      const n = countNodes(doc, Kind.FIELD);
      if (!n) return undefined;
      return editNth<FieldNode>(doc, 'Field', rng.int(n), (f) => ({
        ...f,
        arguments: [
          ...(f.arguments ?? []),
          ...(rng.chance(0.5) && f.arguments?.[0] ? [f.arguments[0]] : []),
          { kind: Kind.ARGUMENT, name: name(rng.pick([...vocabulary, 'x', 'limit', 'id', 'all'])), value: randomValueNode(rng) },
        ],
      }));
    }
    case 5: {
      // Unknown fields, fields of another type, introspection, at any level.
      const n = countNodes(doc, Kind.SELECTION_SET);
      if (!n) return undefined;
      const extra = rng.chance(0.5) ? rng.pick(ROOT_TRASH) : rng.pick(vocabulary);
      let selection: readonly SelectionNode[];
      try {
        selection = (parse(`{ ${extra} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections;
      } catch {
        return undefined;
      }
      return editNth<SelectionSetNode>(doc, 'SelectionSet', rng.int(n), (s) => ({ ...s, selections: [...s.selections, ...selection] }));
    }
    case 6: {
      // Deep nesting of selections.
      const n = countNodes(doc, Kind.FIELD);
      if (!n) return undefined;
      // print indents each level, so this stays moderate; mutateDocument nests deeper in plain text.
      const levels = rng.pick([13, 30, 100, 300]);
      const names = rng.chance(0.5) ? ['container', 'inspect', 'config', 'labels'] : ['events', 'container', 'a'];
      let inner: FieldNode = field('id');
      for (let i = 0; i < levels; i++) inner = field(names[i % names.length] as string, [inner]);
      return editNth<FieldNode>(doc, 'Field', rng.int(n), (f) => ({
        ...f,
        selectionSet: { kind: Kind.SELECTION_SET, selections: [...(f.selectionSet?.selections ?? []), inner] },
      }));
    }
    case 7: {
      // Many aliases of one field in its selection set.
      const n = countNodes(doc, Kind.SELECTION_SET);
      if (!n) return undefined;
      const copies = rng.pick([10, 49, 51, 200]);
      return editNth<SelectionSetNode>(doc, 'SelectionSet', rng.int(n), (s) => {
        const first = s.selections.find((sel): sel is FieldNode => sel.kind === Kind.FIELD);
        if (!first) return s;
        return { ...s, selections: [...s.selections, ...Array.from({ length: copies }, (_, i) => ({ ...first, alias: name(`a${i}`) }))] };
      });
    }
    case 8: {
      // Fragment cycles (and self-spreads) spread from the first operation.
      const typeCondition = rng.pick(['Query', 'Container', 'Mutation', 'Nope']);
      const cycle: FragmentDefinitionNode[] = [
        {
          kind: Kind.FRAGMENT_DEFINITION,
          name: name('FuzzA'),
          typeCondition: { kind: Kind.NAMED_TYPE, name: name(typeCondition) },
          directives: [],
          selectionSet: {
            kind: Kind.SELECTION_SET,
            selections: [
              { kind: Kind.FRAGMENT_SPREAD, name: name(rng.chance(0.5) ? 'FuzzB' : 'FuzzA'), directives: [] },
              field('__typename'),
            ],
          },
        },
        {
          kind: Kind.FRAGMENT_DEFINITION,
          name: name('FuzzB'),
          typeCondition: { kind: Kind.NAMED_TYPE, name: name(typeCondition) },
          directives: [],
          selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FRAGMENT_SPREAD, name: name('FuzzA'), directives: [] }] },
        },
      ];
      const n = countNodes(doc, Kind.SELECTION_SET);
      const spread: SelectionNode = { kind: Kind.FRAGMENT_SPREAD, name: name('FuzzA'), directives: [] };
      const withSpread = n
        ? editNth<SelectionSetNode>(doc, 'SelectionSet', rng.int(n), (s) => ({ ...s, selections: [...s.selections, spread] }))
        : doc;
      return { ...withSpread, definitions: [...withSpread.definitions, ...cycle] };
    }
    case 9: {
      // Directives: unknown, misplaced, repeated, with wrong arguments.
      const n = countNodes(doc, Kind.FIELD);
      if (!n) return undefined;
      return editNth<FieldNode>(doc, 'Field', rng.int(n), (f) => ({
        ...f,
        directives: [...(f.directives ?? []), directive(rng), ...(rng.chance(0.3) ? [directive(rng)] : [])],
      }));
    }
    case 10: {
      // Variable definitions: dropped, retyped, given defaults of the wrong type, duplicated.
      const n = countNodes(doc, Kind.VARIABLE_DEFINITION);
      if (!n) return undefined;
      return editNth<VariableDefinitionNode>(doc, 'VariableDefinition', rng.int(n), (v) => {
        switch (rng.int(4)) {
          case 0:
            return null;
          case 1:
            return { ...v, type: typeNode(rng.pick(TYPE_NAMES)) };
          case 2:
            // Variables in a default are not allowed: the printer writes them anyway, the parser must refuse them.
            return { ...v, defaultValue: randomValueNode(rng, 3) as ConstValueNode };
          default:
            return { ...v, directives: [directive(rng) as ConstDirectiveNode] };
        }
      });
    }
    case 11: {
      // Extra, unused or duplicate variables.
      const n = countNodes(doc, Kind.OPERATION_DEFINITION);
      if (!n) return undefined;
      return editNth<OperationDefinitionNode>(doc, 'OperationDefinition', rng.int(n), (op) => ({
        ...op,
        variableDefinitions: [
          ...(op.variableDefinitions ?? []),
          ...(rng.chance(0.5) && op.variableDefinitions?.[0] ? [op.variableDefinitions[0]] : []),
          {
            kind: Kind.VARIABLE_DEFINITION,
            variable: { kind: Kind.VARIABLE, name: name(rng.pick(['extra', 'id', 'flag', 'nope'])) },
            type: typeNode(rng.pick(TYPE_NAMES)),
            directives: [],
          },
        ],
      }));
    }
    case 12: {
      // The operation's kind changed: a query sent as a mutation or subscription and so on.
      const n = countNodes(doc, Kind.OPERATION_DEFINITION);
      if (!n) return undefined;
      return editNth<OperationDefinitionNode>(doc, 'OperationDefinition', rng.int(n), (op) => ({
        ...op,
        operation: rng.pick([OperationTypeNode.QUERY, OperationTypeNode.MUTATION, OperationTypeNode.SUBSCRIPTION]),
      }));
    }
    case 13: {
      // A second operation: same name, anonymous, or another kind.
      const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
      if (!op) return undefined;
      const second: OperationDefinitionNode = rng.chance(0.5) ? op : { ...op, name: undefined };
      return { ...doc, definitions: [...doc.definitions, second] };
    }
    case 14: {
      // Inline fragments on other types, and on unknown ones.
      const n = countNodes(doc, Kind.SELECTION_SET);
      if (!n) return undefined;
      const on = rng.pick(['Engine', 'Container', 'Query', 'Mutation', 'LogLine', 'Nope', 'String']);
      return editNth<SelectionSetNode>(doc, 'SelectionSet', rng.int(n), (s) => ({
        ...s,
        selections: [
          ...s.selections,
          {
            kind: Kind.INLINE_FRAGMENT,
            typeCondition: { kind: Kind.NAMED_TYPE, name: name(on) },
            directives: [],
            selectionSet: { kind: Kind.SELECTION_SET, selections: [field(rng.pick(['__typename', 'id', 'version', 'message', 'nope']))] },
          },
        ],
      }));
    }
    case 15: {
      // A selection removed: leaves without subfields, objects without any.
      const n = countNodes(doc, Kind.FIELD);
      if (!n) return undefined;
      return editNth<FieldNode>(doc, 'Field', rng.int(n), (f) => (rng.chance(0.5) ? { ...f, selectionSet: undefined } : null));
    }
    default: {
      // A field renamed to another name from the schema.
      const n = countNodes(doc, Kind.FIELD);
      if (!n) return undefined;
      return editNth<FieldNode>(doc, 'Field', rng.int(n), (f) => ({ ...f, name: name(rng.pick(vocabulary)) }));
    }
  }
}

/** 1 to 3 edits, AST-level while the text still parses, token-level otherwise. */
export function mutateDocument(rng: Rng, text: string, vocabulary: readonly string[]): string {
  if (rng.chance(0.03)) {
    // Nesting far deeper than any limit, yet under the token limit, in plain text: the parser recurses per level.
    const brace = text.indexOf('{');
    if (brace >= 0 && rng.chance(0.5)) {
      const levels = rng.pick([500, 1_600, 2_400]);
      return `${text.slice(0, brace + 1)} ${'a { '.repeat(levels)}b${' }'.repeat(levels)} ${text.slice(brace + 1)}`;
    }
    const paren = text.indexOf('(');
    if (paren >= 0) {
      const levels = rng.pick([1_000, 2_500, 4_900]);
      const open = rng.chance(0.5) ? '[' : '{a:';
      const close = open === '[' ? ']' : '}';
      return `${text.slice(0, paren + 1)}deep: ${open.repeat(levels)}1${close.repeat(levels)}, ${text.slice(paren + 1)}`;
    }
  }
  let current = text;
  // The AST of `current` while edits stay AST-level; printed only when a token edit or the caller needs the text.
  let ast: DocumentNode | undefined;
  let printed = true;
  const edits = rng.range(1, 3);
  for (let i = 0; i < edits; i++) {
    if (rng.chance(0.65)) {
      ast ??= parseLoose(current);
      const edited = ast ? mutateAst(rng, ast, vocabulary) : undefined;
      if (edited) {
        ast = edited;
        printed = false;
        continue;
      }
    }
    if (!printed && ast) current = printCompact(ast);
    current = mutateTokens(rng, current, vocabulary);
    ast = undefined;
    printed = true;
    if (current.length > MAX_TYPED_TEXT) break;
  }
  return !printed && ast ? printCompact(ast) : current;
}

/** print without its indentation: a thousand nested levels would otherwise cost a megabyte of spaces. */
function printCompact(doc: DocumentNode): string {
  return print(doc).replace(/\n +/g, '\n');
}

/** Beyond this many characters a document is only ever refused by the token limit, so it is not parsed here. */
const MAX_TYPED_TEXT = 50_000;

/** The document's AST, or undefined when it does not parse (or is too large to bother). */
export function parseLoose(text: string): DocumentNode | undefined {
  if (text.length > MAX_TYPED_TEXT) return undefined;
  try {
    return parse(text, { maxTokens: 100_000 });
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// Variables by type

export interface ValuePools {
  /** References that resolve: full ids, short ids, names, /names. */
  ids: string[];
  /** Names for rename and create. */
  names: string[];
  labels: string[];
  images: string[];
}

export function wrongValue(rng: Rng): FuzzValue {
  switch (rng.int(14)) {
    case 0:
      return weirdString(rng);
    case 1:
      return new RawNumber(
        rng.pick([
          '9007199254740992',
          '9007199254740993',
          '-9007199254740993',
          '1e400',
          '-1e400',
          '1e-400',
          '-0',
          '2147483648',
          '123456789012345678901234567890',
        ]),
      );
    case 2:
      return -1;
    case 3:
      return 1.5;
    case 4:
      return rng.chance(0.5);
    case 5:
      return null;
    case 6:
      return [];
    case 7:
      return {};
    case 8:
      return [weirdString(rng), 1, null, { a: [true] }];
    case 9: {
      // Deep nesting, written as text: coercion and serialisation recurse on it.
      const levels = rng.pick([10, 200, 3_000, 20_000]);
      return rng.chance(0.5)
        ? new RawNumber(`${'['.repeat(levels)}"deep"${']'.repeat(levels)}`)
        : new RawNumber(`${'{"a":'.repeat(levels)}"deep"${'}'.repeat(levels)}`);
    }
    case 10:
      // Own keys named __proto__ and constructor, as a JSON body carries them.
      return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}') as FuzzValue;
    case 11:
      return Array.from({ length: rng.chance(0.2) ? 5_000 : 100 }, (_, i) => `x${i}`);
    case 12:
      return rng.pick(['true', '1', 'RUNNING', 'running', '2024-01-01T00:00:00Z']);
    default:
      return 0;
  }
}

function intValue(rng: Rng): FuzzValue {
  return rng.chance(0.7)
    ? rng.pick([0, 1, 2, 3, 5, 10, 100, 1_000, -1, -100])
    : rng.pick<FuzzValue>([
        2147483647,
        -2147483648,
        2147483648,
        -2147483649,
        new RawNumber('9007199254740992'),
        new RawNumber('1e400'),
        new RawNumber('1e3'),
        1.5,
        new RawNumber('-0'),
      ]);
}

function safeIntValue(rng: Rng): FuzzValue {
  return rng.chance(0.6)
    ? rng.pick([0, 1, -1, 6 * 1024 * 1024, 64 * 1024 * 1024, 1024, 4])
    : rng.pick<FuzzValue>([
        9007199254740991,
        -9007199254740991,
        new RawNumber('9007199254740992'),
        new RawNumber('1e400'),
        1.5,
        2 ** 40,
        '123',
      ]);
}

function dateTimeValue(rng: Rng): FuzzValue {
  if (rng.chance(0.5)) {
    const when = new Date(Date.now() - rng.int(3_600_000) + rng.int(60_000) - 30_000).toISOString();
    return rng.chance(0.5) ? when : when.replace(/\.\d+Z$/, `.${String(rng.int(1e9)).padStart(9, '0')}Z`);
  }
  return rng.pick([
    '2024-01-02T03:04:05.123456789Z',
    '2024-01-02T03:04:05+05:30',
    '2024-01-02t03:04:05z',
    '1970-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
    '2024-02-30T00:00:00Z',
    '2023-02-29T12:00:00Z',
    '2024-12-31T23:59:60Z',
    '2024-13-01T00:00:00Z',
    '2024-01-01T00:00:00.1234567890Z',
    '2024-01-01T24:00:00Z',
    '2024-01-01T00:00:00-24:00',
    '2024-01-01T00:00:00+99:99',
    '+275760-09-13T00:00:00Z',
    '2024-01-01',
    '1700000000',
    'yesterday',
    '',
  ]);
}

function stringFor(rng: Rng, hint: string, pools: ValuePools): string {
  if (rng.chance(0.15)) return weirdString(rng);
  switch (hint) {
    case 'id':
    case 'a':
    case 'b':
    case 'c':
    case 'container':
      return rng.chance(0.85)
        ? rng.pick(pools.ids)
        : rng.pick([
            '0000000000000000000000000000000000000000000000000000000000000000',
            'wharf-fuzz-missing',
            '/wharf-fuzz-missing',
            'ffffffffffff',
          ]);
    case 'name':
      return rng.pick(pools.names);
    case 'image':
      return rng.pick(pools.images);
    case 'label':
      return rng.pick(pools.labels);
    case 'psArgs':
      return rng.pick(['-ef', 'aux', '-o pid,comm', '-o pid,user,args', '--bogus', '-p 1', 'x']);
    case 'signal':
      return rng.pick(['SIGTERM', 'TERM', 'SIGHUP', 'HUP', '1', '0', '99', 'SIGUSR1', 'SIGFOO', 'SIG', 'sigterm', '-9', 'SIGRTMIN+3']);
    case 'cmd':
    case 'entrypoint':
      return rng.pick(['sleep', '5', 'true', 'echo', 'hello', 'sh', '-c', 'exit 3', '/nonexistent']);
    case 'env':
      return rng.pick(['A=b', 'FUZZ=1', 'X=', '=x', 'noequals', 'PATH=/bin']);
    case 'exposedPorts':
    case 'containerPort':
      return rng.pick(['80', '22/tcp', '53/udp', '99999/tcp', '0', 'abc', '80/sctp', '1-5/tcp']);
    case 'hostPort':
      return rng.pick(['', '0', 'abc', '99999', '-1']);
    case 'hostIp':
      return rng.pick(['127.0.0.1', '::1', '', '999.1.1.1', 'localhost']);
    case 'binds':
      return rng.pick(['fuzzvol:/data', 'fuzzvol:/data:ro', '/tmp:/host-tmp', '/:/host', 'relative:/x', ':', 'a:b:c:d']);
    case 'networkMode':
      return rng.pick(['none', 'bridge', 'default', 'host', 'container:abc', 'nonexistent-net']);
    case 'pidMode':
    case 'ipcMode':
    case 'utsMode':
      return rng.pick(['', 'private', 'host', 'container:abc', 'shareable', 'bogus']);
    case 'type':
      return rng.pick(['volume', 'tmpfs', 'bind', 'npipe', 'container', 'image', 'network', 'bogus']);
    case 'target':
    case 'source':
    case 'workingDir':
    case 'volumes':
    case 'pathOnHost':
    case 'pathInContainer':
      return rng.pick(['/data', '/tmp', 'relative', '/', '', '/dev/null', '/proc/1']);
    case 'event':
      return rng.pick(['start', 'die', 'create', 'destroy', 'bogus']);
    case 'key':
      return rng.pick(['fuzz', 'a.b', '', '=', 'wharf.fuzz']);
    case 'value':
      return rng.pick(['1', '', 'x=y', weirdString(rng).slice(0, 50)]);
    case 'capAdd':
    case 'capDrop':
      return rng.pick(['NET_ADMIN', 'ALL', 'CHOWN', 'bogus']);
    case 'securityOpt':
      return rng.pick(['no-new-privileges', 'seccomp=unconfined', 'apparmor=unconfined', 'bogus']);
    default:
      return rng.chance(0.5) ? rng.pick(['x', 'fuzz', 'a', '1']) : weirdString(rng);
  }
}

/** A value for `type`: mostly of the right shape, with `wrongRate` of getting the wrong shape at each level. */
export function valueFor(rng: Rng, type: GraphQLInputType, hint: string, pools: ValuePools, wrongRate: number): FuzzValue | undefined {
  if (rng.chance(wrongRate)) return wrongValue(rng);
  if (isNonNullType(type)) return valueFor(rng, type.ofType, hint, pools, wrongRate) ?? null;
  if (rng.chance(0.15)) return rng.chance(0.5) ? null : undefined;
  if (isListType(type)) {
    // A single value where a list is wanted is legal coercion; lists can also be long.
    if (rng.chance(0.1)) return valueFor(rng, type.ofType, hint, pools, wrongRate);
    const length = rng.chance(0.03) ? rng.pick([200, 2_000]) : rng.range(0, 4);
    const items: FuzzValue[] = [];
    for (let i = 0; i < length; i++) items.push(valueFor(rng, type.ofType, hint, pools, wrongRate) ?? null);
    return items;
  }
  if (isInputObjectType(type)) {
    const out: { [key: string]: FuzzValue } = {};
    for (const f of Object.values(type.getFields())) {
      if (!isNonNullType(f.type) && rng.chance(0.55)) continue;
      const v = valueFor(rng, f.type, f.name, pools, wrongRate);
      if (v !== undefined) out[f.name] = v;
    }
    if (rng.chance(wrongRate)) out[rng.pick(['unknownField', 'Image', 'privileged', '__proto__'])] = wrongValue(rng);
    return out;
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((v) => v.name);
    return rng.chance(0.9) ? rng.pick(values) : rng.pick(['running', 'Running', 'NOPE', '']);
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'Int':
        return intValue(rng);
      case 'Float':
        return rng.pick<FuzzValue>([0, 1.5, -1, 1e308, new RawNumber('1e400')]);
      case 'Boolean':
        return rng.chance(0.5);
      case 'SafeInt':
        return safeIntValue(rng);
      case 'DateTime':
        return dateTimeValue(rng);
      case 'JSON':
        return rng.pick<FuzzValue>([{ a: 1 }, [1, 2], 'x', null, 1]);
      default:
        return stringFor(rng, hint, pools);
    }
  }
  return weirdString(rng);
}

/** Values for the variables the document's operations declare (those that parse and name known types). */
export function variablesFor(
  rng: Rng,
  schema: GraphQLSchema,
  doc: DocumentNode | undefined,
  pools: ValuePools,
  wrongRate: number,
): { [key: string]: FuzzValue } {
  const out: { [key: string]: FuzzValue } = {};
  if (!doc) return out;
  for (const def of doc.definitions) {
    if (def.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const v of def.variableDefinitions ?? []) {
      let type: GraphQLInputType | undefined;
      try {
        const t = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
        type =
          t && (isScalarType(getNamedType(t)) || isEnumType(getNamedType(t)) || isInputObjectType(getNamedType(t)))
            ? (t as GraphQLInputType)
            : undefined;
      } catch {
        type = undefined;
      }
      const value = type ? valueFor(rng, type, v.variable.name.value, pools, wrongRate) : wrongValue(rng);
      if (value !== undefined) out[v.variable.name.value] = value;
    }
  }
  if (rng.chance(wrongRate)) out[rng.pick(['extra', 'undeclared', '__proto__'])] = wrongValue(rng);
  return out;
}

/** The first operation's name, if any (to send as operationName). */
export function operationNameOf(doc: DocumentNode | undefined): string | undefined {
  return doc?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
}

// ---------------------------------------------------------------------------------------------
// The engine guard

export interface EngineGuard {
  dockerHost: string;
  /** Container ids the fuzz may change: its fixtures and what it created through the guard. */
  owned: Set<string>;
  /** Ids of containers created through the guard. */
  created: Set<string>;
  /** Requests the guard answered itself instead of forwarding, by reason. */
  refused: Map<string, number>;
  close(): Promise<void>;
}

const HOST_NAMESPACE = (mode: unknown) => typeof mode === 'string' && (mode === 'host' || mode.startsWith('container:'));

/** Why a create body must not reach the engine from a fuzzer, or undefined when it may. */
function unsafeCreate(body: Record<string, unknown>): string | undefined {
  const host = (body.HostConfig ?? {}) as Record<string, unknown>;
  if (typeof host !== 'object' || host === null) return undefined;
  if (host.Privileged) return 'privileged';
  const binds = Array.isArray(host.Binds) ? host.Binds : [];
  if (binds.some((b) => typeof b !== 'string' || b.startsWith('/') || b.startsWith('.') || b.startsWith('~'))) return 'host bind';
  const mounts = Array.isArray(host.Mounts) ? host.Mounts : [];
  if (
    mounts.some(
      (m) => !m || typeof m !== 'object' || ((m as { Type?: unknown }).Type !== 'volume' && (m as { Type?: unknown }).Type !== 'tmpfs'),
    )
  )
    return 'mount';
  if (Array.isArray(host.Devices) && host.Devices.length) return 'devices';
  if (Array.isArray(host.CapAdd) && host.CapAdd.length) return 'capAdd';
  if (Array.isArray(host.SecurityOpt) && host.SecurityOpt.length) return 'securityOpt';
  if ([host.NetworkMode, host.PidMode, host.IpcMode, host.UTSMode, host.UsernsMode, host.CgroupnsMode].some(HOST_NAMESPACE))
    return 'host namespace';
  return undefined;
}

/**
 * A streaming proxy in front of the engine for a fuzzer running with every right: reads pass,
 * creates pass when harmless (and are labelled for cleanup), and changes reach only containers
 * the fuzz owns. Anything else gets the engine's own 404, as if the container did not exist.
 * Stop and restart timeouts are capped at 2 s so that no fuzzed timeout holds the run.
 */
export async function startEngineGuard(
  targetSocket: string,
  labels: Record<string, string>,
  owned: Iterable<string>,
): Promise<EngineGuard> {
  const ownedSet = new Set(owned);
  const created = new Set<string>();
  const refused = new Map<string, number>();
  const agent = new http.Agent({ keepAlive: true });

  const refuse = (res: ServerResponse, status: number, reason: string, message: string) => {
    refused.set(reason, (refused.get(reason) ?? 0) + 1);
    const text = JSON.stringify({ message });
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };

  const forward = (
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    body?: Buffer,
    onBody?: (status: number, body: Buffer) => void,
  ) => {
    const headers = { ...req.headers };
    delete headers.connection;
    delete headers['keep-alive'];
    if (body) {
      headers['content-length'] = String(body.length);
      delete headers['transfer-encoding'];
    }
    const upstream = http.request({ socketPath: targetSocket, agent, method: req.method, path, headers });
    upstream.once('response', (ures) => {
      const responseHeaders = { ...ures.headers };
      delete responseHeaders.connection;
      delete responseHeaders['keep-alive'];
      res.writeHead(ures.statusCode ?? 502, responseHeaders);
      res.flushHeaders();
      if (onBody) {
        const chunks: Buffer[] = [];
        ures.on('data', (chunk: Buffer) => chunks.push(chunk));
        ures.once('end', () => onBody(ures.statusCode ?? 0, Buffer.concat(chunks)));
      }
      ures.once('error', () => res.destroy());
      ures.pipe(res);
    });
    upstream.once('error', (error) => {
      // Destroyed because the gateway went away first: nothing to answer.
      if (res.destroyed || res.writableEnded) return;
      if (!res.headersSent) refuse(res, 502, 'upstream error', `fuzz guard: ${error.message}`);
      else res.destroy();
    });
    res.once('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (body) upstream.end(body);
    else req.pipe(upstream);
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://engine');
    const path = url.pathname.replace(/^\/v\d+(?:\.\d+)?(?=\/)/, '');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' || method === 'HEAD') {
      forward(req, res, req.url ?? '/');
      return;
    }
    if (method === 'POST' && path === '/containers/create') {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.once('end', () => {
        let parsed: Record<string, unknown>;
        try {
          parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
        } catch {
          forward(req, res, req.url ?? '/', Buffer.concat(chunks));
          return;
        }
        const why = parsed && typeof parsed === 'object' ? unsafeCreate(parsed) : undefined;
        if (why) {
          refuse(res, 400, `create: ${why}`, `fuzz guard refuses this create (${why})`);
          return;
        }
        const existing = parsed.Labels && typeof parsed.Labels === 'object' ? (parsed.Labels as Record<string, unknown>) : {};
        const body = Buffer.from(JSON.stringify({ ...parsed, Labels: { ...existing, ...labels } }));
        forward(req, res, req.url ?? '/', body, (status, responseBody) => {
          if (status !== 201) return;
          try {
            const id = (JSON.parse(responseBody.toString('utf8')) as { Id?: unknown }).Id;
            if (typeof id === 'string') {
              created.add(id);
              ownedSet.add(id);
            }
          } catch {
            // the gateway sees the same body and reports it
          }
        });
      });
      return;
    }
    const target = /^\/containers\/([^/]+)(?:\/([a-z]+))?$/.exec(path);
    if (target) {
      const id = decodeURIComponent(target[1] ?? '');
      if (!ownedSet.has(id)) {
        req.resume();
        refuse(res, 404, 'not owned', `No such container: ${id}`);
        return;
      }
      const action = target[2];
      if ((action === 'stop' || action === 'restart') && url.searchParams.has('t')) {
        const t = Number(url.searchParams.get('t'));
        if (!Number.isFinite(t) || t > 2) url.searchParams.set('t', '2');
      }
      forward(req, res, url.pathname + url.search);
      return;
    }
    req.resume();
    refuse(res, 403, `other ${method}`, `fuzz guard refuses ${method} ${path}`);
  });
  const { socketPath, close } = await listenOnPrivateSocket(server, 'fuzz-guard');
  return {
    dockerHost: `unix://${socketPath}`,
    owned: ownedSet,
    created,
    refused,
    close() {
      return close(() => agent.destroy());
    },
  };
}
