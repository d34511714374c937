// Variables for a document, typed from the schema: mostly of the right shape, some of the wrong one at every level.
import fc from 'fast-check';
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  typeFromAST,
  type DocumentNode,
  type GraphQLInputType,
} from 'graphql';
import { schema } from './corpus.js';
import { weirdString } from './strings.js';
import { RawNumber, toJsonText, withOwnKeys, type FuzzValue } from './values.js';

/** What resolves on the engine, so that typed values reach past validation to the engine now and then. */
export interface ValuePools {
  /** References that resolve: full ids, short ids, names, /names. */
  ids: string[];
  /** Names for rename and create. */
  names: string[];
  labels: string[];
  images: string[];
}

/** `a` with probability p, else `b`. */
export function chance<A, B>(p: number, a: fc.Arbitrary<A>, b: fc.Arbitrary<B>): fc.Arbitrary<A | B> {
  if (p <= 0) return b;
  if (p >= 1) return a;
  return fc.oneof({ weight: Math.round(p * 1000), arbitrary: a }, { weight: Math.round((1 - p) * 1000), arbitrary: b });
}

const deepJson = fc
  .tuple(fc.constantFrom(10, 200, 3_000, 20_000), fc.boolean())
  .map(([levels, asList]) =>
    asList
      ? new RawNumber(`${'['.repeat(levels)}"deep"${']'.repeat(levels)}`)
      : new RawNumber(`${'{"a":'.repeat(levels)}"deep"${'}'.repeat(levels)}`),
  );

/** A value of a shape nothing expects: huge or unwritable numbers, deep nesting, own __proto__ keys, long lists. */
export const wrongValue: fc.Arbitrary<FuzzValue> = fc.oneof(
  weirdString,
  fc
    .constantFrom(
      '9007199254740992',
      '9007199254740993',
      '-9007199254740993',
      '1e400',
      '-1e400',
      '1e-400',
      '-0',
      '2147483648',
      '123456789012345678901234567890',
    )
    .map((text) => new RawNumber(text)),
  fc.constant(-1),
  fc.constant(1.5),
  fc.boolean(),
  fc.constant(null),
  fc.constant<FuzzValue>([]),
  fc.constant<FuzzValue>({}),
  weirdString.map((s): FuzzValue => [s, 1, null, { a: [true] }]),
  // Deep nesting, written as text: coercion and serialisation recurse on it.
  deepJson,
  // Own keys named __proto__ and constructor, as a JSON body carries them.
  fc.constant(
    withOwnKeys([
      ['__proto__', { polluted: true }],
      ['constructor', { prototype: { x: 1 } }],
    ]),
  ),
  chance(0.2, fc.constant(5_000), fc.constant(100)).map((length) => Array.from({ length }, (_, i) => `x${i}`)),
  fc.constantFrom('true', '1', 'RUNNING', 'running', '2024-01-01T00:00:00Z'),
  fc.constant(0),
);

const intValue: fc.Arbitrary<FuzzValue> = chance(
  0.7,
  fc.constantFrom(0, 1, 2, 3, 5, 10, 100, 1_000, -1, -100),
  fc.constantFrom<FuzzValue>(
    2147483647,
    -2147483648,
    2147483648,
    -2147483649,
    new RawNumber('9007199254740992'),
    new RawNumber('1e400'),
    new RawNumber('1e3'),
    1.5,
    new RawNumber('-0'),
  ),
);

const safeIntValue: fc.Arbitrary<FuzzValue> = chance(
  0.6,
  fc.constantFrom(0, 1, -1, 6 * 1024 * 1024, 64 * 1024 * 1024, 1024, 4),
  fc.constantFrom<FuzzValue>(
    9007199254740991,
    -9007199254740991,
    new RawNumber('9007199254740992'),
    new RawNumber('1e400'),
    1.5,
    2 ** 40,
    '123',
  ),
);

const dateTimeValue: fc.Arbitrary<FuzzValue> = chance(
  0.5,
  // Around now, so that since/until windows sometimes hold log lines; some with nanoseconds.
  fc.tuple(fc.nat(3_600_000), fc.nat(60_000), fc.boolean(), fc.nat(999_999_999)).map(([back, jitter, nanos, fraction]) => {
    const when = new Date(Date.now() - back + jitter - 30_000).toISOString();
    return nanos ? when.replace(/\.\d+Z$/, `.${String(fraction).padStart(9, '0')}Z`) : when;
  }),
  fc.constantFrom(
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
  ),
);

