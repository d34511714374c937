// Documents: token soup, and corpus operations mutated at the token and AST level (fields, arguments, variables, nesting, aliases, fragments, directives).
import fc from 'fast-check';
import {
  Kind,
  Lexer,
  OperationTypeNode,
  parse,
  Source,
  TokenKind,
  visit,
  type ArgumentNode,
  type ConstDirectiveNode,
  type ConstValueNode,
  type DirectiveNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type ObjectFieldNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { MAX_TYPED_TEXT, parseLoose, printCompact, vocabulary } from './corpus.js';
import { printable, weirdString } from './strings.js';

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

// ---------------------------------------------------------------------------------------------
// Token soup

const vocabularyWord = fc.constantFrom(...vocabulary);

export const soupToken: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: vocabularyWord },
  { weight: 2, arbitrary: fc.constantFrom(...PUNCTUATORS) },
  { weight: 1, arbitrary: fc.constantFrom(...KEYWORDS) },
  { weight: 1, arbitrary: fc.constantFrom('id', 'input', 'a', 'x', 'filters', 'tail', '').map((v) => `$${v}`) },
  {
    weight: 1,
    arbitrary: fc.oneof(
      fc.constantFrom('0', '-1', '1.5', '1e400', '9007199254740993', '2147483648', '-0', '00', '1.', '.5', '0x1f', '1e'),
      fc.nat(999_999).map(String),
    ),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof({ weight: 7, arbitrary: weirdString.map((s) => s.slice(0, 100)) }, { weight: 3, arbitrary: fc.constant('\\u{1F433}') })
      .map((s) => JSON.stringify(s)),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom('"""block"""', '"""', '"\\x"', '"unterminated', '"\\u00"', '# comment\n', '\u00a0', '\ufeff', '\\'),
  },
  { weight: 1, arbitrary: fc.constantFrom(...DIRECTIVE_NAMES).map((d) => `@${d}`) },
  { weight: 1, arbitrary: printable(8).map((s) => s.replace(/\s/g, '') || 'x') },
);

const separator = fc.constantFrom(' ', ' ', ' ', '\n', ',', '', '\t');

/** Tokens of the language in random order; one in twenty is thousands of tokens long. */
export const tokenSoup: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof({ weight: 19, arbitrary: fc.integer({ min: 1, max: 60 }) }, { weight: 1, arbitrary: fc.integer({ min: 500, max: 6_000 }) }),
    fc.array(fc.tuple(soupToken, separator), { minLength: 60, maxLength: 60 }),
    // Half the soups start like an operation, so they get past the first token more often.
    fc.option(
      fc.constantFrom('query', 'mutation', 'subscription', '', '{').map((start) => `${start} { `),
      { freq: 2 },
    ),
  )
  .map(([count, pairs, start]) => {
    // Long soups repeat the drawn tokens instead of drawing thousands: the length is what matters there.
    const parts: string[] = [];
    for (let i = 0; i < count; i++) parts.push(...(pairs[i % pairs.length] as [string, string]));
    return (start ?? '') + parts.join('');
  });

// ---------------------------------------------------------------------------------------------
// Token-level edits

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

type TextEdit = (text: string) => string;

/** One token-level edit: delete, duplicate, swap, insert or replace a token, cut the text, add a character; by characters when the text does not lex. */
const tokenEdit: fc.Arbitrary<TextEdit> = fc
  .record({
    kind: fc.nat(6),
    at: fc.nat(),
    other: fc.nat(),
    token: soupToken,
    char: fc.integer({ min: 0x20, max: 0x7e }),
    before: fc.boolean(),
    cut: fc.integer({ min: 1, max: 5 }),
  })
  .map(({ kind, at, other, token: inserted, char, before, cut }) => (text: string) => {
    const tokens = lex(text);
    if (!tokens || tokens.length === 0) {
      const i = at % (text.length + 1);
      return before ? text.slice(0, i) + inserted + text.slice(i) : text.slice(0, i) + text.slice(i + cut);
    }
    const token = tokens[at % tokens.length] as LexedToken;
    const slice = (t: LexedToken) => text.slice(t.start, t.end);
    switch (kind) {
      case 0:
        return text.slice(0, token.start) + text.slice(token.end);
      case 1:
        return `${text.slice(0, token.end)} ${slice(token)}${text.slice(token.end)}`;
      case 2: {
        const second = tokens[other % tokens.length] as LexedToken;
        const [a, b] = token.start < second.start ? [token, second] : [second, token];
        if (a === b) return text;
        return text.slice(0, a.start) + slice(b) + text.slice(a.end, b.start) + slice(a) + text.slice(b.end);
      }
      case 3:
        return `${text.slice(0, token.start)}${inserted} ${text.slice(token.start)}`;
      case 4:
        return text.slice(0, token.start) + inserted + text.slice(token.end);
      case 5:
        return text.slice(0, before ? token.start : token.end);
      default: {
        const i = token.start + (other % (token.end - token.start + 1));
        return text.slice(0, i) + String.fromCharCode(char) + text.slice(i);
      }
    }
  });

