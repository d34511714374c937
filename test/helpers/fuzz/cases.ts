// Fuzz cases: what is sent (document, variables, envelope, credentials), how, and as whom.
import fc from 'fast-check';
import { corpus, operationNameOf, parseLoose } from './corpus.js';
import { confine, type Confinement } from './confine.js';
import { mutatedDocument, tokenSoup } from './documents.js';
import { printable } from './strings.js';
import { chance, ValueArbitraries, wrongValue, type ValuePools } from './variables.js';
import { toJsonText, type FuzzValue } from './values.js';

export type FuzzSource = 'token soup' | 'printable' | 'mutated operation' | 'random variables';
export type Transport = 'post' | 'get' | 'ws';
/** viewer: token mode as a viewer, mutations refused before the engine; local: every right, confined to the fuzz's own containers. */
export type Mode = 'viewer' | 'local';

export interface FuzzCase {
  source: FuzzSource;
  transport: Transport;
  mode: Mode;
  query: FuzzValue;
  variables?: FuzzValue | undefined;
  operationName?: FuzzValue | undefined;
  /** Extra body members, POST only. */
  extensions?: FuzzValue | undefined;
  /** Replaces the bearer token in token mode (missing, malformed or unknown credentials); null sends none. */
  authorization?: string | null | undefined;
}

/** A short, readable account of a case, for failure reports (fast-check shows it for the counterexample). */
export function describeCase(c: FuzzCase): string {
  const show = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);
  const query = typeof c.query === 'string' ? c.query : toJsonText(c.query);
  const lines = [`${c.source}, ${c.mode}, ${c.transport}`, `  query: ${show(JSON.stringify(query), 700)}`];
  if (c.variables !== undefined) lines.push(`  variables: ${show(toJsonText(c.variables), 400)}`);
  if (c.operationName !== undefined) lines.push(`  operationName: ${show(toJsonText(c.operationName), 100)}`);
  if (c.extensions !== undefined) lines.push(`  extensions: ${show(toJsonText(c.extensions), 200)}`);
  if (c.authorization !== undefined) lines.push(`  authorization: ${JSON.stringify(c.authorization)}`);
  return lines.join('\n');
}

type Drawn = Pick<FuzzCase, 'source' | 'query' | 'variables' | 'operationName'>;

/** Uniform: fast-check's bias toward small integers would favour the operations whose names sort first. */
const corpusIndex = fc.noBias(fc.nat(corpus.length - 1));

/** Documents and variables from one of the four sources, in the proportions 1:1:5:3. */
function drawn(values: ValueArbitraries): fc.Arbitrary<Drawn> {
  const soup = tokenSoup.chain((query) =>
    chance(
      0.3,
      fc.constant(null).chain(() => values.variablesFor(parseLoose(query), 0.3)),
      fc.constant(undefined),
    ).map((variables): Drawn => ({ source: 'token soup', query, variables })),
  );
  const text = printable(400).map((query): Drawn => ({ source: 'printable', query }));
  const mutated = corpusIndex.chain((i) => {
    const original = corpus[i] as (typeof corpus)[number];
    return mutatedDocument(original.text).chain((query) => {
      const parsed = parseLoose(query);
      // Mostly typed for the mutated document; sometimes for the original, whose variables may no longer fit.
      return fc.tuple(chance(0.8, values.variablesFor(parsed, 0.25), values.variablesFor(original.doc, 0.25)), fc.boolean()).map(
        ([variables, named]): Drawn => ({
          source: 'mutated operation',
          query,
          variables,
          operationName: named ? operationNameOf(parsed) : undefined,
        }),
      );
    });
  });
  const typed = corpusIndex.chain((i) => {
    const original = corpus[i] as (typeof corpus)[number];
    return fc
      .tuple(
        chance(0.7, values.variablesFor(original.doc, 0), values.variablesFor(original.doc, 0.1)),
        chance(0.3, fc.constant(true), fc.constant(false)),
      )
      .map(
        ([variables, named]): Drawn => ({
          source: 'random variables',
          query: original.text,
          variables,
          operationName: named ? operationNameOf(original.doc) : undefined,
        }),
      );
  });
  return fc.oneof(
    { weight: 1, arbitrary: soup },
    { weight: 1, arbitrary: text },
    { weight: 5, arbitrary: mutated },
    { weight: 3, arbitrary: typed },
  );
}

/** The envelope itself of the wrong shape, for POST. */
const badEnvelope: fc.Arbitrary<Partial<FuzzCase>> = fc.oneof(
  wrongValue.map((variables) => ({ variables })),
  wrongValue.map((query) => ({ query })),
  wrongValue.map((operationName) => ({ operationName })),
  chance(0.5, wrongValue, fc.constant<FuzzValue>({ persistedQuery: { version: 1, sha256Hash: 'abc' } })).map((extensions) => ({
    extensions,
  })),
);

export interface CaseOptions {
  transports: fc.Arbitrary<Transport>;
  pools: Record<Mode, ValuePools>;
  confinement: Confinement;
  /** The viewer's token, to send it slightly wrong. */
  viewerToken: string;
  /** Of every 10 cases, how many run in local mode. */
  localPerTen: number;
}

/** A fuzz case for any mode; local-mode cases come confined. */
export function fuzzCases(options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const badCredentials = fc.constantFrom<string | null>(
    null,
    'Bearer',
    'Bearer wharf_nope',
    'Basic dXNlcjpwYXNz',
    `bearer ${options.viewerToken}x`,
    `Bearer ${options.viewerToken} extra`,
  );
  const forMode = (mode: Mode): fc.Arbitrary<FuzzCase> => {
    const values = new ValueArbitraries(options.pools[mode]);
    return fc
      .tuple(
        options.transports,
        drawn(values),
        chance(0.03, badEnvelope, fc.constant(undefined)),
        chance(0.01, badCredentials, fc.constant(undefined)),
      )
      .map(([transport, d, envelope, authorization]) => {
        const c: FuzzCase = { ...d, transport, mode, ...(transport === 'post' ? envelope : {}) };
        if (mode === 'viewer' && transport !== 'ws' && authorization !== undefined) c.authorization = authorization;
        const sent = mode === 'local' ? confine(c, options.confinement) : c;
        return Object.assign(sent, { [fc.toStringMethod]: () => describeCase(sent) });
      });
  };
  return fc.oneof(
    { weight: 10 - options.localPerTen, arbitrary: forMode('viewer') },
    { weight: options.localPerTen, arbitrary: forMode('local') },
  );
}
