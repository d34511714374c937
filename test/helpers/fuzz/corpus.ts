// The fuzz corpus: every operation the test suite sends (the codegen documents in test/gql/) and the schema it runs against.
import { readFileSync } from 'node:fs';
import { buildSchema, isEnumType, Kind, parse, print, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import * as documents from '../../gql/graphql.js';

export interface CorpusEntry {
  /** The operation's export name in test/gql/graphql.ts, e.g. `MatrixStartDocument`. */
  name: string;
  text: string;
  doc: DocumentNode;
}

function isDocument(value: unknown): value is DocumentNode {
  return !!value && typeof value === 'object' && (value as { kind?: unknown }).kind === Kind.DOCUMENT;
}

/** Every typed document the client preset generated, printed; each carries the fragments it spreads. */
export const corpus: readonly CorpusEntry[] = Object.entries(documents)
  .filter((entry): entry is [string, DocumentNode] => isDocument(entry[1]))
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([name, doc]) => ({ name, text: print(doc), doc }));

/** The SDL the gateway serves, for typing variables. */
export const schema: GraphQLSchema = buildSchema(readFileSync(new URL('../../../schema/schema.graphql', import.meta.url), 'utf8'));

/** Names from the schema: field, argument, type and enum value names. */
export const vocabulary: readonly string[] = (() => {
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
})();

/** Beyond this many characters a document is only ever refused by the token limit, so it is not parsed here. */
export const MAX_TYPED_TEXT = 50_000;

/** The document's AST, or undefined when it does not parse (or is too large to bother). */
export function parseLoose(text: string): DocumentNode | undefined {
  if (text.length > MAX_TYPED_TEXT) return undefined;
  try {
    return parse(text, { maxTokens: 100_000 });
  } catch {
    return undefined;
  }
}

/** The first operation's name, if any (to send as operationName). */
export function operationNameOf(doc: DocumentNode | undefined): string | undefined {
  return doc?.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)?.name?.value;
}

/** print without its indentation: a thousand nested levels would otherwise cost a megabyte of spaces. */
export function printCompact(doc: DocumentNode): string {
  return print(doc).replace(/\n +/g, '\n');
}
