/**
 * Default quotas of the Terraform clouds that a system of hundreds of
 * Cirrus functions meets. Quotas count per GCP project or Azure
 * subscription (and region, where the quota says so), not per stack, so
 * Cirrus adds up the resources of all an app's stacks of one project or
 * subscription before comparing (lib/core/quota-check.ts).
 *
 * Each entry: the resource type(s) Cirrus creates that count against it,
 * its default value, what it is counted per, and its source (read 2026-12).
 * A project or subscription with a granted increase declares it on the
 * stack (`grantedQuotas`, keyed by the quota id).
 */
export interface QuotaRule {
  /** Key in `grantedQuotas`, e.g. `gcp.iam.serviceAccounts`. */
  readonly id: string;
  /** The quota's name as the cloud's quota page gives it. */
  readonly name: string;
  /** The default value of a new project or subscription. */
  readonly defaultValue: number;
  /** What the quota is counted per; `stack` where Cirrus makes the container once per stack (a resource group, a Service Bus namespace). */
  readonly per: 'project' | 'project and region' | 'subscription' | 'subscription and region' | 'stack';
  /** The Terraform resource types that count against it. */
  readonly resourceTypes: string[];
  /** Whether each resource type counts on its own (a limit per type), rather than all of them together. */
  readonly perType?: boolean;
  /** Whether the cloud raises it on request (otherwise: a hard limit). */
  readonly adjustable: boolean;
  /** Where the value comes from. */
  readonly source: string;
}

/** GCP project quotas (google provider 6.50 resource types). */
export const GCP_QUOTAS: QuotaRule[] = [
  {
    id: 'gcp.iam.serviceAccounts', name: 'IAM service accounts per project', defaultValue: 100, per: 'project',
    resourceTypes: ['google_service_account'], adjustable: true,
    source: 'https://cloud.google.com/iam/quotas ("Service account count: 100 per project"; increase through the Quotas page)',
  },
  {
    id: 'gcp.logging.sinks', name: 'Cloud Logging sinks per project', defaultValue: 200, per: 'project',
    resourceTypes: ['google_logging_project_sink'], adjustable: false,
    source: 'https://cloud.google.com/logging/quotas ("Number of sinks: 200 per Google Cloud project")',
  },
  {
    id: 'gcp.logging.exclusions', name: 'Cloud Logging exclusion filters per sink (_Default)', defaultValue: 50, per: 'project',
    resourceTypes: ['google_logging_project_exclusion'], adjustable: false,
    source: 'https://cloud.google.com/logging/quotas ("Number of exclusion filters: 50 per sink"; project exclusions apply to the _Default sink)',
  },
  {
    id: 'gcp.logging.buckets', name: 'Cloud Logging log buckets per project', defaultValue: 100, per: 'project',
    resourceTypes: ['google_logging_project_bucket_config'], adjustable: false,
    source: 'https://cloud.google.com/logging/quotas ("Number of log buckets: 100 per Google Cloud project")',
  },
  {
    id: 'gcp.run.services', name: 'Cloud Run services per region', defaultValue: 1000, per: 'project and region',
    resourceTypes: ['google_cloudfunctions2_function'], adjustable: true,
    source: 'https://cloud.google.com/run/quotas ("Maximum number of services per region: 1,000"; every 2nd gen function is a Cloud Run service)',
  },
  {
    id: 'gcp.pubsub.topics', name: 'Pub/Sub topics per project', defaultValue: 10000, per: 'project',
    resourceTypes: ['google_pubsub_topic'], adjustable: false,
    source: 'https://cloud.google.com/pubsub/quotas#resource_limits ("Topics per project: 10,000")',
  },
  {
    id: 'gcp.pubsub.subscriptions', name: 'Pub/Sub subscriptions per project', defaultValue: 10000, per: 'project',
    resourceTypes: ['google_pubsub_subscription'], adjustable: false,
    source: 'https://cloud.google.com/pubsub/quotas#resource_limits ("Subscriptions per project: 10,000"; also 10,000 attached to one topic)',
  },
  {
    id: 'gcp.scheduler.jobs', name: 'Cloud Scheduler jobs per region', defaultValue: 1000, per: 'project and region',
    resourceTypes: ['google_cloud_scheduler_job'], adjustable: true,
    source: 'https://cloud.google.com/scheduler/quotas ("Number of jobs (per region): Default: 1000 Max: 5000")',
  },
  // Cloud Monitoring counts alerting per metrics scope, which a project hosts (its scoping project):
  // Cirrus creates its policies and channels in the stack's project, so they count per project.
  // Read 2026-12-07 from the stored copies of the pages below (the current "Quotas and limits" page's
  // alerting table was not among them): verify against https://cloud.google.com/monitoring/quotas.
  {
    id: 'gcp.monitoring.alertPolicies', name: 'Cloud Monitoring alerting policies per metrics scope', defaultValue: 500, per: 'project',
    resourceTypes: ['google_monitoring_alert_policy'], adjustable: true,
    source: 'https://cloud.google.com/monitoring/alerts/using-alerting-api ("Each alerting policy belongs to a scoping project of a metrics scope. Each project can contain up to 500 policies"); '
      + 'https://cloud.google.com/monitoring/quotas ("Limits for alerting and uptime checks": "Alerting policies per Workspace: 500", "Contact Google Cloud Platform Support if you require more capacity", 2019 copy)',
  },
  {
    id: 'gcp.monitoring.notificationChannels', name: 'Cloud Monitoring notification channels per metrics scope', defaultValue: 4000, per: 'project',
    resourceTypes: ['google_monitoring_notification_channel'], adjustable: true,
    source: 'https://cloud.google.com/monitoring/quotas ("Limits for alerting and uptime checks": "Notification channels per Workspace: 4000", raised through Google Cloud support, 2019 copy)',
  },
];

