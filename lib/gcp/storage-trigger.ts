import { DataGoogleStorageProjectServiceAccount } from '@cdktf/provider-google/lib/data-google-storage-project-service-account';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageNotification } from '@cdktf/provider-google/lib/storage-notification';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec, StorageTriggerSpec } from '../core/function-spec';
import { StackShared } from '../core/stack-shared';
import { StorageEvent } from '../core/trigger';
import { gcpBucketName, gcpName } from './names';
import { createDeadLetterTopic, PushTarget, subscribePush } from './queue-trigger';
import { needsApis } from './stack-services';

/** A private bucket: uniform access, public access prevention, versioned, kept on destroy while it holds objects. */
export function createGcpBucket(scope: Construct, stack: GcpStack, id: string, suffix: string): StorageBucket {
  return new StorageBucket(scope, id, {
    name: gcpBucketName(stack.project, scope, suffix),
    location: stack.region,
    uniformBucketLevelAccess: true,
    publicAccessPrevention: 'enforced',
    versioning: { enabled: true },
    forceDestroy: false,
    dependsOn: needsApis(stack, 'storage'),
  });
}

/** The project's Cloud Storage service agent, which publishes bucket notifications. */
const STORAGE_AGENT = new StackShared((stack: GcpStack) => new DataGoogleStorageProjectServiceAccount(stack, 'CirrusStorageAgent', { project: stack.project }));

/**
 * Cloud Storage notifications (JSON API payload) for the bucket's object
 * events and prefix, published to a topic of the trigger's own (the storage
 * service agent may publish to it only), pushed to the function with a
 * dead-letter topic.
 */
export function addStorageTrigger(scope: Construct, stack: GcpStack, spec: FunctionSpec, trigger: StorageTriggerSpec, target: PushTarget, existing?: StorageBucket): StorageBucket {
  const lower = trigger.id.toLowerCase();
  const bucket = existing ?? createGcpBucket(scope, stack, `${trigger.id}Bucket`, lower);
  const topic = new PubsubTopic(scope, `${trigger.id}Topic`, { name: gcpName(scope, 'gcpResource', lower), dependsOn: needsApis(stack, 'pubsub') });
  const publisher = new PubsubTopicIamMember(scope, `${trigger.id}StoragePublisher`, {
    topic: topic.name,
    role: 'roles/pubsub.publisher',
    member: STORAGE_AGENT.of(stack).member,
  });
  new StorageNotification(scope, `${trigger.id}Notification`, {
    bucket: bucket.name,
    topic: topic.id,
    payloadFormat: 'JSON_API_V1',
    eventTypes: trigger.events.map((e) => (e === StorageEvent.OBJECT_CREATED ? 'OBJECT_FINALIZE' : 'OBJECT_DELETE')),
    objectNamePrefix: trigger.prefix,
    dependsOn: [publisher],
  });
  const deadLetterTopic = createDeadLetterTopic(scope, stack, trigger.id, lower);
  subscribePush(scope, stack, spec, trigger.id, { topic, deadLetterTopic }, target, {
    maxDeliveryAttempts: trigger.maxDeliveryAttempts,
    retentionDays: trigger.maxEventAgeSeconds / 86400,
  });
  return bucket;
}