/** Plausible strings by the name of the field or variable they are for. */
const STRINGS_BY_HINT: Record<string, string[]> = {
  psArgs: ['-ef', 'aux', '-o pid,comm', '-o pid,user,args', '--bogus', '-p 1', 'x'],
  signal: ['SIGTERM', 'TERM', 'SIGHUP', 'HUP', '1', '0', '99', 'SIGUSR1', 'SIGFOO', 'SIG', 'sigterm', '-9', 'SIGRTMIN+3'],
  cmd: ['sleep', '5', 'true', 'echo', 'hello', 'sh', '-c', 'exit 3', '/nonexistent'],
  env: ['A=b', 'FUZZ=1', 'X=', '=x', 'noequals', 'PATH=/bin'],
  exposedPorts: ['80', '22/tcp', '53/udp', '99999/tcp', '0', 'abc', '80/sctp', '1-5/tcp'],
  hostPort: ['', '0', 'abc', '99999', '-1'],
  hostIp: ['127.0.0.1', '::1', '', '999.1.1.1', 'localhost'],
  binds: ['fuzzvol:/data', 'fuzzvol:/data:ro', '/tmp:/host-tmp', '/:/host', 'relative:/x', ':', 'a:b:c:d'],
  networkMode: ['none', 'bridge', 'default', 'host', 'container:abc', 'nonexistent-net'],
  pidMode: ['', 'private', 'host', 'container:abc', 'shareable', 'bogus'],
  type: ['volume', 'tmpfs', 'bind', 'npipe', 'container', 'image', 'network', 'bogus'],
  target: ['/data', '/tmp', 'relative', '/', '', '/dev/null', '/proc/1'],
  event: ['start', 'die', 'create', 'destroy', 'bogus'],
  key: ['fuzz', 'a.b', '', '=', 'wharf.fuzz'],
  capAdd: ['NET_ADMIN', 'ALL', 'CHOWN', 'bogus'],
  securityOpt: ['no-new-privileges', 'seccomp=unconfined', 'apparmor=unconfined', 'bogus'],
};
const SAME_AS: Record<string, string> = {
  entrypoint: 'cmd',
  containerPort: 'exposedPorts',
  ipcMode: 'pidMode',
  utsMode: 'pidMode',
  source: 'target',
  workingDir: 'target',
  volumes: 'target',
  pathOnHost: 'target',
  pathInContainer: 'target',
  capDrop: 'capAdd',
};
const MISSING_IDS = [
  '0000000000000000000000000000000000000000000000000000000000000000',
  'wharf-fuzz-missing',
  '/wharf-fuzz-missing',
  'ffffffffffff',
];

/** Arbitraries for one set of pools, kept by type and hint: a case draws many values of the same few types. */
export class ValueArbitraries {
  private readonly cache = new Map<string, fc.Arbitrary<FuzzValue | undefined>>();

  constructor(private readonly pools: ValuePools) {}

  private stringFor(hint: string): fc.Arbitrary<string> {
    const { ids, names, images, labels } = this.pools;
    const plain = ((): fc.Arbitrary<string> => {
      switch (hint) {
        case 'id':
        case 'a':
        case 'b':
        case 'c':
        case 'container':
          return chance(0.85, fc.constantFrom(...ids), fc.constantFrom(...MISSING_IDS));
        case 'name':
          return fc.constantFrom(...names);
        case 'image':
          return fc.constantFrom(...images);
        case 'label':
          return fc.constantFrom(...labels);
        case 'value':
          return fc.oneof(
            fc.constantFrom('1', '', 'x=y'),
            weirdString.map((s) => s.slice(0, 50)),
          );
        default: {
          const known = STRINGS_BY_HINT[SAME_AS[hint] ?? hint];
          return known ? fc.constantFrom(...known) : chance(0.5, fc.constantFrom('x', 'fuzz', 'a', '1'), weirdString);
        }
      }
    })();
    return chance(0.15, weirdString, plain);
  }

  /** A value for `type`: mostly of the right shape, with `wrongRate` of getting the wrong shape at each level. */
  valueFor(type: GraphQLInputType, hint: string, wrongRate: number): fc.Arbitrary<FuzzValue | undefined> {
    const key = `${String(type)}|${hint}|${wrongRate}`;
    let arbitrary = this.cache.get(key);
    if (!arbitrary) {
      arbitrary = chance(wrongRate, wrongValue, this.rightShape(type, hint, wrongRate));
      this.cache.set(key, arbitrary);
    }
    return arbitrary;
  }

