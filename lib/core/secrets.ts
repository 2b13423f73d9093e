import { CLOUD_LABEL, CloudProvider } from './cloud-provider';
import { describeValue, ProblemCollector } from './errors';
import { isReservedName, LIMITS } from './limits';
import { isUnresolved } from './tokens';
import { A_STRING, checkType, isStruct, markKind } from './validation';

/**
 * Where a secret lives besides its name, for clouds that need more.
 */
export interface SecretRefOptions {
  /**
   * Azure: the Key Vault that holds the secret, when not the AzureStack's
   * `keyVaultName`. AWS and GCP keep one secret store per account or
   * project and do not read it, so one declaration serves every cloud.
   * @default - the AzureStack's keyVaultName (an error on Azure if neither is given)
   */
  readonly keyVaultName?: string;
  /**
   * Azure: the resource group of the Key Vault.
   * @default - the AzureStack's keyVaultResourceGroupName, else the stack's resource group
   */
  readonly keyVaultResourceGroupName?: string;
}

/**
 * A secret the function reads at run time, referenced by name: the value
 * never passes through Cirrus or the synthesized output.
 */
export class SecretRef {
  /**
   * A secret by name: an AWS Secrets Manager secret name, an Azure Key
   * Vault secret name (with `keyVaultName`), or a GCP Secret Manager secret
   * id in the stack's project.
   *
   * @param name the secret's name
   * @param options the Key Vault on Azure
   */
  public static fromName(name: string, options?: SecretRefOptions): SecretRef {
    return new SecretRef(name, options ?? {});
  }

  /** The secret's name in the cloud's secret store. */
  public readonly secretName: string;

  /** Azure: the Key Vault that holds the secret. */
  public readonly keyVaultName?: string;

  /** Azure: the Key Vault's resource group (default: the stack's). */
  public readonly keyVaultResourceGroupName?: string;

  /**
   * The options as given when they are not an object, for the function to report.
   * @internal
   */
  public readonly _invalidOptions?: unknown;

  private constructor(name: string, options: SecretRefOptions) {
    this.secretName = name;
    const valid = isStruct(options);
    this.keyVaultName = valid ? options.keyVaultName : undefined;
    this.keyVaultResourceGroupName = valid ? options.keyVaultResourceGroupName : undefined;
    this._invalidOptions = valid ? undefined : options;
  }
}

/** One secret of a function, validated for one cloud. */
export interface SecretSpec {
  /** The key in `secrets`: the variable the value (Azure, GCP) or the reference (AWS) arrives in. */
  readonly key: string;
  /** The secret's name in the cloud's store. */
  readonly secretName: string;
  /** The environment variable Cirrus sets: `<KEY>_SECRET_ARN` on AWS, `<KEY>` elsewhere. */
  readonly environmentName: string;
  /** Azure only. */
  readonly keyVaultName?: string;
  /** Azure only; undefined means the stack's resource group. */
  readonly keyVaultResourceGroupName?: string;
}

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Secret names per cloud (Secrets Manager names; Key Vault object names; Secret Manager ids). */
const SECRET_NAME: Record<CloudProvider, { pattern: RegExp; rule: string }> = {
  [CloudProvider.AWS]: { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, rule: 'must be a Secrets Manager secret name: 1-512 letters, digits or /_+=.@-' },
  [CloudProvider.AZURE]: { pattern: /^[A-Za-z0-9-]{1,127}$/, rule: 'must be a Key Vault secret name: 1-127 letters, digits or hyphens' },
  [CloudProvider.GCP]: { pattern: /^[A-Za-z0-9_-]{1,255}$/, rule: 'must be a Secret Manager secret id in the stack\'s project: 1-255 letters, digits, "_" or "-"' },
  [CloudProvider.LOCAL]: { pattern: /^[A-Za-z0-9/_+=.@-]{1,512}$/, rule: 'must be 1-512 letters, digits or /_+=.@- (the name in the local secrets file)' },
};

const KEY_VAULT_NAME = /^[A-Za-z][A-Za-z0-9-]{1,22}[A-Za-z0-9]$/;
const RESOURCE_GROUP = /^[A-Za-z0-9._()-]{1,90}$/;

/**
 * Checks a Key Vault name (3-24 letters, digits or single hyphens, starting
 * with a letter: learn.microsoft.com/azure/azure-resource-manager/management/resource-name-rules,
 * Microsoft.KeyVault/vaults) and its resource group name, as given on a
 * SecretRef or an AzureStack.
 */
export function checkKeyVault(problems: ProblemCollector, prop: string, vault: string | undefined, resourceGroup: string | undefined): void {
  if (vault !== undefined && (typeof vault !== 'string' || (!isUnresolved(vault) && (!KEY_VAULT_NAME.test(vault) || vault.includes('--'))))) {
    problems.invalid(`${prop}keyVaultName`, 'must be a Key Vault name: 3-24 letters, digits or single hyphens, starting with a letter', vault);
  }
  if (resourceGroup !== undefined && (typeof resourceGroup !== 'string' || (!isUnresolved(resourceGroup) && (!RESOURCE_GROUP.test(resourceGroup) || resourceGroup.endsWith('.'))))) {
    problems.invalid(`${prop}keyVaultResourceGroupName`, 'must be a resource group name: 1-90 letters, digits, ".", "_", "-", "(" or ")", not ending in "."', resourceGroup);
  }
}