/** Azure subscription quotas (azurerm 4.55 resource types). */
export const AZURE_QUOTAS: QuotaRule[] = [
  {
    id: 'azure.storage.accounts', name: 'Storage accounts per region per subscription', defaultValue: 250, per: 'subscription and region',
    resourceTypes: ['azurerm_storage_account'], adjustable: true,
    source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#storage-limits ("Number of storage accounts per region per subscription: 250"; 500 by request)',
  },
  {
    id: 'azure.authorization.roleAssignments', name: 'Azure role assignments per subscription', defaultValue: 4000, per: 'subscription',
    resourceTypes: ['azurerm_role_assignment'], adjustable: false,
    source: 'https://learn.microsoft.com/azure/role-based-access-control/troubleshoot-limits ("Azure supports up to 4,000 role assignments per subscription")',
  },
  {
    id: 'azure.resourceGroup.resourcesPerType', name: 'Resources of one type per resource group', defaultValue: 800, per: 'stack',
    resourceTypes: [
      'azurerm_function_app_flex_consumption', 'azurerm_service_plan', 'azurerm_storage_account', 'azurerm_user_assigned_identity',
      'azurerm_application_insights', 'azurerm_monitor_metric_alert', 'azurerm_eventgrid_topic',
    ],
    perType: true,
    adjustable: false,
    source: 'https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#resource-group-limits ("Resources per resource group: 800 per resource type"; an AzureStack has one resource group)',
  },
  {
    id: 'azure.serviceBus.entitiesPerNamespace', name: 'Service Bus queues and topics per namespace (Standard tier)', defaultValue: 10000, per: 'stack',
    resourceTypes: ['azurerm_servicebus_queue', 'azurerm_servicebus_topic'], adjustable: false,
    source: 'https://learn.microsoft.com/azure/service-bus-messaging/service-bus-quotas ("Number of topics or queues per namespace: 10,000 for the Basic or Standard tier"; Cirrus makes one namespace per AzureStack)',
  },
];

/** Every quota by id. */
export const QUOTAS: Record<string, QuotaRule> = Object.fromEntries([...GCP_QUOTAS, ...AZURE_QUOTAS].map((q) => [q.id, q]));

/**
 * Limits that are not resource counts but shape the output. Cloud Logging
 * filters (sink inclusion and exclusion filters) hold at most 20,000
 * characters (https://cloud.google.com/logging/quotas, "Length of a
 * filter: 20,000 characters").
 */
export const GCP_LOGGING_FILTER_MAX_LENGTH = 20000;