// ---------------------------------------------------------------------------------------------
// Value literals

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

const valueNodes = new Map<number, fc.Arbitrary<ValueNode>>();

/** A value literal of any kind, mostly of the wrong one for where it lands. */
export function valueNode(depth = 0): fc.Arbitrary<ValueNode> {
  const known = valueNodes.get(depth);
  if (known) return known;
  const leaves: Array<fc.Arbitrary<ValueNode>> = [
    fc
      .constantFrom(
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
      )
      .map((value) => ({ kind: Kind.INT, value })),
    fc.constantFrom('1.5', '1e400', '-1e400', '1e-400', '0.0', '3.14159', '1e3').map((value) => ({ kind: Kind.FLOAT, value })),
    weirdString.map((value) => ({ kind: Kind.STRING, value })),
    fc.boolean().map((value) => ({ kind: Kind.BOOLEAN, value })),
    fc.constant({ kind: Kind.NULL }),
    fc.constantFrom('RUNNING', 'EXITED', 'STDOUT', 'running', 'FOO', 'true', 'SIGKILL').map((value) => ({ kind: Kind.ENUM, value })),
    fc.constantFrom('id', 'undefinedVar', 'input', 'tail', 'x').map((v) => ({ kind: Kind.VARIABLE, name: name(v) })),
    fc
      .constantFrom('2024-01-02T03:04:05.123456789Z', '2024-13-01T00:00:00Z', '0000-01-01T00:00:00Z', 'yesterday', '1700000000')
      .map((value) => ({ kind: Kind.STRING, value })),
    fc.constantFrom('sleep', 'a', '/', 'wharf-test/busybox:latest', 'SIGTERM').map((value) => ({ kind: Kind.STRING, value })),
  ];
  const arbitrary: fc.Arbitrary<ValueNode> =
    depth > 3
      ? fc.oneof(...leaves)
      : fc.oneof(
          ...leaves,
          fc.array(valueNode(depth + 1), { maxLength: 4 }).map((values): ValueNode => ({ kind: Kind.LIST, values })),
          fc
            .array(
              fc.tuple(
                fc.constantFrom('image', 'cmd', 'id', 'label', 'status', 'key', 'value', 'hostConfig', 'privileged', 'x', '__proto__'),
                valueNode(depth + 1),
              ),
              { maxLength: 4 },
            )
            .map(
              (fields): ValueNode => ({
                kind: Kind.OBJECT,
                fields: fields.map(([f, value]): ObjectFieldNode => ({ kind: Kind.OBJECT_FIELD, name: name(f), value })),
              }),
            ),
          // Nested lists or objects: coercion recurses on them (mutatedDocument nests deeper in plain text, cheaper than print).
          fc.tuple(fc.constantFrom(10, 100, 300), fc.boolean()).map(([levels, asList]) => {
            let value: ValueNode = { kind: Kind.INT, value: '1' };
            for (let i = 0; i < levels; i++) {
              value = asList
                ? { kind: Kind.LIST, values: [value] }
                : { kind: Kind.OBJECT, fields: [{ kind: Kind.OBJECT_FIELD, name: name('a'), value }] };
            }
            return value;
          }),
        );
  valueNodes.set(depth, arbitrary);
  return arbitrary;
}

// ---------------------------------------------------------------------------------------------
// AST-level edits

function field(fieldName: string, selections?: readonly SelectionNode[], alias?: string): FieldNode {
  return {
    kind: Kind.FIELD,
    name: name(fieldName),
    arguments: [],
    directives: [],
    ...(alias ? { alias: name(alias) } : {}),
    ...(selections ? { selectionSet: { kind: Kind.SELECTION_SET, selections } } : {}),
  };
}

