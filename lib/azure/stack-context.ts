import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import type { AzureStack } from '../../constructs/azure-stack';

/** The AzureStack holding a scope, with its location, resource group and tags. */
export function azureStackOf(scope: IConstruct): AzureStack {
  return TerraformStack.of(scope) as unknown as AzureStack;
}

/**
 * Returns the stack-level construct with this id, creating it on first use,
 * so resources shared by the stack's functions exist once.
 */
export function sharedOnStack<T extends Construct>(scope: IConstruct, id: string, create: (stack: AzureStack) => T): T {
  const stack = azureStackOf(scope);
  return (stack.node.tryFindChild(id) as T | undefined) ?? create(stack);
}

/** Role definition names used by Cirrus on Azure (built-in roles). */
export const AZURE_ROLES = {
  storageBlobDataOwner: 'Storage Blob Data Owner',
  storageTableDataContributor: 'Storage Table Data Contributor',
  monitoringMetricsPublisher: 'Monitoring Metrics Publisher',
  serviceBusDataReceiver: 'Azure Service Bus Data Receiver',
  serviceBusDataSender: 'Azure Service Bus Data Sender',
};
