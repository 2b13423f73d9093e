/**
 * The google resource types that hold data (messages, objects, logs): the
 * ones `GcpStack` `protectData` keeps from being destroyed.
 */
export const GCP_DATA_RESOURCE_TYPES: readonly string[] = [
  'google_storage_bucket',
  'google_pubsub_topic',
  'google_pubsub_subscription',
  'google_logging_project_bucket_config',
];
