import { Duration, Names, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledgeRule, skipCheckov } from './scan-annotations';

/** The id, under the stack, of the bucket that receives the server access logs of the stack's Cirrus buckets. */
export const SERVER_ACCESS_LOG_BUCKET_ID = 'CirrusServerAccessLogs';

/** How long server access logs are kept: a year, what audit regimes such as PCI DSS ask for. */
export const SERVER_ACCESS_LOG_RETENTION_DAYS = 365;

/**
 * The stack's server access log bucket, created on first use: private,
 * SSE-S3, TLS-only, bucket-owner-enforced (S3 log delivery is granted by
 * bucket policy, not ACL), logs expiring after a year, kept when the stack
 * is deleted.
 */
function logBucket(stack: Stack): s3.Bucket {
  const existing = stack.node.tryFindChild(SERVER_ACCESS_LOG_BUCKET_ID);
  if (existing) {
    return existing as s3.Bucket;
  }
  const bucket = new s3.Bucket(stack, SERVER_ACCESS_LOG_BUCKET_ID, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    lifecycleRules: [{ expiration: Duration.days(SERVER_ACCESS_LOG_RETENTION_DAYS) }],
    removalPolicy: RemovalPolicy.RETAIN,
  });
  const logOfLogs = 'This bucket holds the server access logs of the stack\'s buckets; logging access to it would need yet another bucket';
  acknowledgeRule(bucket, 'AwsSolutions-S1', logOfLogs);
  skipCheckov(bucket, 'CKV_AWS_18', logOfLogs);
  skipCheckov(bucket, 'CKV_AWS_21', `Access logs are written once and expire after ${SERVER_ACCESS_LOG_RETENTION_DAYS} days; versions would only keep deleted logs longer`);
  return bucket;
}

/**
 * Sends `bucket`'s server access logs to the stack's log bucket, under a
 * prefix of its own. Set on the bucket itself (L1) with an explicit policy
 * statement for the S3 logging service limited to that bucket, account and
 * prefix, so the result does not depend on the app's
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` feature flag (without it
 * aws-cdk-lib would grant log delivery by ACL).
 */
export function logServerAccess(bucket: s3.Bucket): void {
  const stack = Stack.of(bucket);
  const target = logBucket(stack);
  const prefix = `${Names.uniqueId(bucket as IConstruct)}/`;
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
  target.addToResourcePolicy(new iam.PolicyStatement({
    sid: `ServerAccessLogs${Names.uniqueId(bucket as IConstruct)}`.slice(0, 100),
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
}
