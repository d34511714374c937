// Variable values as the fuzz sends them, including JSON that JSON.stringify cannot write.

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

/** An object with own keys that an object literal would turn into prototype changes (`__proto__`). */
export function withOwnKeys(entries: Array<[string, FuzzValue]>): { [key: string]: FuzzValue } {
  const out: { [key: string]: FuzzValue } = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}