/** The types of a SecretRef's fields (their values are checked per cloud). */
function checkRefTypes(problems: ProblemCollector, prefix: string, ref: SecretRef): boolean {
  return [
    checkType(problems, `${prefix}keyVaultName`, ref.keyVaultName, A_STRING),
    checkType(problems, `${prefix}keyVaultResourceGroupName`, ref.keyVaultResourceGroupName, A_STRING),
  ].every(Boolean);
}

/** The environment variable of one secret on a cloud. */
export function secretEnvironmentName(cloud: CloudProvider, key: string): string {
  return cloud === CloudProvider.AWS ? `${key}_SECRET_ARN` : key;
}

/**
 * Validates a function's `secrets` for one cloud: keys are environment
 * variable names that are not reserved and do not clash with `environment`;
 * names follow the cloud's rules; Azure needs the Key Vault. Problems go to
 * `problems`, best-effort notes to `warnings`.
 */
export function buildSecretSpecs(
  cloud: CloudProvider, secrets: { [key: string]: SecretRef } | undefined, environment: { [key: string]: string },
  problems: ProblemCollector, warnings: string[], stackVault: SecretRefOptions = {},
): SecretSpec[] {
  if (secrets === undefined) {
    return [];
  }
  if (!isStruct(secrets)) {
    problems.invalid('secrets', 'must be an object of environment variable names to SecretRef, e.g. { DB_PASSWORD: SecretRef.fromName("orders-db-password") }', secrets);
    return [];
  }
  const label = CLOUD_LABEL[cloud];
  const reserved = LIMITS[cloud].reservedEnvironment;
  const specs: SecretSpec[] = [];
  const vaultGroups = new Map<string, string | undefined>();
  for (const key of Object.keys(secrets).sort()) {
    const ref = secrets[key];
    const prop = `secrets.${key}`;
    if (!ENV_NAME.test(key)) {
      problems.invalid(`secrets key ${describeValue(key)}`, 'must start with a letter or underscore and hold only letters, digits and underscores (it names an environment variable)', key);
      continue;
    }
    if (!(ref instanceof SecretRef)) {
      problems.invalid(prop, 'must be made with SecretRef.fromName', ref);
      continue;
    }
    if (ref._invalidOptions !== undefined) {
      problems.invalid(`${prop} options`, 'must be an object such as { keyVaultName: "kv-orders" }', ref._invalidOptions);
      continue;
    }
    // Checked on every cloud: one declaration serves them all, and Azure reads these.
    if (!checkRefTypes(problems, `${prop} `, ref)) {
      continue;
    }
    const envName = secretEnvironmentName(cloud, key);
    for (const name of new Set([key, envName])) {
      if (isReservedName(name, reserved)) {
        problems.add(`${prop}: the variable ${describeValue(name)} is reserved by the platform on ${label} (reserved: ${reserved.join(', ')})`);
      }
      if (Object.prototype.hasOwnProperty.call(environment, name)) {
        problems.add(`${prop}: the variable ${describeValue(name)} is also set in environment; a secret and a plain variable cannot share a name`);
      }
    }
    const name = ref.secretName;
    const rule = SECRET_NAME[cloud];
    if (typeof name !== 'string' || (!isUnresolved(name) && !rule.pattern.test(name))) {
      problems.invalid(`${prop} name`, `${rule.rule} on ${label}`, name);
    } else if (cloud === CloudProvider.AWS && !isUnresolved(name) && /-[A-Za-z0-9]{6}$/.test(name)) {
      warnings.push(`${prop}: the secret name ${describeValue(name)} ends with a hyphen and six characters, which Secrets Manager can mistake for its ARN suffix; AWS advises against such names`);
    }
    // Azure: the secret's own vault, else the AzureStack's (keyVaultName), whose resource group comes with it.
    const ownVault = ref.keyVaultName !== undefined;
    const vault = ownVault ? ref.keyVaultName : stackVault.keyVaultName;
    const rg = ownVault ? ref.keyVaultResourceGroupName : (ref.keyVaultResourceGroupName ?? stackVault.keyVaultResourceGroupName);
    if (cloud === CloudProvider.AZURE) {
      if (vault === undefined) {
        problems.add(`${prop} names no Key Vault: on Azure a secret lives in a vault; give the stack's vault (new AzureStack(app, id, { location, keyVaultName: '...' })) or this secret's (SecretRef.fromName(${describeValue(name)}, { keyVaultName: '...' }))`);
      }
      checkKeyVault(problems, `${prop} `, ref.keyVaultName, ref.keyVaultResourceGroupName);
      if (vault !== undefined && vaultGroups.has(vault) && vaultGroups.get(vault) !== rg) {
        problems.add(`${prop} places the Key Vault ${describeValue(vault)} in another resource group than an earlier secret does; a vault name is global, so give the same keyVaultResourceGroupName`);
      } else if (vault !== undefined) {
        vaultGroups.set(vault, rg);
      }
    }
    specs.push({
      key, secretName: name, environmentName: envName,
      keyVaultName: cloud === CloudProvider.AZURE ? vault : undefined, keyVaultResourceGroupName: cloud === CloudProvider.AZURE ? rg : undefined,
    });
  }
  return specs;
}

markKind(SecretRef, 'SecretRef');
