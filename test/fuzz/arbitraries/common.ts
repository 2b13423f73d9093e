/**
 * Building blocks of the fuzz generators. A generated case is a plain,
 * printable *recipe* (numbers, strings, arrays, objects); the fuzz test turns
 * it into props when it builds the case, so a failing case prints as data that
 * can be pasted into a regression test. Unresolved values are written as
 * `{ $token: 'number' | 'string' }` and become real tokens of the case's cloud
 * (a CfnParameter on AWS, a TerraformVariable on Azure and GCP).
 */
import * as fc from 'fast-check';

export type Cloud = 'aws' | 'azure' | 'gcp';
export const CLOUDS: Cloud[] = ['aws', 'azure', 'gcp'];

/** An unresolved value in a recipe. */
export interface TokenMark { readonly $token: 'number' | 'string' }
export type Num = number | TokenMark;
export type Str = string | TokenMark;

export const numberToken: fc.Arbitrary<TokenMark> = fc.constant({ $token: 'number' as const });
export const stringToken: fc.Arbitrary<TokenMark> = fc.constant({ $token: 'string' as const });

/** Text the Terraform checks treat as broken output; generated strings never hold it, so finding it in output is a bug. */
const BROKEN_WORDS = /undefined|NaN|Infinity|\[object Object\]|\$\{|#\{/;

/** Numbers that break naive validation: NaN, infinities, negatives, fractions, zero, huge. */
export const wildNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1.5, 99.9, 1e9, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MAX_VALUE, Number.MIN_VALUE, -1e-9),
  fc.double(),
  fc.integer({ min: -1000, max: 100000 }),
);

/**
 * A number prop: mostly one of `valid` (valid on some cloud), sometimes wild,
 * sometimes a token.
 */
export function num(valid: fc.Arbitrary<number>, wildWeight = 1, tokenWeight = 1): fc.Arbitrary<Num> {
  return fc.oneof(
    { arbitrary: valid, weight: 40 },
    { arbitrary: wildNumber, weight: wildWeight },
    { arbitrary: numberToken, weight: tokenWeight },
  );
}

/** An optional prop: left out about half the time. */
export function opt<T>(arb: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined, freq });
}

/** Strings that break naive validation: empty, blank, huge, unicode, control characters, separators. */
export const wildString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '   ', '\n', '\t', 'a b', 'x'.repeat(300), 'y'.repeat(5000), 'ünï-çødé', '名前', '🚀', 'a/b', 'a\\b', 'a"b', "a'b",
    'a;b', 'a,b', '-', '_', '.', '..', '/', '*', '?', 'a\u0000b', 'a\u200bb', 'A', 'Z9', '9z', 'goog-x', 'google'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 300 }),
).filter((s) => !BROKEN_WORDS.test(s));

/** A string prop: mostly one of `valid`, sometimes wild, sometimes a token. */
export function str(valid: fc.Arbitrary<string>, wildWeight = 1, tokenWeight = 1): fc.Arbitrary<Str> {
  return fc.oneof(
    { arbitrary: valid, weight: 40 },
    { arbitrary: wildString, weight: wildWeight },
    { arbitrary: stringToken, weight: tokenWeight },
  );
}

/** Construct ids: mostly plain, sometimes long, unicode or with separators (they feed the names Cirrus derives). */
export const constructId: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('Fn', 'Orders', 'process-order', 'Process_Order2', 'a', 'X1', 'queue', 'TOPIC', 'billing.events', 'Bus-9'), weight: 12 },
  { arbitrary: fc.constantFrom('Ünïcödé', '名前', '🚀', 'with space', 'a'.repeat(120), '9starts-with-digit', '--', '__', 'x.y.z', 'Google', 'goog'), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), weight: 1 },
)
  // Ids named like Object.prototype members trip the constructs library itself ("already a Construct with name 'valueOf'").
  .filter((s) => s.trim().length > 0 && !s.includes('/') && !BROKEN_WORDS.test(s) && !(s in Object.prototype));

export const email: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom('ops@example.com', 'a@b.co', 'team+alerts@acme.io', 'x.y@sub.example.org'), weight: 10 },
  { arbitrary: fc.constantFrom('not-an-email', '@example.com', 'a@b', 'a b@c.de', '', 'a@b.c,d@e.f', 'ünï@ex.com'), weight: 1 },
);

export const FIXTURE_HANDLER = 'exports.handler = async () => ({ statusCode: 200 });';

/** A prop present in about one case in `every` (fc.option's freq makes the *absent* value rare, this the present one). */
export function rare<T>(arb: fc.Arbitrary<T>, every = 10): fc.Arbitrary<T | undefined> {
  return fc.oneof({ arbitrary: fc.constant(undefined), weight: every - 1 }, { arbitrary: arb, weight: 1 });
}