const directive: fc.Arbitrary<DirectiveNode> = fc
  .tuple(
    fc.constantFrom(...DIRECTIVE_NAMES),
    fc.oneof(
      fc.constant<ArgumentNode[]>([]),
      fc.boolean().map((value): ArgumentNode[] => [{ kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value } }]),
      fc
        .constantFrom('nope', 'id', 'flag')
        .map((v): ArgumentNode[] => [{ kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.VARIABLE, name: name(v) } }]),
      fc
        .tuple(fc.constantFrom('if', 'reason', 'url', 'initialCount', 'label', 'x'), valueNode(3))
        .map(([arg, value]): ArgumentNode[] => [{ kind: Kind.ARGUMENT, name: name(arg), value }]),
      fc.constant<ArgumentNode[]>([
        { kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value: true } },
        { kind: Kind.ARGUMENT, name: name('if'), value: { kind: Kind.BOOLEAN, value: false } },
      ]),
    ),
  )
  .map(([directiveName, args]) => ({ kind: Kind.DIRECTIVE, name: name(directiveName), arguments: args }));

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

const typeNode: fc.Arbitrary<TypeNode> = fc.constantFrom(...TYPE_NAMES).map((text) => {
  const op = parse(`query Q($v: ${text}) { __typename }`).definitions[0] as OperationDefinitionNode;
  const [variable] = op.variableDefinitions ?? [];
  return (variable as VariableDefinitionNode).type;
});

type EditedKind = 'Field' | 'Argument' | 'ObjectField' | 'SelectionSet' | 'VariableDefinition' | 'OperationDefinition';

/** Applies `edit` to the (at mod count)-th node of a kind; undefined when the document has none. */
function editNth<N>(doc: DocumentNode, kind: EditedKind, at: number, edit: (node: N) => N | null): DocumentNode | undefined {
  let count = 0;
  visit(doc, { [kind]: () => void count++ });
  if (count === 0) return undefined;
  const target = at % count;
  let seen = 0;
  return visit(doc, {
    [kind]: {
      enter(node: N) {
        if (seen++ === target) return edit(node);
        return undefined;
      },
    },
  });
}

type AstEdit = (doc: DocumentNode) => DocumentNode | undefined;

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

const at = fc.nat();

