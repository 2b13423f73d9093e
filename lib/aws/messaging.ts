import * as events from 'aws-cdk-lib/aws-events';
import { CLOUD_DEFAULTS } from '../core/cloud-defaults';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { IEventDrivenFunction } from '../core/function-contract';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import { AWS_SHARED, lambdaOf } from './handles';
import { createQueuePair } from './queue-trigger';
import { acknowledgeRule, nagArn } from './scan-annotations';
import { createBucket } from './storage-trigger';
import { createTopic } from './topic-trigger';

/** A shared SQS queue with its dead-letter queue; producers get sqs:SendMessage on it and its URL. */
export function renderQueue(scope: Construct, spec: QueueSpec): RenderedMessaging {
  const pair = AWS_SHARED.queues.set(scope, createQueuePair(scope, 'Resource', 'DeadLetterQueue', spec.retentionDays, spec.maxDeliveryAttempts, CLOUD_DEFAULTS.aws.sharedQueueVisibilitySeconds));
  return {
    name: pair.queue.queueName,
    address: pair.queue.queueUrl,
    resource: pair.queue,
    grantSend(fn: IEventDrivenFunction): void {
      pair.queue.grantSendMessages(lambdaOf(fn));
      fn.addEnvironment(spec.environmentName, pair.queue.queueUrl);
    },
  };
}

/** A shared SNS topic; publishers get sns:Publish on it and its ARN. */
export function renderTopic(scope: Construct, spec: TopicSpec): RenderedMessaging {
  const topic = AWS_SHARED.topics.set(scope, createTopic(scope, 'Resource'));
  return {
    name: topic.topicName,
    address: topic.topicArn,
    resource: topic,
    grantSend(fn: IEventDrivenFunction): void {
      topic.grantPublish(lambdaOf(fn));
      fn.addEnvironment(spec.environmentName, topic.topicArn);
    },
  };
}

/** A shared EventBridge custom bus; publishers get events:PutEvents on it and its name. */
export function renderBus(scope: Construct, spec: BusSpec): RenderedMessaging {
  const bus = AWS_SHARED.buses.set(scope, new events.EventBus(scope, 'Resource', { description: `Cirrus event bus ${spec.constructPath}` }));
  return {
    name: bus.eventBusName,
    address: bus.eventBusName,
    resource: bus,
    grantSend(fn: IEventDrivenFunction): void {
      bus.grantPutEventsTo(lambdaOf(fn));
      fn.addEnvironment(spec.environmentName, bus.eventBusName);
    },
  };
}

/** A shared bucket; writers get s3:PutObject (and related) on its objects, readers s3:GetObject/List; both get its name. */
export function renderBucket(scope: Construct, spec: BucketSpec): RenderedMessaging {
  const bucket = AWS_SHARED.buckets.set(scope, createBucket(scope, 'Resource'));
  return {
    name: bucket.bucketName,
    address: bucket.bucketName,
    resource: bucket,
    grantSend(fn: IEventDrivenFunction): void {
      grantObjects(fn, bucket, ['s3:PutObject', 's3:AbortMultipartUpload']);
      fn.addEnvironment(spec.environmentName, bucket.bucketName);
    },
    grantRead(fn: IEventDrivenFunction): void {
      grantObjects(fn, bucket, ['s3:GetObject']);
      lambdaOf(fn).addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
      fn.addEnvironment(spec.environmentName, bucket.bucketName);
    },
  };
}

/**
 * Exactly these object actions on the bucket's objects (aws-cdk-lib's grantPut
 * and grantRead add wildcards such as s3:Abort*, s3:GetObject*, s3:List*).
 * Object ARNs need a key wildcard (`<bucket>/*`): that finding is acknowledged
 * on the function's role.
 */
function grantObjects(fn: IEventDrivenFunction, bucket: s3.Bucket, actions: string[]): void {
  const target = lambdaOf(fn);
  target.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
  acknowledgeRule(target.role!, `AwsSolutions-IAM5[Resource::${nagArn(bucket)}/*]`,
    `The objects of ${bucket.node.path}: an S3 object ARN names its keys with a wildcard; the grant covers this bucket only`);
}
