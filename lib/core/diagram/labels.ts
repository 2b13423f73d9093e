import { CloudProvider } from '../cloud-provider';

/** What the native service of each diagram element is called on one cloud. */
export interface NativeLabels {
  readonly function: string;
  readonly http: string;
  /** The service of an HttpApi (one entry point for many routes). */
  readonly httpApi: string;
  readonly schedule: string;
  readonly queue: string;
  readonly topic: string;
  readonly bus: string;
  /** The bus a trigger without `bus` uses (AWS: the account's default bus). */
  readonly defaultBus: string;
  readonly bucket: string;
  /** Where a queue's undeliverable messages go. */
  readonly queueDeadLetter: string;
  /** Where a topic subscription's undeliverable messages go. */
  readonly topicDeadLetter: string;
  /** Where undeliverable bus and storage events go. */
  readonly eventDeadLetter: string;
  /** Where failed asynchronous invocations go (AWS only). */
  readonly asyncFailure?: string;
  readonly warmPool: string;
  readonly budget: string;
  readonly edge: string;
  readonly alarmChannel: string;
}

/** The per-cloud label table of the architecture diagram. */
export const NATIVE_LABELS: Record<CloudProvider, NativeLabels> = {
  [CloudProvider.AWS]: {
    function: 'Lambda function',
    http: 'API Gateway HTTP API',
    httpApi: 'API Gateway HTTP API',
    schedule: 'EventBridge Scheduler',
    queue: 'SQS queue',
    topic: 'SNS topic',
    bus: 'EventBridge event bus',
    defaultBus: 'EventBridge default event bus',
    bucket: 'S3 bucket',
    queueDeadLetter: 'SQS dead-letter queue',
    topicDeadLetter: 'SQS dead-letter queue',
    eventDeadLetter: 'SQS dead-letter queue',
    asyncFailure: 'SQS on-failure queue',
    warmPool: 'provisioned concurrency',
    budget: 'AWS Budgets',
    edge: 'CloudFront',
    alarmChannel: 'SNS topic',
  },
  [CloudProvider.LOCAL]: {
    function: 'handler process',
    http: 'local HTTP server',
    httpApi: 'local HTTP server',
    schedule: 'local scheduler',
    queue: 'in-memory queue',
    topic: 'in-memory topic',
    bus: 'in-memory event bus',
    defaultBus: 'in-memory event bus',
    bucket: 'local folder',
    queueDeadLetter: 'in-memory dead-letter queue',
    topicDeadLetter: 'in-memory dead-letter queue',
    eventDeadLetter: 'in-memory dead-letter queue',
    asyncFailure: 'in-memory dead-letter queue',
    warmPool: 'not emulated',
    budget: 'not emulated',
    edge: 'not emulated',
    alarmChannel: 'not emulated',
  },

  [CloudProvider.AZURE]: {
    function: 'Function App (Flex Consumption)',
    http: 'Functions HTTP trigger',
    httpApi: 'API Management (Consumption)',
    schedule: 'Functions timer trigger',
    queue: 'Service Bus queue',
    topic: 'Service Bus topic',
    bus: 'Event Grid topic',
    defaultBus: 'Event Grid topic',
    bucket: 'Blob Storage container',
    queueDeadLetter: 'Service Bus dead-letter sub-queue',
    topicDeadLetter: 'Service Bus dead-letter sub-queue',
    eventDeadLetter: 'Blob container event-dead-letters',
    warmPool: 'always-ready instances',
    budget: 'Azure consumption budget',
    edge: 'Front Door',
    alarmChannel: 'Monitor action group',
  },
  [CloudProvider.GCP]: {
    function: 'Cloud Function (2nd gen)',
    http: 'Cloud Functions HTTPS endpoint',
    httpApi: 'API Gateway',
    schedule: 'Cloud Scheduler job',
    queue: 'Pub/Sub topic + push subscription',
    topic: 'Pub/Sub topic',
    bus: 'Pub/Sub topic',
    defaultBus: 'Pub/Sub topic',
    bucket: 'Cloud Storage bucket',
    queueDeadLetter: 'Pub/Sub dead-letter topic',
    topicDeadLetter: 'Pub/Sub dead-letter topic',
    eventDeadLetter: 'Pub/Sub dead-letter topic',
    warmPool: 'minimum instances',
    budget: 'Cloud Billing budget',
    edge: 'external Application Load Balancer + Cloud CDN',
    alarmChannel: 'email notification channels',
  },
};
