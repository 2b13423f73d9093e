import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import { AwsQueuePair, createQueuePair } from './queue-trigger';
import { acknowledgeRule, nagArn } from './scan-annotations';
import { createBucket } from './storage-trigger';
import { createTopic } from './topic-trigger';

/** Default visibility timeout of a shared queue: six times the default function timeout; consumers raise it. */
const DEFAULT_VISIBILITY_SECONDS = 180;

/** A shared SQS queue with its dead-letter queue; producers get sqs:SendMessage on it and its URL. */
export function renderQueue(scope: Construct, spec: QueueSpec): RenderedMessaging {
  const pair: AwsQueuePair = createQueuePair(scope, 'Resource', 'DeadLetterQueue', spec.retentionDays, spec.maxDeliveryAttempts, DEFAULT_VISIBILITY_SECONDS);
  return {
    name: pair.queue.queueName,
    address: pair.queue.queueUrl,
    resource: pair.queue,
    native: pair,
    grantSend(fn: EventDrivenFunction): void {
      pair.queue.grantSendMessages(fn.node.defaultChild as lambda.Function);
      fn.addEnvironment(spec.environmentName, pair.queue.queueUrl);
    },
  };
}

/** A shared SNS topic; publishers get sns:Publish on it and its ARN. */
export function renderTopic(scope: Construct, spec: TopicSpec): RenderedMessaging {
  const topic = createTopic(scope, 'Resource');
  return {
    name: topic.topicName,
    address: topic.topicArn,
    resource: topic,
    native: topic,
    grantSend(fn: EventDrivenFunction): void {
      topic.grantPublish(fn.node.defaultChild as lambda.Function);
      fn.addEnvironment(spec.environmentName, topic.topicArn);
    },
  };
}

/** A shared EventBridge custom bus; publishers get events:PutEvents on it and its name. */
export function renderBus(scope: Construct, spec: BusSpec): RenderedMessaging {
  const bus = new events.EventBus(scope, 'Resource', { description: `Cirrus event bus ${spec.constructPath}` });
  return {
    name: bus.eventBusName,
    address: bus.eventBusName,
    resource: bus,
    native: bus,
    grantSend(fn: EventDrivenFunction): void {
      bus.grantPutEventsTo(fn.node.defaultChild as lambda.Function);
      fn.addEnvironment(spec.environmentName, bus.eventBusName);
    },
  };
}

/** A shared bucket; writers get s3:PutObject (and related) on its objects, readers s3:GetObject/List; both get its name. */
export function renderBucket(scope: Construct, spec: BucketSpec): RenderedMessaging {
  const bucket = createBucket(scope, 'Resource');
  return {
    name: bucket.bucketName,
    address: bucket.bucketName,
    resource: bucket,
    native: bucket,
    grantSend(fn: EventDrivenFunction): void {
      grantObjects(fn, bucket, ['s3:PutObject', 's3:AbortMultipartUpload']);
      fn.addEnvironment(spec.environmentName, bucket.bucketName);
    },
    grantRead(fn: EventDrivenFunction): void {
      grantObjects(fn, bucket, ['s3:GetObject']);
      (fn.node.defaultChild as lambda.Function).addToRolePolicy(new iam.PolicyStatement({ actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }));
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
function grantObjects(fn: EventDrivenFunction, bucket: s3.Bucket, actions: string[]): void {
  const target = fn.node.defaultChild as lambda.Function;
  target.addToRolePolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects('*')] }));
  acknowledgeRule(target.role!, `AwsSolutions-IAM5[Resource::${nagArn(bucket)}/*]`,
    `The objects of ${bucket.node.path}: an S3 object ARN names its keys with a wildcard; the grant covers this bucket only`);
}
