import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import type { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import { ThresholdBasis } from '../core/budget';
import type { BudgetSpec } from '../core/budget-spec';
import { HttpAuth, HttpMethod } from '../core/http';
import { deriveName, NAME_RULES } from '../core/naming';
import { Trigger } from '../core/trigger';
import type { EnforcerSetup } from '../targets/load-budget-renderer';
import { AZURE_FUNCTIONS } from './handles';
import { azureStackOf } from './stack-context';

/** The route the action group's webhook calls on the enforcer. */
const ENFORCER_ROUTE = '/budget-alert';

function appOf(fn: EventDrivenFunction): FunctionAppFlexConsumption {
  return AZURE_FUNCTIONS.of(fn).app;
}

/** The budget's name, known at synth time (the enforcer reads the budget by id). */
function budgetName(guard: Construct): string {
  return deriveName(guard.node.path.split('/'), NAME_RULES.azureResource, 'budget');
}

/**
 * The enforcer gets the ids of the apps to stop, the budget's id and the stop percentage, and
 * an HTTP trigger for the action group's webhook without a key: a function key would sit in
 * plain text in the action group and in Terraform state (an action group stores the URL with
 * `?code=<key>`, learn.microsoft.com/azure/azure-monitor/alerts/action-groups, "Functions").
 * Instead the enforcer checks the budget's spend itself before it stops anything.
 */
export function enforcerSetup(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[]): EnforcerSetup {
  const stack = azureStackOf(guard);
  return {
    environment: {
      CIRRUS_STOP_APP_IDS: targets.map((t) => appOf(t).id).join(','),
      CIRRUS_BUDGET_ID: `${stack.resourceGroupId}/providers/Microsoft.Consumption/budgets/${budgetName(guard)}`,
      CIRRUS_STOP_AT_PERCENT: String(spec.enforcementPercent ?? 100),
    },
    triggers: [Trigger.http({ path: ENFORCER_ROUTE, methods: [HttpMethod.POST], auth: HttpAuth.PUBLIC })],
  };
}

/**
 * A consumption budget on the stack's resource group, notifying emails and an
 * action group at each threshold. With an enforcer: a second action group
 * whose webhook (no key) calls it at the stop threshold, a custom role
 * holding only `Microsoft.Web/sites/stop/action`, assigned to the enforcer's
 * identity on each listed app, and one holding only
 * `Microsoft.Consumption/budgets/read`, on the resource group.
 */
export function renderBudget(guard: Construct, spec: BudgetSpec, targets: EventDrivenFunction[], enforcer?: EventDrivenFunction): void {
  const stack = azureStackOf(guard);
  const path = guard.node.path.split('/');
  const alerts = new MonitorActionGroup(guard, 'ActionGroup', {
    name: deriveName(path, NAME_RULES.azureResource, 'alerts'),
    resourceGroupName: stack.resourceGroupName,
    location: 'global',
    shortName: 'cirrusbudget',
    emailReceiver: spec.notifyEmails.map((emailAddress, i) => ({ name: `email${i + 1}`, emailAddress, useCommonAlertSchema: true })),
    tags: stack.tags,
  });

  let enforcement: MonitorActionGroup | undefined;
  if (enforcer && spec.enforcementPercent !== undefined) {
    const app = appOf(enforcer);
    enforcement = new MonitorActionGroup(guard, 'EnforcementActionGroup', {
      name: deriveName(path, NAME_RULES.azureResource, 'enforce'),
      resourceGroupName: stack.resourceGroupName,
      location: 'global',
      shortName: 'cirrusstop',
      webhookReceiver: [{
        name: 'enforcer',
        serviceUri: `https://${app.defaultHostname}${ENFORCER_ROUTE}`,
        useCommonAlertSchema: true,
      }],
      tags: stack.tags,
    });
    const role = new RoleDefinition(guard, 'StopRole', {
      name: deriveName(path, NAME_RULES.azureResource, 'stop-function-apps'),
      scope: stack.resourceGroupId,
      description: `Lets the budget enforcer of ${guard.node.path} stop function apps, and nothing else`,
      permissions: [{ actions: ['Microsoft.Web/sites/stop/action', 'Microsoft.Web/sites/read'] }],
      assignableScopes: [stack.resourceGroupId],
    });
    const identity = AZURE_FUNCTIONS.of(enforcer).identity;
    targets.forEach((t, i) => new RoleAssignment(guard, `Stop${i + 1}`, {
      scope: appOf(t).id,
      roleDefinitionId: role.roleDefinitionResourceId,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    }));
    // Reading the budget's spend: Cost Management checks budgets/read on the budget's scope, the resource group.
    const reader = new RoleDefinition(guard, 'BudgetReadRole', {
      name: deriveName(path, NAME_RULES.azureResource, 'read-budgets'),
      scope: stack.resourceGroupId,
      description: `Lets the budget enforcer of ${guard.node.path} read the spend of the resource group's budgets, and nothing else`,
      permissions: [{ actions: ['Microsoft.Consumption/budgets/read'] }],
      assignableScopes: [stack.resourceGroupId],
    });
    new RoleAssignment(guard, 'BudgetReader', {
      scope: stack.resourceGroupId,
      roleDefinitionId: reader.roleDefinitionResourceId,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    });
  }

  const groupsFor = (basis: ThresholdBasis, percent: number) =>
    enforcement && basis === ThresholdBasis.ACTUAL && percent === spec.enforcementPercent ? [alerts.id, enforcement.id] : [alerts.id];
  const notification = spec.thresholds.map((t) => ({
    enabled: true,
    threshold: t.percent,
    operator: 'GreaterThanOrEqualTo',
    thresholdType: t.basis === ThresholdBasis.ACTUAL ? 'Actual' : 'Forecasted',
    contactEmails: spec.notifyEmails.length > 0 ? spec.notifyEmails : undefined,
    contactGroups: groupsFor(t.basis, t.percent),
  }));
  if (enforcement && !spec.thresholds.some((t) => t.basis === ThresholdBasis.ACTUAL && t.percent === spec.enforcementPercent)) {
    notification.push({
      enabled: true, threshold: spec.enforcementPercent!, operator: 'GreaterThanOrEqualTo', thresholdType: 'Actual',
      contactEmails: undefined, contactGroups: [enforcement.id],
    });
  }

  const budget = new ConsumptionBudgetResourceGroup(guard, 'Resource', {
    name: budgetName(guard),
    resourceGroupId: stack.resourceGroupId,
    amount: spec.monthlyLimitUsd,
    timeGrain: 'Monthly',
    // Budgets start on the first of a month; the start is fixed at creation and not updated afterwards.
    timePeriod: { startDate: Fn.formatdate("YYYY-MM-01'T'00:00:00Z", Fn.timestamp()) },
    notification,
    lifecycle: { ignoreChanges: ['time_period'] },
  });
  guard.node.defaultChild = budget;
}
