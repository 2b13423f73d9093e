import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { StorageTriggerSpec } from '../core/function-spec';
import { StorageEvent } from '../core/trigger';
import { logServerAccess } from './server-access-logs';
import { configureAsyncFailures, deadLetterQueue } from './topic-trigger';

/**
 * A private, encrypted (SSE-S3), TLS-only, versioned bucket that keeps its
 * objects when the stack is deleted, sends its object events to EventBridge
 * (set on the bucket itself: no notification custom resource) and its server
 * access logs to the stack's log bucket.
 */
export function createBucket(scope: Construct, id: string): s3.Bucket {
  const bucket = new s3.Bucket(scope, id, {
    encryption: s3.BucketEncryption.S3_MANAGED,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    versioned: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  (bucket.node.defaultChild as s3.CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  logServerAccess(bucket);
  return bucket;
}

/** The EventBridge match on the object key for a prefix and/or suffix. */
function keyFilter(prefix?: string, suffix?: string): object[] | undefined {
  if (prefix && suffix) {
    return [{ wildcard: `${prefix}*${suffix}` }];
  }
  if (prefix) {
    return [{ prefix }];
  }
  return suffix ? [{ suffix }] : undefined;
}

/**
 * S3 object events through EventBridge: a rule on the default bus matching
 * the bucket, event types and key filter, targeting the live alias with a
 * dead-letter queue; function failures go to its on-failure destination.
 */
export function addStorageTrigger(scope: Construct, alias: lambda.Alias, trigger: StorageTriggerSpec, existing?: s3.Bucket): s3.Bucket {
  const bucket = existing ?? createBucket(scope, `${trigger.id}Bucket`);
  const key = keyFilter(trigger.prefix, trigger.suffix);
  const rule = new events.Rule(scope, `${trigger.id}Rule`, {
    description: `Delivers object events of a bucket to ${scope.node.path}`,
    eventPattern: {
      source: ['aws.s3'],
      detailType: trigger.events.map((e) => (e === StorageEvent.OBJECT_CREATED ? 'Object Created' : 'Object Deleted')),
      detail: { bucket: { name: [bucket.bucketName] }, ...(key ? { object: { key } } : {}) },
    },
  });
  rule.addTarget(new LambdaFunction(alias, {
    deadLetterQueue: deadLetterQueue(scope, `${trigger.id}DeadLetterQueue`),
    maxEventAge: Duration.seconds(Math.max(60, Math.min(trigger.maxEventAgeSeconds, 86400))),
  }));
  configureAsyncFailures(scope, alias, trigger);
  return bucket;
}
