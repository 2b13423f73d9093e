import { TerraformStack } from 'cdktf';
import { checkAzureStackProps } from '../lib/core/stack-props';
import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { AZURE_DATA_RESOURCE_TYPES } from '../lib/azure/data-resources';
import { CirrusValidationError, describeValue, ProblemCollector } from '../lib/core/errors';
import { A_BOOLEAN, A_STRING, checkTypes, isStruct, STRING_MAP } from '../lib/core/validation';
import { checkGrantedQuotas } from '../lib/core/quota-check';
import { AZURE_QUOTAS } from '../lib/core/quotas';
import { checkKeyVault } from '../lib/core/secrets';
import { preventDestroyOf } from '../lib/targets/data-protection';
import { checkQuotasAcrossStacks } from '../lib/targets/quota-usage';
import { requireWithProvider } from '../lib/targets/load-renderer';
import { markCloud } from '../lib/targets/resolve-target';

/**
 * Props of an AzureStack.
 */
export interface AzureStackProps {
  /** The Azure region, e.g. `westeurope`. */
  readonly location: string;
  /**
   * The resource group that holds everything in the stack.
   * @default `rg-<stack id>`
   */
  readonly resourceGroupName?: string;
  /**
   * Use an existing resource group of that name instead of creating one.
   * @default false
   */
  readonly useExistingResourceGroup?: boolean;
  /**
   * The subscription to deploy to.
   * @default - the azurerm provider's own configuration (ARM_SUBSCRIPTION_ID)
   */
  readonly subscriptionId?: string;
  /**
   * Tags applied to every resource Cirrus creates in the stack.
   * @default - none
   */
  readonly tags?: { [key: string]: string };
  /**
   * Keep every resource of the stack that holds data (storage accounts and
   * containers, Service Bus namespace, queues, topics and subscriptions, Log
   * Analytics workspace, Application Insights) from being destroyed: each
   * gets `lifecycle { prevent_destroy = true }`, so a `terraform destroy`,
   * or a change that would replace one, fails instead of deleting messages,
   * objects or logs. Set it to false and apply before tearing the stack down
   * on purpose.
   * @default false
   */
  readonly protectData?: boolean;
  /**
   * Quota values granted to the subscription above the defaults, by quota id
   * (see the README's "Big systems / quotas"): Cirrus adds up what all the
   * app's stacks of the subscription create and fails at synth when a quota
   * would be exceeded; declare an increase the cloud has granted here, e.g.
   * `{ 'azure.storage.accounts': 400 }`. Hard limits cannot be declared.
   * @default - the cloud's default quotas
   */
  readonly grantedQuotas?: { [quotaId: string]: number };
  /**
   * The Key Vault that holds the secrets of the stack's functions
   * (`SecretRef.fromName(name)` on Azure): each secret's own `keyVaultName`
   * overrides it. The vault must use Azure RBAC authorization.
   * @default - none: every SecretRef on Azure must name its vault
   */
  readonly keyVaultName?: string;
  /**
   * The resource group of `keyVaultName`.
   * @default - the stack's resource group
   */
  readonly keyVaultResourceGroupName?: string;
}

/**
 * A cdktf TerraformStack for Azure: the azurerm provider and a resource group
 * (created, or an existing one by name). Place Cirrus constructs in it to
 * render them for Azure.
 */
export class AzureStack extends TerraformStack {
  /** The cloud: always CloudProvider.AZURE. */
  public readonly provider = CloudProvider.AZURE;

  /** The Azure region. */
  public readonly location: string;

  /** The resource group's name, as a reference to it, so resources are created after it. */
  public readonly resourceGroupName: string;

  /** The resource group's id (a reference). */
  public readonly resourceGroupId: string;

  /** Tags applied to every resource. */
  public readonly tags: { [key: string]: string };

  /** Whether the stack's data-holding resources carry `prevent_destroy`. */
  public readonly protectData: boolean;

  /** The Key Vault of the stack's secrets, if one is given. */
  public readonly keyVaultName?: string;

  /** The subscription, when the stack names one (otherwise Terraform's credentials decide it). */
  public readonly subscriptionId?: string;

  /** The resource group of `keyVaultName`, if it is not the stack's. */
  public readonly keyVaultResourceGroupName?: string;

  /**
   * @param scope a cdktf App
   * @param id the stack id
   * @param props location, resource group, tags
   */
  constructor(scope: Construct, id: string, props: AzureStackProps) {
    super(scope, id);
    markCloud(this, CloudProvider.AZURE);
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with location, e.g. { location: "westeurope" } (got ${describeValue(props)})`]);
    }
    const problems = new ProblemCollector();
    checkTypes(problems, props, { subscriptionId: A_STRING, tags: STRING_MAP, useExistingResourceGroup: A_BOOLEAN, protectData: A_BOOLEAN });
    const rgName = checkAzureStackProps(problems, id, props);
    const grantedQuotas = checkGrantedQuotas(problems, props.grantedQuotas, AZURE_QUOTAS);
    checkKeyVault(problems, '', props.keyVaultName, props.keyVaultResourceGroupName);
    if (props.keyVaultResourceGroupName !== undefined && props.keyVaultName === undefined) {
      problems.add('keyVaultResourceGroupName is given without keyVaultName: name the vault too');
    }
    problems.throwIfAny(this.node.path);
    this.location = props.location;
    this.subscriptionId = props.subscriptionId;
    // Quotas count per subscription: without subscriptionId, the stacks of the app are counted together.
    checkQuotasAcrossStacks(this, 'azure', { account: props.subscriptionId, region: props.location, grantedQuotas });
    this.keyVaultName = props.keyVaultName;
    this.keyVaultResourceGroupName = props.keyVaultResourceGroupName;
    this.tags = { ...(props.tags ?? {}) };
    this.protectData = props.protectData ?? false;
    if (this.protectData) {
      preventDestroyOf(this, AZURE_DATA_RESOURCE_TYPES);
    }

    const { AzurermProvider } = requireWithProvider(CloudProvider.AZURE, this.node.path,
      () => require('@cdktf/provider-azurerm/lib/provider') as typeof import('@cdktf/provider-azurerm/lib/provider'));
    new AzurermProvider(this, 'azurerm', {
      features: [{}],
      subscriptionId: props.subscriptionId,
      storageUseAzuread: true,
    });
    if (props.useExistingResourceGroup) {
      const { DataAzurermResourceGroup } = require('@cdktf/provider-azurerm/lib/data-azurerm-resource-group') as typeof import('@cdktf/provider-azurerm/lib/data-azurerm-resource-group');
      const rg = new DataAzurermResourceGroup(this, 'ResourceGroup', { name: rgName });
      this.resourceGroupName = rg.name;
      this.resourceGroupId = rg.id;
    } else {
      const { ResourceGroup } = require('@cdktf/provider-azurerm/lib/resource-group') as typeof import('@cdktf/provider-azurerm/lib/resource-group');
      const rg = new ResourceGroup(this, 'ResourceGroup', { name: rgName, location: props.location, tags: this.tags });
      this.resourceGroupName = rg.name;
      this.resourceGroupId = rg.id;
    }
  }
}
