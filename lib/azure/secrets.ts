import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { SecretSpec } from '../core/secrets';
import { AZURE_FUNCTIONS } from './handles';
import { azureStackOf } from './stack-context';
import { TerraformData } from './terraform-data';
import { isUnresolved } from '../core/tokens';

/** Built-in role that reads secret contents, nothing else. */
const SECRETS_USER = 'Key Vault Secrets User';

/** The App Service API version that knows Flex Consumption sites and keyVaultReferenceIdentity. */
const WEB_API_VERSION = '2023-12-01';

/**
 * Each secret: an app setting `<KEY>` holding a Key Vault reference
 * (`@Microsoft.KeyVault(VaultName=...;SecretName=...)`, always the latest
 * version), which the platform resolves into the variable at run time, and
 * "Key Vault Secrets User" for the function's identity on that secret only.
 * The vault is read (its id, never a secret) and must use Azure RBAC.
 *
 * Key Vault references use the app's system-assigned identity unless the
 * site's keyVaultReferenceIdentity names another; azurerm 4.55's Flex
 * Consumption resource cannot set it, so a terraform_data step sets it to
 * the function's user-assigned identity with the Azure CLI (like the code
 * deployment), once the roles exist.
 */
export function renderSecrets(fn: EventDrivenFunction, secrets: SecretSpec[]): void {
  const stack = azureStackOf(fn);
  const { app, identity } = AZURE_FUNCTIONS.of(fn);
  const vaults = new Map<string, DataAzurermKeyVault>();
  const grants: RoleAssignment[] = [];
  for (const s of secrets) {
    const vaultName = s.keyVaultName!;
    let vault = vaults.get(vaultName);
    if (!vault) {
      // A vault name given as a token cannot be part of a construct id: number those vaults instead.
      const vaultId = isUnresolved(vaultName) ? `KeyVault_Unresolved${vaults.size + 1}` : `KeyVault_${vaultName.replace(/-/g, '_')}`;
      vault = new DataAzurermKeyVault(fn, vaultId, {
        name: vaultName,
        resourceGroupName: s.keyVaultResourceGroupName ?? stack.resourceGroupName,
        lifecycle: {
          postcondition: [{
            condition: '${self.enable_rbac_authorization == true || self.rbac_authorization_enabled == true}',
            errorMessage: `Key Vault ${vaultName} uses access policies; ${fn.node.path} is granted "${SECRETS_USER}" on its secrets, which needs Azure RBAC authorization on the vault.`,
          }],
        },
      });
      vaults.set(vaultName, vault);
    }
    grants.push(new RoleAssignment(fn, `${s.key}SecretReader`, {
      scope: `${vault.id}/secrets/${s.secretName}`,
      roleDefinitionName: SECRETS_USER,
      principalId: identity.principalId,
      principalType: 'ServicePrincipal',
    }));
    fn.addEnvironment(s.environmentName, `@Microsoft.KeyVault(VaultName=${vaultName};SecretName=${s.secretName})`);
  }
  new TerraformData(fn, 'KeyVaultReferenceIdentity', {
    triggersReplace: { app: app.id, identity: identity.id },
    dependsOn: [app, ...grants],
    command: `az rest --method patch --url "${app.id}?api-version=${WEB_API_VERSION}" `
      + `--body '{"properties":{"keyVaultReferenceIdentity":"${identity.id}"}}'`,
  });
}
