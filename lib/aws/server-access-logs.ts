import { Names, Stack } from 'aws-cdk-lib';
import { StackShared } from '../core/stack-shared';
import { fitIdentifier } from '../core/naming';
import { TEXT_LIMITS } from '../core/text-limits';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { createLogBucket } from './log-bucket';

/** The id, under the stack, of the bucket that receives the server access logs of the stack's Cirrus buckets. */
export const SERVER_ACCESS_LOG_BUCKET_ID = 'CirrusServerAccessLogs';

/** How long server access logs are kept: a year, what audit regimes such as PCI DSS ask for. */
export const SERVER_ACCESS_LOG_RETENTION_DAYS = 365;

/** The stack's server access log bucket, created on first use (S3 log delivery is granted by bucket policy, so BucketOwnerEnforced). */
const LOG_BUCKET = new StackShared<Stack, s3.Bucket>((stack) => createLogBucket(stack, SERVER_ACCESS_LOG_BUCKET_ID, {
  holds: 'the server access logs of the stack\'s buckets', retentionDays: SERVER_ACCESS_LOG_RETENTION_DAYS, objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
}));

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
  const target = LOG_BUCKET.of(stack);
  const id = Names.uniqueId(bucket);
  const prefix = `${id}/`;
  (bucket.node.defaultChild as s3.CfnBucket).loggingConfiguration = { destinationBucketName: target.bucketName, logFilePrefix: prefix };
  target.addToResourcePolicy(new iam.PolicyStatement({
    sid: fitIdentifier(`ServerAccessLogs${id}`, TEXT_LIMITS.aws.statementSid),
    principals: [new iam.ServicePrincipal('logging.s3.amazonaws.com')],
    actions: ['s3:PutObject'],
    resources: [target.arnForObjects(`${prefix}*`)],
    conditions: { ArnLike: { 'aws:SourceArn': bucket.bucketArn }, StringEquals: { 'aws:SourceAccount': stack.account } },
  }));
}
