import { Fn } from 'aws-cdk-lib';
import { fitName } from '../../core/naming';
import { TEXT_LIMITS } from '../../core/text-limits';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { EdgeEventType } from '../../core/edge/edge-event-type';
import { EdgeCodePlacement, EdgeSpec } from '../../core/edge/edge-spec';
import type { EdgeRenderInput, RenderedEdge } from '../../targets/load-edge-renderer';
import { createLogBucket } from '../log-bucket';
import { acknowledgeRule, skipCheckov } from '../scan-annotations';
import { lambdaAtEdge } from './lambda-at-edge';
import { responseHeadersPolicy } from './response-headers';

/** How long CloudFront access logs are kept in their bucket. */
export const ACCESS_LOG_RETENTION_DAYS = 30;

/** The CloudFront access log bucket (CloudFront standard logging needs ACLs, so BucketOwnerPreferred). */
function accessLogBucket(scope: Construct): s3.Bucket {
  return createLogBucket(scope, 'AccessLogs', {
    holds: 'CloudFront access logs', retentionDays: ACCESS_LOG_RETENTION_DAYS, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
  });
}

/** The origin's host name: known at synth time for URL origins, split out of the HTTP API endpoint for functions. */
function originDomain(spec: EdgeSpec): string {
  if (spec.origin.host) {
    return spec.origin.host;
  }
  const url = spec.origin.url ?? spec.origin.originFunction!.httpUrl!;
  return Fn.select(2, Fn.split('/', url));
}

/**
 * Renders an EdgeFunction as a CloudFront distribution: one HTTPS-only
 * origin, one default behaviour (viewers redirected to HTTPS, caching as the
 * origin's Cache-Control says, every viewer header but Host forwarded), the
 * generated and custom CloudFront Functions and Lambda@Edge at their events,
 * the response headers policy, and access logs.
 */
export function renderEdge(scope: Construct, spec: EdgeSpec, _input: EdgeRenderInput): RenderedEdge {
  const origin = new origins.HttpOrigin(originDomain(spec), {
    protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
    originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
  });
  const functionAssociations = spec.cloudFrontFunctions.map((f) => {
    const request = f.eventType === EdgeEventType.VIEWER_REQUEST;
    return {
      function: new cloudfront.Function(scope, request ? 'ViewerRequestFunction' : 'ViewerResponseFunction', {
        code: cloudfront.FunctionCode.fromInline(f.source),
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        comment: fitName(`${f.eventType} of ${scope.node.path}`, TEXT_LIMITS.aws.cloudFrontComment),
      }),
      eventType: request ? cloudfront.FunctionEventType.VIEWER_REQUEST : cloudfront.FunctionEventType.VIEWER_RESPONSE,
    };
  });
  const edgeLambdas = spec.code?.placement === EdgeCodePlacement.LAMBDA_AT_EDGE ? [lambdaAtEdge(scope, spec.code)] : undefined;
  const logBucket = spec.accessLogs ? accessLogBucket(scope) : undefined;
  const certificate = spec.certificateArn ? acm.Certificate.fromCertificateArn(scope, 'Certificate', spec.certificateArn) : undefined;

  const distribution = new cloudfront.Distribution(scope, 'Distribution', {
    comment: fitName(`Cirrus EdgeFunction ${scope.node.path}`, TEXT_LIMITS.aws.cloudFrontComment),
    defaultBehavior: {
      origin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
      cachePolicy: cloudfront.CachePolicy.USE_ORIGIN_CACHE_CONTROL_HEADERS_QUERY_STRINGS,
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
      functionAssociations: functionAssociations.length > 0 ? functionAssociations : undefined,
      edgeLambdas,
      responseHeadersPolicy: spec.awsResponseHeaders ? responseHeadersPolicy(scope, spec.awsResponseHeaders) : undefined,
    },
    httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
    enableLogging: spec.accessLogs,
    logBucket,
    logFilePrefix: spec.accessLogs ? 'cloudfront/' : undefined,
    domainNames: spec.domainNames.length > 0 ? spec.domainNames : undefined,
    certificate,
    // The default *.cloudfront.net certificate fixes the minimum protocol (TLSv1) and CloudFront ignores this
    // setting for it; with a custom certificate it is TLSv1.2_2021.
    minimumProtocolVersion: certificate ? cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021 : undefined,
    sslSupportMethod: certificate ? cloudfront.SSLMethod.SNI : undefined,
  });
  if (!certificate) {
    const defaultCertificate = 'No custom domain: the default *.cloudfront.net certificate fixes the minimum viewer protocol (TLSv1) and CloudFront ignores the setting; with domainNames and certificateArn it is TLSv1.2_2021';
    acknowledgeRule(distribution, 'AwsSolutions-CFR4', defaultCertificate);
    skipCheckov(distribution, 'CKV_AWS_174', defaultCertificate);
  }
  skipCheckov(distribution, 'CKV_AWS_68', 'A WAF web ACL (from $5 a month, with rules specific to the application) is the user\'s choice: attach one with the escape hatch (DistributionConfig.WebACLId of the distribution)');
  const domainName = spec.domainNames[0] ?? distribution.distributionDomainName;
  return { resource: distribution, url: `https://${domainName}`, domainName };
}
