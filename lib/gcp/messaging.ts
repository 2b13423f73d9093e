import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { StorageBucketIamMember } from '@cdktf/provider-google/lib/storage-bucket-iam-member';
import { Construct } from 'constructs';
import type { IEventDrivenFunction } from '../core/function-contract';
import type { BucketSpec, BusSpec, QueueSpec, TopicSpec } from '../core/messaging';
import { grantChildId } from '../core/naming';
import type { RenderedMessaging } from '../targets/load-messaging-renderer';
import { GCP_SHARED, serviceAccountOf } from './handles';
import { createTopicPair, TopicPair } from './queue-trigger';
import { createGcpBucket } from './storage-trigger';
import { gcpName } from './names';
import { gcpStackOf, needsApis } from './stack-services';

/** A shared queue on GCP: a topic pair and its settings (one consumer: lib/core/triggers/queue-consumers.ts). */
export interface GcpSharedQueue extends TopicPair {
  readonly spec: QueueSpec;
}

/** Lets `fn` publish to `topic` (roles/pubsub.publisher on it) and gives it the topic's id in `environmentName`. */
function grantPublish(topic: PubsubTopic, environmentName: string): RenderedMessaging['grantSend'] {
  return (fn: IEventDrivenFunction, owner: Construct) => {
    const id = grantChildId(owner, 'Publisher', fn);
    if (id) {
      new PubsubTopicIamMember(owner, id, { topic: topic.name, role: 'roles/pubsub.publisher', member: serviceAccountOf(fn).member });
      fn.addEnvironment(environmentName, topic.id);
    }
  };
}

/** A shared queue: a Pub/Sub topic with a dead-letter topic; producers get roles/pubsub.publisher on it and its id. */
export function renderQueue(scope: Construct, spec: QueueSpec): RenderedMessaging {
  const stack = gcpStackOf(scope);
  const pair = createTopicPair(scope, stack, 'Resource', '', 'queue');
  GCP_SHARED.queues.set(scope, { ...pair, spec });
  return { name: pair.topic.name, address: pair.topic.id, resource: pair.topic, grantSend: grantPublish(pair.topic, spec.environmentName) };
}

/** A plain shared Pub/Sub topic (an EventTopic, or an EventBus whose messages carry `source` and `type` attributes). */
function renderPubsubTopic(scope: Construct, environmentName: string, nameSuffix: 'topic' | 'bus'): RenderedMessaging {
  const topic = (nameSuffix === 'topic' ? GCP_SHARED.topics : GCP_SHARED.buses).set(scope, new PubsubTopic(scope, 'Resource', { name: gcpName(scope, 'gcpResource', nameSuffix), dependsOn: needsApis(gcpStackOf(scope), 'pubsub') }));
  return { name: topic.name, address: topic.id, resource: topic, grantSend: grantPublish(topic, environmentName) };
}

/** A shared Pub/Sub topic; publishers get roles/pubsub.publisher on it and its id. */
export function renderTopic(scope: Construct, spec: TopicSpec): RenderedMessaging {
  return renderPubsubTopic(scope, spec.environmentName, 'topic');
}

/** A shared bus: a Pub/Sub topic whose messages carry `source` and `type` attributes; publishers get roles/pubsub.publisher on it. */
export function renderBus(scope: Construct, spec: BusSpec): RenderedMessaging {
  return renderPubsubTopic(scope, spec.environmentName, 'bus');
}

/** A shared bucket; writers get roles/storage.objectCreator, readers roles/storage.objectViewer, on this bucket only. */
export function renderBucket(scope: Construct, spec: BucketSpec): RenderedMessaging {
  const stack = gcpStackOf(scope);
  const bucket = GCP_SHARED.buckets.set(scope, createGcpBucket(scope, stack, 'Resource', 'data'));
  const grant = (fn: IEventDrivenFunction, owner: Construct, role: string, prefix: string) => {
    const id = grantChildId(owner, prefix, fn);
    if (id) {
      new StorageBucketIamMember(owner, id, { bucket: bucket.name, role, member: serviceAccountOf(fn).member });
      fn.addEnvironment(spec.environmentName, bucket.name);
    }
  };
  return {
    name: bucket.name,
    address: bucket.name,
    resource: bucket,
    grantSend: (fn, owner) => grant(fn, owner, 'roles/storage.objectCreator', 'Writer'),
    grantRead: (fn, owner) => grant(fn, owner, 'roles/storage.objectViewer', 'Reader'),
  };
}
