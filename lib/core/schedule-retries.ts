/**
 * Retries of a scheduled run that failed, the same on every cloud (three
 * attempts in all): Lambda's asynchronous-invocation default on AWS, the
 * timer trigger's runtime retry policy on Azure, the Cloud Scheduler job's
 * retry count on GCP.
 */
export const SCHEDULE_RETRIES = 2;

/** Azure: the first retry after a minute, the second two minutes later, as Lambda spaces its retries. */
export const AZURE_SCHEDULE_RETRY_INTERVALS = { minimumInterval: '00:01:00', maximumInterval: '00:02:00' };
