/**
 * How response header rules map onto a CloudFront response headers policy.
 *
 * CloudFront keeps six security headers out of the policy's custom headers:
 * they must go in its SecurityHeadersConfig, which only takes the values
 * those headers are defined with. A value outside that grammar cannot be
 * expressed on AWS and is an error.
 */

/** A header name (lowercase) and value. */
export interface HeaderSetting {
  readonly name: string;
  readonly value: string;
}

/** The SecurityHeadersConfig of a response headers policy, engine-neutral. */
export interface AwsSecurityHeaders {
  frameOptions?: 'DENY' | 'SAMEORIGIN';
  contentTypeOptions?: boolean;
  strictTransportSecurity?: { maxAgeSeconds: number; includeSubdomains: boolean; preload: boolean };
  referrerPolicy?: string;
  contentSecurityPolicy?: string;
  xssProtection?: { protection: boolean; modeBlock: boolean; reportUri?: string };
}

/** A response headers policy's contents. */
export interface AwsResponseHeaderPlan {
  readonly security: AwsSecurityHeaders;
  readonly custom: HeaderSetting[];
  readonly remove: string[];
}

/** Referrer-Policy values CloudFront accepts. */
export const REFERRER_POLICIES = [
  'no-referrer', 'no-referrer-when-downgrade', 'origin', 'origin-when-cross-origin', 'same-origin',
  'strict-origin', 'strict-origin-when-cross-origin', 'unsafe-url',
];

/** Security headers CloudFront only sets through SecurityHeadersConfig. */
export const AWS_SECURITY_HEADERS = [
  'x-frame-options', 'x-content-type-options', 'strict-transport-security', 'referrer-policy',
  'content-security-policy', 'x-xss-protection',
];

/** The longest Content-Security-Policy CloudFront accepts. */
const CSP_MAX = 1783;

/**
 * Splits response header settings into security headers and custom
 * headers. `problem` receives one sentence per value AWS cannot express.
 */
export function planAwsResponseHeaders(set: HeaderSetting[], remove: string[], problem: (sentence: string) => void): AwsResponseHeaderPlan {
  const security: AwsSecurityHeaders = {};
  const custom: HeaderSetting[] = [];
  const cannot = (h: HeaderSetting, allowed: string) =>
    problem(`EdgeRule.setResponseHeader(${JSON.stringify(h.name)}, ${JSON.stringify(h.value)}) cannot be expressed on AWS: CloudFront sets ${h.name} only through its security headers config, which accepts ${allowed}`);
  for (const h of set) {
    const v = h.value.trim();
    switch (h.name) {
      case 'x-frame-options': {
        const upper = v.toUpperCase();
        if (upper === 'DENY' || upper === 'SAMEORIGIN') {
          security.frameOptions = upper;
        } else {
          cannot(h, 'DENY or SAMEORIGIN');
        }
        break;
      }
      case 'x-content-type-options':
        if (v.toLowerCase() === 'nosniff') {
          security.contentTypeOptions = true;
        } else {
          cannot(h, 'nosniff');
        }
        break;
      case 'strict-transport-security': {
        const m = /^max-age=(\d+)((?:\s*;\s*(?:includesubdomains|preload))*)\s*;?$/i.exec(v);
        if (m) {
          const flags = m[2].toLowerCase();
          security.strictTransportSecurity = { maxAgeSeconds: Number(m[1]), includeSubdomains: flags.includes('includesubdomains'), preload: flags.includes('preload') };
        } else {
          cannot(h, '"max-age=<seconds>", optionally followed by "; includeSubDomains" and "; preload"');
        }
        break;
      }
      case 'referrer-policy':
        if (REFERRER_POLICIES.includes(v.toLowerCase())) {
          security.referrerPolicy = v.toLowerCase();
        } else {
          cannot(h, `one of ${REFERRER_POLICIES.join(', ')}`);
        }
        break;
      case 'content-security-policy':
        if (v.length > 0 && v.length <= CSP_MAX) {
          security.contentSecurityPolicy = v;
        } else {
          cannot(h, `a policy of 1 to ${CSP_MAX} characters`);
        }
        break;
      case 'x-xss-protection': {
        const m = /^(0|1)(?:\s*;\s*(mode=block|report=(\S+)))?$/i.exec(v);
        if (m && (m[1] === '1' || !m[2])) {
          security.xssProtection = { protection: m[1] === '1', modeBlock: /^mode=block$/i.test(m[2] ?? ''), reportUri: m[3] };
        } else {
          cannot(h, '"0", "1", "1; mode=block" or "1; report=<uri>"');
        }
        break;
      }
      default:
        custom.push(h);
    }
  }
  return { security, custom, remove: [...remove] };
}