const astEdits: Array<fc.Arbitrary<AstEdit>> = [
  // An argument's value replaced by one of another kind, a huge number, a long string, a variable that is not declared.
  fc.tuple(at, valueNode()).map(
    ([n, value]) =>
      (doc: DocumentNode) =>
        editNth<ArgumentNode>(doc, 'Argument', n, (arg) => ({ ...arg, value })),
  ),
  fc.tuple(at, valueNode()).map(
    ([n, value]) =>
      (doc: DocumentNode) =>
        editNth<ObjectFieldNode>(doc, 'ObjectField', n, (f) => ({ ...f, value })),
  ),
  // null where non-null, or the argument dropped.
  fc.tuple(at, fc.boolean()).map(
    ([n, toNull]) =>
      (doc: DocumentNode) =>
        editNth<ArgumentNode>(doc, 'Argument', n, (arg) => (toNull ? { ...arg, value: { kind: Kind.NULL } } : null)),
  ),
  // Unknown (or duplicated) arguments.
  fc.tuple(at, fc.boolean(), fc.constantFrom(...vocabulary, 'x', 'limit', 'id', 'all'), valueNode()).map(
    ([n, duplicate, argName, value]) =>
      (doc: DocumentNode) =>
        editNth<FieldNode>(doc, 'Field', n, (f) => ({
          ...f,
          arguments: [
            ...(f.arguments ?? []),
            ...(duplicate && f.arguments?.[0] ? [f.arguments[0]] : []),
            { kind: Kind.ARGUMENT, name: name(argName), value },
          ],
        })),
  ),
  // Unknown fields, fields of another type, introspection, at any level.
  fc.tuple(at, fc.oneof(fc.constantFrom(...ROOT_TRASH), vocabularyWord)).map(([n, extra]) => (doc: DocumentNode) => {
    let selections: readonly SelectionNode[];
    try {
      selections = (parse(`{ ${extra} }`).definitions[0] as OperationDefinitionNode).selectionSet.selections;
    } catch {
      return undefined;
    }
    return editNth<SelectionSetNode>(doc, 'SelectionSet', n, (s) => ({ ...s, selections: [...s.selections, ...selections] }));
  }),
  // Deep nesting of selections (print indents each level, so this stays moderate; mutatedDocument nests deeper in plain text).
  fc
    .tuple(
      at,
      fc.constantFrom(13, 30, 100, 300),
      fc.constantFrom(['container', 'inspect', 'config', 'labels'], ['events', 'container', 'a']),
    )
    .map(([n, levels, names]) => (doc: DocumentNode) => {
      let inner: FieldNode = field('id');
      for (let i = 0; i < levels; i++) inner = field(names[i % names.length] as string, [inner]);
      return editNth<FieldNode>(doc, 'Field', n, (f) => ({
        ...f,
        selectionSet: { kind: Kind.SELECTION_SET, selections: [...(f.selectionSet?.selections ?? []), inner] },
      }));
    }),
  // Many aliases of one field in its selection set.
  fc.tuple(at, fc.constantFrom(10, 49, 51, 200)).map(
    ([n, copies]) =>
      (doc: DocumentNode) =>
        editNth<SelectionSetNode>(doc, 'SelectionSet', n, (s) => {
          const first = s.selections.find((sel): sel is FieldNode => sel.kind === Kind.FIELD);
          if (!first) return s;
          return { ...s, selections: [...s.selections, ...Array.from({ length: copies }, (_, i) => ({ ...first, alias: name(`a${i}`) }))] };
        }),
  ),
  // Fragment cycles (and self-spreads) spread from a selection set.
  fc
    .tuple(at, fc.constantFrom('Query', 'Container', 'Mutation', 'Nope'), fc.boolean())
    .map(([n, typeCondition, self]) => (doc: DocumentNode) => {
      const spread = (to: string): SelectionNode => ({ kind: Kind.FRAGMENT_SPREAD, name: name(to), directives: [] });
      const fragment = (fragmentName: string, selections: SelectionNode[]): FragmentDefinitionNode => ({
        kind: Kind.FRAGMENT_DEFINITION,
        name: name(fragmentName),
        typeCondition: { kind: Kind.NAMED_TYPE, name: name(typeCondition) },
        directives: [],
        selectionSet: { kind: Kind.SELECTION_SET, selections },
      });
      const cycle = [fragment('FuzzA', [spread(self ? 'FuzzA' : 'FuzzB'), field('__typename')]), fragment('FuzzB', [spread('FuzzA')])];
      const withSpread =
        editNth<SelectionSetNode>(doc, 'SelectionSet', n, (s) => ({ ...s, selections: [...s.selections, spread('FuzzA')] })) ?? doc;
      return { ...withSpread, definitions: [...withSpread.definitions, ...cycle] };
    }),
  // Directives: unknown, misplaced, repeated, with wrong arguments.
  fc.tuple(at, fc.array(directive, { minLength: 1, maxLength: 2 })).map(
    ([n, directives]) =>
      (doc: DocumentNode) =>
        editNth<FieldNode>(doc, 'Field', n, (f) => ({ ...f, directives: [...(f.directives ?? []), ...directives] })),
  ),
  // Variable definitions: dropped, retyped, given defaults of the wrong type, given directives.
  fc.tuple(at, fc.nat(3), typeNode, valueNode(3), directive).map(
    ([n, how, type, value, d]) =>
      (doc: DocumentNode) =>
        editNth<VariableDefinitionNode>(doc, 'VariableDefinition', n, (v) => {
          switch (how) {
            case 0:
              return null;
            case 1:
              return { ...v, type };
            case 2:
              // Variables in a default are not allowed: the printer writes them anyway, the parser must refuse them.
              return { ...v, defaultValue: value as ConstValueNode };
            default:
              return { ...v, directives: [d as ConstDirectiveNode] };
          }
        }),
  ),
  // Extra, unused or duplicate variables.
  fc.tuple(at, fc.boolean(), fc.constantFrom('extra', 'id', 'flag', 'nope'), typeNode).map(
    ([n, duplicate, v, type]) =>
      (doc: DocumentNode) =>
        editNth<OperationDefinitionNode>(doc, 'OperationDefinition', n, (op) => ({
          ...op,
          variableDefinitions: [
            ...(op.variableDefinitions ?? []),
            ...(duplicate && op.variableDefinitions?.[0] ? [op.variableDefinitions[0]] : []),
            { kind: Kind.VARIABLE_DEFINITION, variable: { kind: Kind.VARIABLE, name: name(v) }, type, directives: [] },
          ],
        })),
  ),
  // The operation's kind changed: a query sent as a mutation or subscription and so on.
  fc.tuple(at, fc.constantFrom(OperationTypeNode.QUERY, OperationTypeNode.MUTATION, OperationTypeNode.SUBSCRIPTION)).map(
    ([n, operation]) =>
      (doc: DocumentNode) =>
        editNth<OperationDefinitionNode>(doc, 'OperationDefinition', n, (op) => ({ ...op, operation })),
  ),
  // A second operation: same name, or anonymous.
  fc.boolean().map((sameName) => (doc: DocumentNode) => {
    const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    if (!op) return undefined;
    return { ...doc, definitions: [...doc.definitions, sameName ? op : { ...op, name: undefined }] };
  }),
  // Inline fragments on other types, and on unknown ones.
  fc
    .tuple(
      at,
      fc.constantFrom('Engine', 'Container', 'Query', 'Mutation', 'LogLine', 'Nope', 'String'),
      fc.constantFrom('__typename', 'id', 'version', 'message', 'nope'),
    )
    .map(
      ([n, on, inner]) =>
        (doc: DocumentNode) =>
          editNth<SelectionSetNode>(doc, 'SelectionSet', n, (s) => ({
            ...s,
            selections: [
              ...s.selections,
              {
                kind: Kind.INLINE_FRAGMENT,
                typeCondition: { kind: Kind.NAMED_TYPE, name: name(on) },
                directives: [],
                selectionSet: { kind: Kind.SELECTION_SET, selections: [field(inner)] },
              },
            ],
          })),
    ),
  // A selection removed: leaves without subfields, objects without any.
  fc.tuple(at, fc.boolean()).map(
    ([n, keep]) =>
      (doc: DocumentNode) =>
        editNth<FieldNode>(doc, 'Field', n, (f) => (keep ? { ...f, selectionSet: undefined } : null)),
  ),
  // A field renamed to another name from the schema.
  fc.tuple(at, vocabularyWord).map(
    ([n, to]) =>
      (doc: DocumentNode) =>
        editNth<FieldNode>(doc, 'Field', n, (f) => ({ ...f, name: name(to) })),
  ),
];

