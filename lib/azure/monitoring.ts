import { ApplicationInsights } from '@cdktf/provider-azurerm/lib/application-insights';
import { LogAnalyticsWorkspace } from '@cdktf/provider-azurerm/lib/log-analytics-workspace';
import { Construct } from 'constructs';
import type { AzureStack } from '../../constructs/azure-stack';
import { deriveName, NAME_RULES } from '../core/naming';
import { StackSharedPerKey } from '../core/stack-shared';
import { azureStackOf } from './stack-context';

/**
 * The stack's Log Analytics workspace for one retention period: functions
 * that keep logs equally long share it.
 */
const WORKSPACES = new StackSharedPerKey((stack: AzureStack, retentionDays: number) => new LogAnalyticsWorkspace(stack, `CirrusLogs${retentionDays}d`, {
  name: deriveName(stack.node.path.split('/'), NAME_RULES.azureResource, `logs-${retentionDays}d`),
  location: stack.location,
  resourceGroupName: stack.resourceGroupName,
  sku: 'PerGB2018',
  retentionInDays: retentionDays,
  localAuthenticationEnabled: false,
  tags: stack.tags,
}));

/** The workspace of the scope's stack for this retention period, created on first use. */
export function workspaceFor(scope: Construct, retentionDays: number): LogAnalyticsWorkspace {
  return WORKSPACES.of(azureStackOf(scope), retentionDays);
}

/** Application Insights for one function, workspace-based, accepting only Entra ID (identity) ingestion. */
export function insightsFor(scope: Construct, name: string, workspace: LogAnalyticsWorkspace, location: string, resourceGroupName: string, tags: { [k: string]: string }): ApplicationInsights {
  return new ApplicationInsights(scope, 'Insights', {
    name,
    location,
    resourceGroupName,
    applicationType: 'web',
    workspaceId: workspace.id,
    localAuthenticationDisabled: true,
    tags,
  });
}