  private rightShape(type: GraphQLInputType, hint: string, wrongRate: number): fc.Arbitrary<FuzzValue | undefined> {
    if (isNonNullType(type))
      return fc
        .constant(null)
        .chain(() => this.valueFor(type.ofType, hint, wrongRate))
        .map((v) => v ?? null);
    return chance(0.15, fc.constantFrom(null, undefined), this.nullableShape(type, hint, wrongRate));
  }

  private nullableShape(type: GraphQLInputType, hint: string, wrongRate: number): fc.Arbitrary<FuzzValue | undefined> {
    if (isListType(type)) {
      const item = fc.constant(null).chain(() => this.valueFor(type.ofType, hint, wrongRate));
      // A single value where a list is wanted is legal coercion; lists can also be long.
      // Long lists cycle a few small items: drawing thousands costs more than it finds, and a long string repeated would make a body of megabytes.
      const small = item.filter((v) => v === undefined || toJsonText(v).length <= 1_000);
      const list = chance(
        0.03,
        fc
          .tuple(fc.constantFrom(200, 2_000), fc.array(small, { minLength: 8, maxLength: 8 }))
          .map(([length, items]): FuzzValue => Array.from({ length }, (_, i) => items[i % items.length] ?? null)),
        fc.array(item, { maxLength: 4 }).map((items): FuzzValue => items.map((v) => v ?? null)),
      );
      return chance(0.1, item, list);
    }
    if (isInputObjectType(type)) {
      const fields = Object.values(type.getFields()).map((f) => {
        const value = fc.constant(null).chain(() => this.valueFor(f.type, f.name, wrongRate));
        return (isNonNullType(f.type) ? value : chance(0.55, fc.constant(undefined), value)).map((v) => [f.name, v] as const);
      });
      const extra = chance(
        wrongRate,
        fc.tuple(fc.constantFrom('unknownField', 'Image', 'privileged', '__proto__'), wrongValue),
        fc.constant(undefined),
      );
      return fc.tuple(fc.tuple(...fields), extra).map(([entries, more]) => {
        const present = entries
          .filter((e): e is readonly [string, FuzzValue] => e[1] !== undefined)
          .map(([k, v]): [string, FuzzValue] => [k, v]);
        return withOwnKeys(more ? [...present, [more[0], more[1]]] : present);
      });
    }
    if (isEnumType(type)) {
      return chance(0.9, fc.constantFrom(...type.getValues().map((v) => v.name)), fc.constantFrom('running', 'Running', 'NOPE', ''));
    }
    if (isScalarType(type)) {
      switch (type.name) {
        case 'Int':
          return intValue;
        case 'Float':
          return fc.constantFrom<FuzzValue>(0, 1.5, -1, 1e308, new RawNumber('1e400'));
        case 'Boolean':
          return fc.boolean();
        case 'SafeInt':
          return safeIntValue;
        case 'DateTime':
          return dateTimeValue;
        case 'JSON':
          return fc.constantFrom<FuzzValue>({ a: 1 }, [1, 2], 'x', null, 1);
        default:
          return this.stringFor(hint);
      }
    }
    return weirdString;
  }

  /** Values for the variables the document's operations declare (those that name known input types), plus sometimes one undeclared. */
  variablesFor(doc: DocumentNode | undefined, wrongRate: number): fc.Arbitrary<{ [key: string]: FuzzValue }> {
    const declared = (doc?.definitions ?? []).flatMap((def) =>
      def.kind === Kind.OPERATION_DEFINITION ? (def.variableDefinitions ?? []) : [],
    );
    const values = declared.map((v) => {
      const variable = v.variable.name.value;
      let type: GraphQLInputType | undefined;
      try {
        const t = typeFromAST(schema, v.type as Parameters<typeof typeFromAST>[1]);
        const named = t && getNamedType(t);
        type = named && (isScalarType(named) || isEnumType(named) || isInputObjectType(named)) ? (t as GraphQLInputType) : undefined;
      } catch {
        type = undefined;
      }
      return (type ? this.valueFor(type, variable, wrongRate) : wrongValue).map((value) => [variable, value] as const);
    });
    const extra = chance(wrongRate, fc.tuple(fc.constantFrom('extra', 'undeclared', '__proto__'), wrongValue), fc.constant(undefined));
    return fc.tuple(fc.tuple(...values), extra).map(([entries, more]) => {
      const present = entries
        .filter((e): e is readonly [string, FuzzValue] => e[1] !== undefined)
        .map(([k, v]): [string, FuzzValue] => [k, v]);
      return withOwnKeys(more ? [...present, [more[0], more[1]]] : present);
    });
  }
}