/** One AST-level edit; an argument's value is what most often goes wrong in practice, so it is drawn twice as often. */
const astEdit: fc.Arbitrary<AstEdit> = fc.oneof(
  { weight: 2, arbitrary: astEdits[0] as fc.Arbitrary<AstEdit> },
  ...astEdits.slice(1).map((arbitrary) => ({ weight: 1, arbitrary })),
);

/** Nesting far deeper than any limit, yet under the token limit, in plain text: the parser recurses per level. */
const deepText = fc
  .tuple(fc.boolean(), fc.constantFrom(500, 1_600, 2_400), fc.constantFrom(1_000, 2_500, 4_900), fc.boolean())
  .map(([selections, selectionLevels, valueLevels, asList]) => (text: string) => {
    const brace = text.indexOf('{');
    if (brace >= 0 && selections)
      return `${text.slice(0, brace + 1)} ${'a { '.repeat(selectionLevels)}b${' }'.repeat(selectionLevels)} ${text.slice(brace + 1)}`;
    const paren = text.indexOf('(');
    if (paren < 0) return undefined;
    const [open, close] = asList ? ['[', ']'] : ['{a:', '}'];
    return `${text.slice(0, paren + 1)}deep: ${open.repeat(valueLevels)}1${close.repeat(valueLevels)}, ${text.slice(paren + 1)}`;
  });

const step = fc.record({
  ast: fc.oneof({ weight: 65, arbitrary: fc.constant(true) }, { weight: 35, arbitrary: fc.constant(false) }),
  astEdit,
  tokenEdit,
});

/** 1 to 3 edits of `text`, AST-level while the text still parses, token-level otherwise; one in thirty nests deep in plain text. */
export function mutatedDocument(text: string): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.oneof({ weight: 97, arbitrary: fc.constant(undefined) }, { weight: 3, arbitrary: deepText }),
      fc.array(step, { minLength: 1, maxLength: 3 }),
    )
    .map(([deep, steps]) => {
      const nested = deep?.(text);
      if (nested !== undefined) return nested;
      let current = text;
      // The AST of `current` while edits stay AST-level; printed only when a token edit or the caller needs the text.
      let ast: DocumentNode | undefined;
      let printed = true;
      for (const { ast: wantsAst, astEdit: editAst, tokenEdit: editTokens } of steps) {
        if (wantsAst) {
          ast ??= parseLoose(current);
          const edited = ast ? editAst(ast) : undefined;
          if (edited) {
            ast = edited;
            printed = false;
            continue;
          }
        }
        if (!printed && ast) current = printCompact(ast);
        current = editTokens(current);
        ast = undefined;
        printed = true;
        if (current.length > MAX_TYPED_TEXT) break;
      }
      return !printed && ast ? printCompact(ast) : current;
    });
}
