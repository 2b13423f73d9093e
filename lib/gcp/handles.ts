import type { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import type { PubsubSubscription } from '@cdktf/provider-google/lib/pubsub-subscription';
import type { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import type { IConstruct } from 'constructs';
import { HandleSlot } from '../core/handle-slot';
import type { GcpSharedQueue } from './messaging';

/** What the GCP renderer made of an EventDrivenFunction. */
export interface GcpFunctionHandle {
  /** The Cloud Functions (2nd gen) function. */
  readonly fn: Cloudfunctions2Function;
  /** Its runtime service account. */
  readonly serviceAccount: ServiceAccount;
  /** The region it runs in. */
  readonly region: string;
  /** The topics of its own queue triggers, by trigger id. */
  readonly queueTopics: Map<string, PubsubTopic>;
}

/** The GCP functions, by their EventDrivenFunction. */
export const GCP_FUNCTIONS = new HandleSlot<GcpFunctionHandle>('Cloud Functions function');

/** The runtime service account of an EventDrivenFunction. */
export function serviceAccountOf(fn: IConstruct): ServiceAccount {
  return GCP_FUNCTIONS.of(fn).serviceAccount;
}

/** The native resources of the shared messaging constructs, by construct. */
export const GCP_SHARED = {
  queues: new HandleSlot<GcpSharedQueue>('Pub/Sub queue topics'),
  topics: new HandleSlot<PubsubTopic>('Pub/Sub topic'),
  buses: new HandleSlot<PubsubTopic>('Pub/Sub topic'),
  buckets: new HandleSlot<StorageBucket>('Cloud Storage bucket'),
};

/** The subscription that keeps a dead-letter topic's messages, by the topic. */
export const GCP_DEAD_LETTER_SUBSCRIPTIONS = new HandleSlot<PubsubSubscription>('dead-letter subscription');

/** The notification channel ids of an alarm channel, by the channel's scope. */
export const GCP_NOTIFICATION_CHANNELS = new HandleSlot<string[]>('notification channels');
