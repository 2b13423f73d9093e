/**
 * Recognises unresolved values (CDK and CDKTF tokens) without importing
 * either library, so lib/core stays engine-neutral.
 *
 * Tokens are not validated: their value is only known at deploy time.
 */
const STRING_TOKEN = /[$#]\{(Token|TfToken)\[/;
// Both engines encode numeric tokens as doubles in a reserved range near -1.8e289.
const NUMBER_TOKEN_CEILING = -1e289;

/** Whether a string, number or list holds an unresolved token. */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') {
    return STRING_TOKEN.test(value);
  }
  if (typeof value === 'number') {
    return value <= NUMBER_TOKEN_CEILING && Number.isFinite(value);
  }
  if (Array.isArray(value)) {
    return value.some(isUnresolved);
  }
  return false;
}
