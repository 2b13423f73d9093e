import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledgeRule, skipCheckov } from './scan-annotations';

/** What a log bucket holds, how long, and who owns the objects its log service writes. */
export interface LogBucketOptions {
  /** What it holds, for the scanner reasons, e.g. "CloudFront access logs". */
  readonly holds: string;
  readonly retentionDays: number;
  /** CloudFront standard logging needs ACLs (BucketOwnerPreferred); S3 server access logs work with BucketOwnerEnforced. */
  readonly objectOwnership: s3.ObjectOwnership;
}

/**
 * A bucket for access logs: private, SSE-S3, TLS-only, objects expiring after
 * `retentionDays`, kept when the stack is deleted (logs outlive what they
 * log; they still expire). Its own access logging and versioning are off,
 * with the scanner findings acknowledged: logs of a log bucket would need
 * yet another bucket, and versions would only keep deleted logs longer.
 */
export function createLogBucket(scope: Construct, id: string, options: LogBucketOptions): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    encryption: s3.BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    objectOwnership: options.objectOwnership,
    lifecycleRules: [{ expiration: Duration.days(options.retentionDays) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const logOfLogs = `This bucket holds ${options.holds}; logging access to a log bucket would need yet another bucket`;
  acknowledgeRule(bucket, 'AwsSolutions-S1', logOfLogs);
  skipCheckov(bucket, 'CKV_AWS_18', logOfLogs);
  skipCheckov(bucket, 'CKV_AWS_21', `Access logs are written once and expire after ${options.retentionDays} days; versions would only keep deleted logs longer`);
  return bucket;
}
