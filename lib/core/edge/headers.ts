import { CloudProvider } from '../cloud-provider';

/** RFC 9110 token characters: what a header name may hold. */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Visible ASCII, spaces and tabs: what a header value may hold (no CR, LF or control characters). */
export const HEADER_VALUE = /^[\x20-\x7e\t]*$/;

/**
 * Headers no edge rule may set or remove, on any cloud: hop-by-hop headers
 * and the ones the edge itself owns (host, length, forwarding headers).
 */
const COMMON_RESERVED = [
  'connection', 'keep-alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'te', 'trailer',
  'transfer-encoding', 'upgrade', 'expect', 'host', 'content-length', 'via', 'forwarded',
  'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-real-ip',
];

/**
 * Headers each cloud's edge reserves (exact names, or prefixes ending in
 * `*`). Sources: CloudFront "Restrictions on edge functions" (disallowed and
 * read-only headers) and response headers policy read-only headers; Azure
 * Front Door reserved `X-Azure-*` / `X-FD-*`; Cloud Load Balancing custom
 * header restrictions (`X-Google*`, `X-Goog-*`, `X-GFE*`, `X-Amz-*`, `X-User-IP`).
 */
const CLOUD_RESERVED: Record<CloudProvider, string[]> = {
  [CloudProvider.AWS]: ['x-amz-*', 'x-amzn-*', 'x-edge-*', 'x-cache', 'x-accel-*', 'cloudfront-*'],
  [CloudProvider.AZURE]: ['x-azure-*', 'x-fd-*'],
  [CloudProvider.GCP]: ['x-google*', 'x-goog-*', 'x-gfe*', 'x-amz-*', 'x-user-ip'],
  [CloudProvider.LOCAL]: [],
};

/** Response headers a CloudFront response headers policy cannot remove (read-only). */
const AWS_READ_ONLY_RESPONSE = ['content-encoding', 'content-length', 'transfer-encoding', 'warning', 'via'];

function matches(name: string, patterns: string[]): string | undefined {
  return patterns.find((p) => (p.endsWith('*') ? name.startsWith(p.slice(0, -1)) : name === p));
}

/**
 * Why a header name cannot be used by a rule on a cloud, or undefined when it can.
 * `name` is lowercase.
 */
export function reservedHeaderReason(cloud: CloudProvider, name: string, removing: boolean): string | undefined {
  if (COMMON_RESERVED.includes(name)) {
    return 'is managed by the edge itself on every cloud (hop-by-hop, length, host and forwarding headers cannot be set or removed)';
  }
  if (name === 'x-amz-meta' || name.startsWith('x-amz-meta-')) {
    return cloud === CloudProvider.GCP ? 'is reserved by Cloud Load Balancing (X-Amz-* headers cannot be set)' : undefined;
  }
  const reserved = matches(name, CLOUD_RESERVED[cloud]);
  if (reserved) {
    const edge = { [CloudProvider.AWS]: 'CloudFront', [CloudProvider.AZURE]: 'Azure Front Door', [CloudProvider.GCP]: 'Cloud Load Balancing', [CloudProvider.LOCAL]: 'the local run' }[cloud];
    return `is reserved by ${edge} (${reserved} headers cannot be set or removed there)`;
  }
  if (cloud === CloudProvider.AWS && removing && AWS_READ_ONLY_RESPONSE.includes(name)) {
    return 'is read-only in CloudFront responses and cannot be removed';
  }
  return undefined;
}
