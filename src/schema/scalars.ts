// The custom scalars: DateTime that keeps the engine's nanoseconds, JSON, and SafeInt for byte counts.
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { GraphQLJSON, GraphQLSafeInt } from 'graphql-scalars';

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;

/** True for an RFC 3339 date-time whose fields are in range. */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [, , month, day, hour, minute, second] = m.map(Number) as number[];
  return month! >= 1 && month! <= 12 && day! >= 1 && day! <= 31 && hour! <= 23 && minute! <= 59 && second! <= 60;
}

function parseDateTime(value: unknown): string {
  if (typeof value !== 'string' || !isRfc3339(value) || Number.isNaN(Date.parse(value.replace(/\.\d+/, '')))) {
    throw new GraphQLError(`DateTime must be an RFC 3339 string such as 2024-01-02T03:04:05.123456789Z, not ${JSON.stringify(value)}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  }
  return value;
}

/** An RFC 3339 string; nanoseconds are kept as the engine gives them, never rounded through a Date. */
export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'An RFC 3339 date-time string; nanoseconds are kept where Docker gives them.',
  specifiedByURL: 'https://datatracker.ietf.org/doc/html/rfc3339',
  serialize(value) {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === 'string') return value;
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { nodes: [ast], extensions: { code: 'BAD_USER_INPUT' } });
    }
    return parseDateTime(ast.value);
  },
});

export const JSONScalar = GraphQLJSON;

/** Whole numbers up to 2^53-1: memory limits and other byte counts beyond 32 bits. */
export const SafeIntScalar = GraphQLSafeInt;

/**
 * RFC 3339 to the engine's `since`/`until` form, `seconds.nanoseconds`, exactly (no float rounding).
 */
export function toUnixNanoString(value: string): string {
  const m = RFC3339.exec(value);
  if (!m) throw new Error(`not an RFC 3339 date-time: ${value}`);
  const whole = value.replace(/\.\d+/, '');
  const seconds = Math.floor(Date.parse(whole) / 1000);
  const fraction = (m[7] ?? '.0').slice(1).padEnd(9, '0');
  return `${seconds}.${fraction}`;
}
