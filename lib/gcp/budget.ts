import { BillingBudget } from '@cdktf/provider-google/lib/billing-budget';
import { TEXT_LIMITS } from '../core/text-limits';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { MonitoringNotificationChannel } from '@cdktf/provider-google/lib/monitoring-notification-channel';
import { ProjectIamCustomRole } from '@cdktf/provider-google/lib/project-iam-custom-role';
import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { PubsubTopic } from '@cdktf/provider-google/lib/pubsub-topic';
import { PubsubTopicIamMember } from '@cdktf/provider-google/lib/pubsub-topic-iam-member';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { GcpStack } from '../../constructs/gcp-stack';
import { ThresholdBasis } from '../core/budget';
import type { BudgetSpec } from '../core/budget-spec';
import { fitName, pathHash } from '../core/naming';
import { StackShared } from '../core/stack-shared';
import { Trigger } from '../core/trigger';
import type { EnforcerSetup } from '../targets/load-budget-renderer';
import { gcpName } from './names';
import { GCP_FUNCTIONS } from './handles';
import { enabledApis, gcpStackOf, projectData } from './stack-services';

/** The service account Cloud Billing publishes budget notifications as. */
const BILLING_PUBLISHER = 'serviceAccount:billing-budget-alert@system.gserviceaccount.com';

function serviceName(guard: Construct, fn: EventDrivenFunction): string {
  const stack = gcpStackOf(guard);
  return `projects/${stack.project}/locations/${stack.region}/services/${fn.functionName}`;
}

/** The enforcer is fed by the budget's all-updates topic (its queue trigger) and learns what to stop and when. */
export function enforcerSetup(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[]): EnforcerSetup {
  return {
    environment: {
      CIRRUS_STOP_SERVICES: targets.map((t) => serviceName(guard, t)).join(','),
      CIRRUS_STOP_AT_PERCENT: String(spec.enforcementPercent ?? 100),
    },
    // Budget updates arrive several times a day; a failed stop is retried, then dead-lettered.
    triggers: [Trigger.queue({ batchSize: 1, maxDeliveryAttempts: 10, retentionDays: 1 })],
  };
}

function api(guard: Construct, name: string): ProjectService[] | undefined {
  return enabledApis(gcpStackOf(guard), name);
}

/**
 * The provider configuration the budget is created with: the Billing Budget
 * API "requires a quota project" when Terraform runs with user credentials
 * (gcloud application-default login), so requests name the stack's project as
 * their quota and billing project. The provider docs of google_billing_budget:
 * "If you are using User ADCs ... you must specify a billing_project and set
 * user_project_override to true in the provider configuration. Otherwise the
 * Billing Budgets API will return a 403 error." An alias used by the budget
 * only, so no other request of the stack changes its quota project; the
 * deployer needs serviceusage.services.use on the project.
 */
const BILLING_PROVIDER = new StackShared((stack: GcpStack) => new GoogleProvider(stack, 'CirrusBillingProvider', {
  alias: 'cirrus_billing',
  project: stack.project,
  region: stack.region,
  userProjectOverride: true,
  billingProject: stack.project,
}));

/**
 * A billing budget on the stack's project: threshold rules, email
 * notification channels and a Pub/Sub topic for all updates. With an
 * enforcer, that topic is the enforcer's queue, and a custom role with only
 * run.services.getIamPolicy / setIamPolicy is granted to the enforcer's
 * service account on each listed function's Cloud Run service.
 */
export function renderBudget(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[], enforcer?: EventDrivenFunction): void {
  const stack = gcpStackOf(guard);
  const topic = enforcer
    ? [...GCP_FUNCTIONS.of(enforcer).queueTopics.values()][0] // its one queue trigger
    : new PubsubTopic(guard, 'Topic', { name: gcpName(guard, 'gcpResource', 'budget'), dependsOn: api(guard, 'pubsub') });
  new PubsubTopicIamMember(guard, 'BillingPublisher', { topic: topic.name, role: 'roles/pubsub.publisher', member: BILLING_PUBLISHER });

  const channels = spec.notifyEmails.map((emailAddress, i) => new MonitoringNotificationChannel(guard, `EmailChannel${i + 1}`, {
    displayName: `Budget ${guard.node.path}: ${emailAddress}`,
    type: 'email',
    labels: { email_address: emailAddress },
    dependsOn: api(guard, 'monitoring'),
  }));

  if (enforcer) {
    const role = new ProjectIamCustomRole(guard, 'StopRole', {
      roleId: `cirrusBudgetStop_${pathHash(guard.node.path)}`,
      title: 'Cirrus budget enforcer',
      description: `Lets the budget enforcer of ${guard.node.path} remove invokers from Cloud Run services`,
      permissions: ['run.services.getIamPolicy', 'run.services.setIamPolicy'],
    });
    const account = GCP_FUNCTIONS.of(enforcer).serviceAccount;
    targets.forEach((t, i) => new CloudRunV2ServiceIamMember(guard, `Stop${i + 1}`, {
      project: stack.project,
      location: stack.region,
      name: t.functionName,
      role: role.name,
      member: account.member,
      dependsOn: [GCP_FUNCTIONS.of(t).fn],
    }));
  }

  const units = Math.floor(spec.monthlyLimitUsd);
  const budget = new BillingBudget(guard, 'Resource', {
    billingAccount: spec.billingAccountId!,
    displayName: fitName(`Cirrus ${guard.node.path}`, TEXT_LIMITS.gcp.budgetDisplayName),
    budgetFilter: { projects: [`projects/${projectData(stack).number}`], calendarPeriod: 'MONTH' },
    amount: { specifiedAmount: { currencyCode: 'USD', units: String(units), nanos: Math.round((spec.monthlyLimitUsd - units) * 1e9) } },
    thresholdRules: spec.thresholds.map((t) => ({
      thresholdPercent: t.percent / 100,
      spendBasis: t.basis === ThresholdBasis.ACTUAL ? 'CURRENT_SPEND' : 'FORECASTED_SPEND',
    })),
    allUpdatesRule: {
      pubsubTopic: topic.id,
      schemaVersion: '1.0',
      monitoringNotificationChannels: channels.length > 0 ? channels.map((c) => c.id) : undefined,
    },
    dependsOn: api(guard, 'billingbudgets'),
    provider: BILLING_PROVIDER.of(gcpStackOf(guard)),
  });
  guard.node.defaultChild = budget;
}
