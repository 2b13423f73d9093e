import { HttpAuth, Schedule, Trigger } from '../../../index';
import { stackWithFunction, synth } from './helpers';

/**
 * Terraform addresses are the identity of deployed resources: a change here
 * makes `terraform apply` replace them. Change this list only on purpose.
 * (Changed once for big systems: the log sink and the invoker identity with
 * its token grant became one per stack, see the README's upgrade notes.)
 */
test('keeps the Terraform addresses of a function with every trigger kind stable', () => {
  const { stack } = stackWithFunction({
    triggers: [Trigger.http({ auth: HttpAuth.PUBLIC }), Trigger.queue(), Trigger.schedule(Schedule.everyHours(1))],
  });
  const tf = synth(stack);
  const addresses = Object.entries(tf.resource).flatMap(([type, byName]) => Object.keys(byName).map((name) => `${type}.${name}`)).sort();
  expect(addresses).toEqual([
    'google_artifact_registry_repository.CirrusFunctionImages',
    'google_artifact_registry_repository_iam_member.CirrusBuildImageWriter',
    'google_cloud_run_v2_service_iam_member.ProcessOrder_HttpPublicInvoker_6ECA7E90',
    'google_cloud_run_v2_service_iam_member.ProcessOrder_InvokerBinding_471AB2B5',
    'google_cloud_scheduler_job.ProcessOrder_ScheduleJob_C44CC568',
    'google_cloudfunctions2_function.ProcessOrder_10906E0C',
    'google_logging_project_bucket_config.CirrusLogs30d',
    'google_logging_project_exclusion.CirrusDefaultLogExclusion',
    'google_logging_project_sink.CirrusLogSink30d',
    'google_monitoring_alert_policy.ProcessOrder_DurationAlarm_A73CE24D',
    'google_monitoring_alert_policy.ProcessOrder_ErrorsAlarm_27056121',
    'google_monitoring_alert_policy.ProcessOrder_QueueDeadLetterAlarm_56EC08C6',
    'google_monitoring_alert_policy.ProcessOrder_ThrottlesAlarm_C9F725C5',
    'google_project_iam_member.CirrusBuildLogWriter',
    'google_project_iam_member.CirrusBuildSourceReader',
    'google_project_service.CirrusApiArtifactregistry',
    'google_project_service.CirrusApiCloudbuild',
    'google_project_service.CirrusApiCloudfunctions',
    'google_project_service.CirrusApiCloudresourcemanager',
    'google_project_service.CirrusApiCloudscheduler',
    'google_project_service.CirrusApiIam',
    'google_project_service.CirrusApiLogging',
    'google_project_service.CirrusApiMonitoring',
    'google_project_service.CirrusApiPubsub',
    'google_project_service.CirrusApiRun',
    'google_project_service.CirrusApiStorage',
    'google_pubsub_subscription.ProcessOrder_QueueDeadLetterSubscription_8A11B6E6',
    'google_pubsub_subscription.ProcessOrder_QueueSubscription_0315321C',
    'google_pubsub_subscription_iam_member.ProcessOrder_QueueDeadLetterSubscriber_98B9464E',
    'google_pubsub_topic.ProcessOrder_QueueDeadLetterTopic_E4501360',
    'google_pubsub_topic.ProcessOrder_QueueTopic_9FB4A688',
    'google_pubsub_topic_iam_member.ProcessOrder_QueueDeadLetterPublisher_A30E9D2A',
    'google_service_account.CirrusBuildServiceAccount',
    'google_service_account.CirrusInvokerServiceAccount',
    'google_service_account.ProcessOrder_ServiceAccount_4BE7FDD1',
    'google_service_account_iam_member.CirrusPubsubTokenCreator',
    'google_storage_bucket.CirrusCodeBucket',
    'google_storage_bucket_object.ProcessOrder_CodeObject_DBAF2EAC',
  ]);
  expect(Object.keys(tf.data ?? {})).toEqual(['google_project']);
});
