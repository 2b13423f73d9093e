/**
 * Recognises unresolved values (CDK and CDKTF tokens) without importing
 * either library, so lib/core stays engine-neutral.
 *
 * Tokens are not validated: their value is only known at deploy time.
 */
const STRING_TOKEN = /[$#]\{(Token|TfToken)\[/;
// Both engines encode a numeric token as a double whose top 16 bits are a marker
// (aws-cdk-lib 0xFBFF, cdktf 0xFDFF: about -1.9e289 and -1.5e299) and whose low
// 48 bits index the token. Only those bit patterns are tokens: other large
// negative numbers (e.g. -Number.MAX_VALUE) are plain, invalid input.
const NUMBER_TOKEN_MARKERS = [0xfbff, 0xfdff];
const bits = new DataView(new ArrayBuffer(8));

function isNumberToken(value: number): boolean {
  bits.setFloat64(0, value);
  return NUMBER_TOKEN_MARKERS.includes(bits.getUint16(0));
}

/** Whether a string, number or list holds an unresolved token. */
export function isUnresolved(value: unknown): boolean {
  if (typeof value === 'string') {
    return STRING_TOKEN.test(value);
  }
  if (typeof value === 'number') {
    return isNumberToken(value);
  }
  if (Array.isArray(value)) {
    return value.some(isUnresolved);
  }
  return false;
}
