import { ConsumptionBudgetResourceGroup } from '@cdktf/provider-azurerm/lib/consumption-budget-resource-group';
import { DataAzurermFunctionAppHostKeys } from '@cdktf/provider-azurerm/lib/data-azurerm-function-app-host-keys';
import { FunctionAppFlexConsumption } from '@cdktf/provider-azurerm/lib/function-app-flex-consumption';
import { MonitorActionGroup } from '@cdktf/provider-azurerm/lib/monitor-action-group';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { RoleDefinition } from '@cdktf/provider-azurerm/lib/role-definition';
import { UserAssignedIdentity } from '@cdktf/provider-azurerm/lib/user-assigned-identity';
import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import { ThresholdBasis } from '../core/budget';
import type { BudgetSpec } from '../core/budget-spec';
import { HttpAuth, HttpMethod } from '../core/http';
import { deriveName, NAME_RULES } from '../core/naming';
import { Trigger } from '../core/trigger';
import type { EnforcerSetup } from '../targets/load-budget-renderer';
import { azureStackOf } from './stack-context';

/** The route the action group's webhook calls on the enforcer. */
const ENFORCER_ROUTE = '/budget-alert';

function appOf(fn: EventDrivenFunction): FunctionAppFlexConsumption {
  return fn.node.defaultChild as FunctionAppFlexConsumption;
}

/** The enforcer gets the ids of the apps to stop, and an HTTP trigger (function key) for the action group's webhook. */
export function enforcerSetup(_guard: Construct, _spec: BudgetSpec, targets: EventDrivenFunction[]): EnforcerSetup {
  return {
    environment: { CIRRUS_STOP_APP_IDS: targets.map((t) => appOf(t).id).join(',') },
    triggers: [Trigger.http({ path: ENFORCER_ROUTE, methods: [HttpMethod.POST], auth: HttpAuth.PRIVATE })],
  };
}

/**
 * A consumption budget on the stack's resource group, notifying emails and an
 * action group at each threshold. With an enforcer: a second action group
 * whose webhook calls it at the stop threshold, and a custom role holding
 * only `Microsoft.Web/sites/stop/action`, assigned to the enforcer's identity
 * on each listed app.
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
    const keys = new DataAzurermFunctionAppHostKeys(guard, 'EnforcerKeys', {
      name: enforcer.functionName,
      resourceGroupName: stack.resourceGroupName,
      dependsOn: [app],
    });
    enforcement = new MonitorActionGroup(guard, 'EnforcementActionGroup', {
      name: deriveName(path, NAME_RULES.azureResource, 'enforce'),
      resourceGroupName: stack.resourceGroupName,
      location: 'global',
      shortName: 'cirrusstop',
      webhookReceiver: [{
        name: 'enforcer',
        serviceUri: `https://${app.defaultHostname}${ENFORCER_ROUTE}?code=${keys.defaultFunctionKey}`,
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
    const identity = enforcer.node.findChild('Identity') as UserAssignedIdentity;
    targets.forEach((t, i) => new RoleAssignment(guard, `Stop${i + 1}`, {
      scope: appOf(t).id,
      roleDefinitionId: role.roleDefinitionResourceId,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    }));
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
    name: deriveName(path, NAME_RULES.azureResource, 'budget'),
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
