import type { IConstruct } from 'constructs';

/** What a function was granted on a queue, topic, bus or bucket. */
export enum GrantAccess {
  /** EventQueue.grantSend. */
  SEND = 'send',
  /** EventTopic.grantPublish and EventBus.grantPublish. */
  PUBLISH = 'publish',
  /** EventBucket.grantWrite. */
  WRITE = 'write',
  /** EventBucket.grantRead. */
  READ = 'read',
}

/** One grant a messaging construct gave, recorded for the architecture diagram. */
export interface MessagingGrant {
  /** The function (an EventDrivenFunction). */
  readonly fn: IConstruct;
  readonly access: GrantAccess;
}
