// Strings that tend to break things: path tricks, shell and format syntax, odd unicode, huge lengths.
import fc from 'fast-check';

export const UNICODE_BITS = [
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

export const NASTY_STRINGS = [
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
  // biome-ignore lint/suspicious/noTemplateCurlyInString: shell expansion syntax, sent as it is
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

const printableChar = fc.oneof(
  { weight: 93, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((code) => String.fromCharCode(code)) },
  { weight: 4, arbitrary: fc.constantFrom(...UNICODE_BITS) },
  { weight: 3, arbitrary: fc.constantFrom('\n', '\t', '\r') },
);

/** Mostly printable ASCII with some unicode and control characters; one in ten very short. */
export function printable(maxLength = 300): fc.Arbitrary<string> {
  return fc
    .oneof(
      { weight: 1, arbitrary: fc.array(printableChar, { maxLength: 3 }) },
      { weight: 9, arbitrary: fc.array(printableChar, { maxLength, size: 'max' }) },
    )
    .map((chars) => chars.join(''));
}

/** Long: up to 200 kB, under the 1 MB body limit. */
const longString = fc
  .tuple(
    fc.constantFrom('a', 'x', '0', '/', 'é', '🐳', ' '),
    fc.oneof({ weight: 9, arbitrary: fc.constantFrom(300, 4_096, 65_537) }, { weight: 1, arbitrary: fc.constant(200_000) }),
  )
  .map(([unit, times]) => unit.repeat(times));

export const hexString = fc.array(fc.constantFrom(...'0123456789abcdef'), { minLength: 1, maxLength: 64 }).map((chars) => chars.join(''));

export const weirdString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.tuple(fc.constantFrom(...UNICODE_BITS), fc.integer({ min: 1, max: 20 })).map(([bit, times]) => bit.repeat(times)),
  longString,
  printable(80),
  hexString,
  fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.constantFrom(...UNICODE_BITS), printable(10)).map((parts) => parts.join('')),
  fc.constantFrom('a', 'b', 'c', 'x', 'nope', 'sleep', 'wharf'),
);
