/**
 * Retries of a scheduled run that failed, the same on every cloud (three
 * attempts in all): Lambda's asynchronous-invocation default on AWS, the
 * timer trigger's runtime retry policy on Azure, the Cloud Scheduler job's
 * retry count on GCP.
 */
export const SCHEDULE_RETRIES = 2;
