import { DataAzurermClientConfig } from '@cdktf/provider-azurerm/lib/data-azurerm-client-config';
import { Fn, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import type { AzureStack } from '../../constructs/azure-stack';
import { CloudProvider } from '../core/cloud-provider';
import { isCirrusStack } from '../targets/resolve-target';
import { deriveName, NAME_HASH_LENGTH, nameSeed, NameRule, pathHash } from '../core/naming';
import { StackShared } from '../core/stack-shared';

/** The AzureStack holding a scope, with its location, resource group and tags. */
export function azureStackOf(scope: IConstruct): AzureStack {
  const stack: IConstruct = TerraformStack.of(scope);
  if (!isAzureStack(stack)) {
    throw new Error(`${scope.node.path} is not in an AzureStack`); // resolveTarget checked it: a bug in Cirrus
  }
  return stack;
}

function isAzureStack(stack: IConstruct): stack is AzureStack {
  return isCirrusStack(stack, CloudProvider.AZURE);
}

/** Role definition names used by Cirrus on Azure (built-in roles). */
export const AZURE_ROLES = {
  storageBlobDataOwner: 'Storage Blob Data Owner',
  storageTableDataContributor: 'Storage Table Data Contributor',
  monitoringMetricsPublisher: 'Monitoring Metrics Publisher',
  serviceBusDataReceiver: 'Azure Service Bus Data Receiver',
  serviceBusDataSender: 'Azure Service Bus Data Sender',
};

/** The credentials Terraform runs with, read once per stack: their subscription makes global names unique per subscription. */
const CLIENT_CONFIG = new StackShared((stack: AzureStack) => new DataAzurermClientConfig(stack, 'CirrusClientConfig', {}));

/**
 * A name for a resource whose name is global on Azure (storage accounts,
 * function apps' `<name>.azurewebsites.net`, Service Bus namespaces:
 * "global" scope in learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules).
 * It ends in a hash that Terraform computes from the subscription, the
 * location and the construct path, so the same stack deployed to another
 * subscription or region (a second environment, a copy of an example) gets
 * other names, and the same one gets the same names on every plan:
 * `substr(sha1(join("/", [<subscription id>, <location>, <hash of the path>])), 0, 8)`, lowercase hex,
 * valid in each of these names.
 */
export function globalName(scope: IConstruct, pathComponents: string[], rule: NameRule, location: string, suffix = ''): string {
  // The path enters as its hash: construct ids may hold quotes or any Unicode, a Terraform string may not.
  const seed = Fn.join('/', [CLIENT_CONFIG.of(azureStackOf(scope)).subscriptionId, location, pathHash(nameSeed(pathComponents, suffix), 16)]);
  return deriveName(pathComponents, rule, suffix, Fn.substr(Fn.sha1(seed), 0, NAME_HASH_LENGTH));
}
