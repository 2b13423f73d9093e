import { Duration, Names, Stack } from 'aws-cdk-lib';
import { fitName } from '../../core/naming';
import { TEXT_LIMITS } from '../../core/text-limits';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { Construct } from 'constructs';
import type { AwsResponseHeaderPlan } from '../../core/edge/aws-response-headers';

/**
 * The response headers policy of an EdgeFunction: response header rules,
 * with the six security headers in SecurityHeadersConfig (CloudFront keeps
 * them out of custom headers). Every header overrides the origin's.
 */
export function responseHeadersPolicy(scope: Construct, plan: AwsResponseHeaderPlan): cloudfront.ResponseHeadersPolicy {
  const s = plan.security;
  const security: cloudfront.ResponseSecurityHeadersBehavior = {
    frameOptions: s.frameOptions
      ? { frameOption: s.frameOptions === 'DENY' ? cloudfront.HeadersFrameOption.DENY : cloudfront.HeadersFrameOption.SAMEORIGIN, override: true }
      : undefined,
    contentTypeOptions: s.contentTypeOptions ? { override: true } : undefined,
    strictTransportSecurity: s.strictTransportSecurity
      ? {
        accessControlMaxAge: Duration.seconds(s.strictTransportSecurity.maxAgeSeconds),
        includeSubdomains: s.strictTransportSecurity.includeSubdomains,
        preload: s.strictTransportSecurity.preload,
        override: true,
      }
      : undefined,
    referrerPolicy: s.referrerPolicy ? { referrerPolicy: s.referrerPolicy as cloudfront.HeadersReferrerPolicy, override: true } : undefined,
    contentSecurityPolicy: s.contentSecurityPolicy ? { contentSecurityPolicy: s.contentSecurityPolicy, override: true } : undefined,
    xssProtection: s.xssProtection
      ? { protection: s.xssProtection.protection, modeBlock: s.xssProtection.modeBlock || undefined, reportUri: s.xssProtection.reportUri, override: true }
      : undefined,
  };
  const hasSecurity = Object.values(security).some((v) => v !== undefined);
  return new cloudfront.ResponseHeadersPolicy(scope, 'ResponseHeaders', {
    // Response headers policy names are account-wide: the region keeps two deployments of one stack apart.
    responseHeadersPolicyName: `${Stack.of(scope).region}-${Names.uniqueResourceName(scope, { maxLength: 100, separator: '-' })}`,
    comment: fitName(`Response header rules of ${scope.node.path}`, TEXT_LIMITS.aws.cloudFrontComment),
    securityHeadersBehavior: hasSecurity ? security : undefined,
    customHeadersBehavior: plan.custom.length > 0
      ? { customHeaders: plan.custom.map((h) => ({ header: h.name, value: h.value, override: true })) }
      : undefined,
    removeHeaders: plan.remove.length > 0 ? plan.remove : undefined,
  });
}
