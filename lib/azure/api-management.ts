import { ApiManagement } from '@cdktf/provider-azurerm/lib/api-management';
import { TEXT_LIMITS } from '../core/text-limits';
import { ApiManagementApi } from '@cdktf/provider-azurerm/lib/api-management-api';
import { ApiManagementApiOperation } from '@cdktf/provider-azurerm/lib/api-management-api-operation';
import { ApiManagementApiOperationPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-operation-policy';
import { ApiManagementApiPolicy } from '@cdktf/provider-azurerm/lib/api-management-api-policy';
import { ApiManagementBackend } from '@cdktf/provider-azurerm/lib/api-management-backend';
import { ApiManagementNamedValue } from '@cdktf/provider-azurerm/lib/api-management-named-value';
import { DataAzurermKeyVault } from '@cdktf/provider-azurerm/lib/data-azurerm-key-vault';
import { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import type { FunctionSpec, HttpTriggerSpec } from '../core/function-spec';
import { HttpAuth } from '../core/http';
import { azureUrlTemplate, explicitMethods, HttpApiSpec, pathParameters } from '../core/http-api-spec';
import { deriveName, fitName, NAME_RULES } from '../core/naming';
import type { RenderedHttpApi } from '../targets/load-http-api-renderer';
import { AZURE_FUNCTIONS } from './handles';
import { azureStackOf, globalName } from './stack-context';
import { TerraformData } from './terraform-data';

/**
 * The serverless tier: billed per call, no hourly fee
 * (https://learn.microsoft.com/azure/api-management/api-management-features). Its
 * limits per service (https://learn.microsoft.com/azure/api-management/service-limits,
 * 2026 update): 3,000 API operations, 5,000 named values; no developer portal, no
 * built-in cache, no rate-limit-by-key (https://learn.microsoft.com/azure/api-management/rate-limit-by-key-policy).
 */
const SKU = 'Consumption_0';

/** The header the Functions host reads a function key from (https://learn.microsoft.com/azure/azure-functions/function-keys-how-to). */
const FUNCTION_KEY_HEADER = 'x-functions-key';

/** The function key APIM holds for each backend (a key of its own, so it can be revoked alone). */
const KEY_NAME = 'cirrus-apim';

/** Built-in role that reads secret contents, nothing else. */
const SECRETS_USER = 'Key Vault Secrets User';

/** A policy document around inbound statements. */
function policy(inbound: string): string {
  return `<policies><inbound><base />${inbound}</inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>`;
}

/**
 * An HttpApi on Azure: API Management in the Consumption tier with one API
 * (at the gateway's root path) and one operation per route and method, each
 * sent to its function app by `set-backend-service`. APIM calls a function
 * with a function key of its own, created by a deployment step straight into
 * the AzureStack's Key Vault and read by APIM's system-assigned identity
 * through a Key Vault named value: the key is never in Terraform
 * configuration or state. PRIVATE: a subscription key (`Ocp-Apim-Subscription-Key`).
 */
class AzureApiManagement implements RenderedHttpApi {
  public readonly resource: ApiManagement;
  public readonly url: string;
  private readonly api: ApiManagementApi;
  private readonly vault: DataAzurermKeyVault;
  private readonly backends = new Map<string, string>();

  constructor(private readonly scope: Construct, spec: HttpApiSpec) {
    const stack = azureStackOf(scope);
    // buildHttpApiSpec requires the stack's vault on Azure (lib/core/http-api-spec.ts).
    const vaultName = stack.keyVaultName!;
    const path = scope.node.path.split('/');
    this.resource = new ApiManagement(scope, 'Resource', {
      name: globalName(scope, path, NAME_RULES.azureApiManagement, stack.location),
      location: stack.location,
      resourceGroupName: stack.resourceGroupName,
      tags: stack.tags,
      publisherName: fitName(spec.constructPath, TEXT_LIMITS.azure.apiPublisherName),
      publisherEmail: spec.contactEmail!,
      skuName: SKU,
      identity: { type: 'SystemAssigned' },
      // TLS 1.2 and later only, on both sides (the defaults of azurerm 4, stated).
      security: {
        frontendTls10Enabled: false,
        frontendTls11Enabled: false,
        backendTls10Enabled: false,
        backendTls11Enabled: false,
      },
    });
    this.api = new ApiManagementApi(scope, 'Api', {
      name: 'cirrus',
      resourceGroupName: stack.resourceGroupName,
      apiManagementName: this.resource.name,
      revision: '1',
      displayName: fitName(spec.constructPath, TEXT_LIMITS.azure.apiDisplayName),
      path: '',
      protocols: ['https'],
      subscriptionRequired: spec.auth === HttpAuth.PRIVATE,
    });
    const inbound = [
      spec.corsAllowedOrigins.length > 0
        ? `<cors allow-credentials="false"><allowed-origins>${spec.corsAllowedOrigins.map((o) => `<origin>${o}</origin>`).join('')}</allowed-origins>`
          + '<allowed-methods preflight-result-max-age="3600"><method>*</method></allowed-methods><allowed-headers><header>*</header></allowed-headers></cors>'
        : '',
      // Per subscription key: https://learn.microsoft.com/azure/api-management/rate-limit-policy (no burst: see the README).
      spec.throttle ? `<rate-limit calls="${spec.throttle.ratePerSecond}" renewal-period="1" />` : '',
    ].join('');
    new ApiManagementApiPolicy(scope, 'Policy', {
      apiName: this.api.name,
      apiManagementName: this.resource.name,
      resourceGroupName: stack.resourceGroupName,
      xmlContent: policy(inbound),
    });
    this.vault = new DataAzurermKeyVault(scope, 'KeyVault', {
      name: vaultName,
      resourceGroupName: stack.keyVaultResourceGroupName ?? stack.resourceGroupName,
      lifecycle: {
        postcondition: [{
          condition: '${self.enable_rbac_authorization == true || self.rbac_authorization_enabled == true}',
          errorMessage: `Key Vault ${stack.keyVaultName} uses access policies; ${spec.constructPath} grants API Management "${SECRETS_USER}" on its backend keys, which needs Azure RBAC authorization on the vault.`,
        }],
      },
    });
    this.url = this.resource.gatewayUrl;
    new TerraformOutput(scope, 'Url', { value: this.url, description: `Base URL of ${spec.constructPath}` });
  }

  public addRoutes(fn: Construct, _spec: FunctionSpec, triggers: HttpTriggerSpec[]): void {
    const backend = this.backendFor(fn);
    const stack = azureStackOf(this.scope);
    const fnPath = fn.node.path.split('/');
    const prefix = fnPath.slice(1).join('').replace(/[^A-Za-z0-9]/g, '');
    for (const t of triggers) {
      for (const method of explicitMethods(t.methods)) {
        const operationId = deriveName([...fnPath, t.id], NAME_RULES.azureResource, method.toLowerCase());
        const operation = new ApiManagementApiOperation(this.scope, `${prefix}${t.id}${method}`, {
          operationId,
          apiName: this.api.name,
          apiManagementName: this.resource.name,
          resourceGroupName: stack.resourceGroupName,
          displayName: fitName(`${method} ${t.path} (${fn.node.path})`, TEXT_LIMITS.azure.apiDisplayName),
          method,
          urlTemplate: azureUrlTemplate(t.path),
          templateParameter: pathParameters(t.path).filter((p) => !p.greedy).map((p) => ({ name: p.name, required: true, type: 'string' })),
        });
        new ApiManagementApiOperationPolicy(this.scope, `${prefix}${t.id}${method}Policy`, {
          apiName: this.api.name,
          apiManagementName: this.resource.name,
          resourceGroupName: stack.resourceGroupName,
          operationId: operation.operationId,
          xmlContent: policy(`<set-backend-service backend-id="${backend}" />`),
        });
      }
    }
  }

  /**
   * The backend of a function app, created on its first route: the key step,
   * APIM's read access to that one secret, the named value and the backend.
   */
  private backendFor(fn: Construct): string {
    const existing = this.backends.get(fn.node.path);
    if (existing) {
      return existing;
    }
    const stack = azureStackOf(this.scope);
    const { app, deployment } = AZURE_FUNCTIONS.of(fn);
    const fnPath = fn.node.path.split('/');
    const prefix = fnPath.slice(1).join('').replace(/[^A-Za-z0-9]/g, '');
    const secretName = deriveName(fnPath, NAME_RULES.azureResource, 'apim-key');
    // A key of its own for APIM, generated by the Functions host and written straight into the vault:
    // the value passes through the deploying shell only, never through Terraform.
    const keyStep = new TerraformData(this.scope, `${prefix}KeyToVault`, {
      triggersReplace: { app: app.id, secret: secretName },
      // After the code deployment, so the host that keeps the keys is running.
      dependsOn: [app, deployment],
      command: `az keyvault secret set --vault-name ${stack.keyVaultName} --name ${secretName} --output none --value "$(az functionapp keys set `
        + `--resource-group ${stack.resourceGroupName} --name ${app.name} --key-type functionKeys --key-name ${KEY_NAME} --query value --output tsv)"`,
    });
    const reader = new RoleAssignment(this.scope, `${prefix}KeyReader`, {
      scope: `${this.vault.id}/secrets/${secretName}`,
      roleDefinitionName: SECRETS_USER,
      principalId: this.resource.identity.principalId,
      principalType: 'ServicePrincipal',
      dependsOn: [keyStep],
    });
    const namedValue = new ApiManagementNamedValue(this.scope, `${prefix}Key`, {
      name: secretName,
      displayName: secretName,
      apiManagementName: this.resource.name,
      resourceGroupName: stack.resourceGroupName,
      secret: true,
      // The versionless id: APIM follows a rotated key (https://learn.microsoft.com/azure/api-management/api-management-howto-properties#key-vault-secrets).
      valueFromKeyVault: { secretId: `${this.vault.vaultUri}secrets/${secretName}` },
      dependsOn: [reader],
    });
    const name = deriveName(fnPath, NAME_RULES.azureResource, 'backend');
    new ApiManagementBackend(this.scope, `${prefix}Backend`, {
      name,
      apiManagementName: this.resource.name,
      resourceGroupName: stack.resourceGroupName,
      protocol: 'http',
      url: `https://${app.defaultHostname}`,
      resourceId: `https://management.azure.com${app.id}`,
      description: fitName(`Function app of ${fn.node.path}`, TEXT_LIMITS.azure.apiBackendDescription),
      credentials: { header: { [FUNCTION_KEY_HEADER]: `{{${secretName}}}` } },
      tls: { validateCertificateChain: true, validateCertificateName: true },
      dependsOn: [namedValue],
    });
    this.backends.set(fn.node.path, name);
    return name;
  }
}

/** Renders an HttpApi as Azure API Management (Consumption) with cdktf. */
export function renderHttpApi(scope: Construct, spec: HttpApiSpec): RenderedHttpApi {
  return new AzureApiManagement(scope, spec);
}
