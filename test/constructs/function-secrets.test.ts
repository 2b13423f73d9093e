import * as fs from 'fs';
import * as path from 'path';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { Testing } from 'cdktf';
import { AzureStack, CirrusErrors, EventDrivenFunction, FunctionAlarms, FunctionCode, FunctionRuntime, SecretRef } from '../../index';
import { awsStack, template, validationViolations } from '../helpers/aws';
import { azureStack, gcpStack, resource, resources, synthJson } from '../helpers/terraform';

const code = FunctionCode.fromInline('exports.handler = async () => ({})');
const base = { runtime: FunctionRuntime.NODEJS_22, code, handler: 'index.handler', alarms: FunctionAlarms.none() };
const secrets = {
  DB_PASSWORD: SecretRef.fromName('orders-db-password', { keyVaultName: 'kv-orders' }),
  API_KEY: SecretRef.fromName('payments-api-key', { keyVaultName: 'kv-orders' }),
};

/** Every file a synthesis wrote, as text. */
function outputText(dir: string): string {
  const walk = (d: string): string[] => fs.readdirSync(d).flatMap((n) => {
    const full = path.join(d, n);
    return fs.statSync(full).isDirectory() ? walk(full) : [full];
  });
  return walk(dir).filter((f) => !f.endsWith('.zip')).map((f) => fs.readFileSync(f, 'utf8')).join('\n');
}

/** Constructs that would put a secret's value into the output or the state. */
const VALUE_READERS = /resolve:secretsmanager|AWS::SecretsManager::Secret"|SecretString|azurerm_key_vault_secret|google_secret_manager_secret_version|secret_data/;

describe('secrets on AWS', () => {
  test('read access to each secret only, and its ARN (never its value) in <KEY>_SECRET_ARN', () => {
    const { app, stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, environment: { TABLE: 'orders' }, secrets });
    const t = template(stack);
    const arn = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:eu-west-1:123456789012:secret:${name}`]] });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: { TABLE: 'orders', DB_PASSWORD_SECRET_ARN: arn('orders-db-password'), API_KEY_SECRET_ARN: arn('payments-api-key') } },
    });
    const policy = Object.values(t.findResources('AWS::IAM::Policy'))[0] as any;
    const grants = policy.Properties.PolicyDocument.Statement.filter((s: any) => String(s.Action).includes('secretsmanager'));
    expect(grants).toEqual(['payments-api-key', 'orders-db-password'].map((name) => ({
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:secretsmanager:eu-west-1:123456789012:secret:${name}-??????`]] },
    })));
    expect(validationViolations(app)).toEqual([]);
    expect(outputText(app.outdir)).not.toMatch(VALUE_READERS);
  });

  test('warns about a name Secrets Manager can mistake for an ARN suffix', () => {
    const { stack } = awsStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, secrets: { TOKEN: SecretRef.fromName('service-abc123') } });
    Annotations.fromStack(stack).hasWarning('/orders-aws/Fn', Match.stringLikeRegexp('ends with a hyphen and six characters'));
  });
});

describe('secrets on Azure', () => {
  test('Key Vault references in app settings, "Key Vault Secrets User" on each secret for the function identity, which resolves the references', () => {
    const { stack } = azureStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, secrets: { ...secrets, SIGNING_KEY: SecretRef.fromName('signing-key', { keyVaultName: 'kv-shared', keyVaultResourceGroupName: 'rg-shared' }) } });
    const tf = synthJson(stack);
    const settings = resource(tf, 'azurerm_function_app_flex_consumption').app_settings;
    expect(settings).toMatchObject({
      DB_PASSWORD: '@Microsoft.KeyVault(VaultName=kv-orders;SecretName=orders-db-password)',
      API_KEY: '@Microsoft.KeyVault(VaultName=kv-orders;SecretName=payments-api-key)',
      SIGNING_KEY: '@Microsoft.KeyVault(VaultName=kv-shared;SecretName=signing-key)',
    });
    const vaults = tf.data.azurerm_key_vault;
    expect(Object.values(vaults).map((v: any) => [v.name, v.resource_group_name]).sort()).toEqual([
      ['kv-orders', '${azurerm_resource_group.ResourceGroup.name}'], ['kv-shared', 'rg-shared'],
    ]);
    for (const v of Object.values(vaults) as any[]) {
      expect(v.lifecycle.postcondition[0]).toMatchObject({ condition: '${self.enable_rbac_authorization == true || self.rbac_authorization_enabled == true}', error_message: expect.stringMatching(/uses access policies/) });
    }
    const readers = Object.values(resources(tf, 'azurerm_role_assignment')).filter((r: any) => r.role_definition_name === 'Key Vault Secrets User') as any[];
    expect(readers.map((r) => r.scope).sort()).toEqual([
      expect.stringMatching(/^\$\{data\.azurerm_key_vault\.Fn_KeyVault_kv_orders_\w+\.id\}\/secrets\/orders-db-password$/),
      expect.stringMatching(/^\$\{data\.azurerm_key_vault\.Fn_KeyVault_kv_orders_\w+\.id\}\/secrets\/payments-api-key$/),
      expect.stringMatching(/^\$\{data\.azurerm_key_vault\.Fn_KeyVault_kv_shared_\w+\.id\}\/secrets\/signing-key$/),
    ]);
    for (const r of readers) {
      expect(r.principal_id).toMatch(/^\$\{azurerm_user_assigned_identity\.Fn_Identity_\w+\.principal_id\}$/);
    }
    const step = resource(tf, 'terraform_data', /KeyVaultReferenceIdentity/);
    expect(step.provisioner[0]['local-exec'].command).toMatch(
      /^az rest --method patch --url "\$\{azurerm_function_app_flex_consumption\.Fn_\w+\.id\}\?api-version=2023-12-01" --body '\{"properties":\{"keyVaultReferenceIdentity":"\$\{azurerm_user_assigned_identity\.Fn_Identity_\w+\.id\}"\}\}'$/);
    expect(step.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^azurerm_function_app_flex_consumption\.Fn_/), expect.stringMatching(/^azurerm_role_assignment\.Fn_DB_PASSWORDSecretReader/)]));
    expect(outputText(Testing.fullSynth(stack))).not.toMatch(VALUE_READERS);
  });

  test('the AzureStack keyVaultName holds every secret that names no vault of its own (a per-secret vault overrides it)', () => {
    const stack = new AzureStack(Testing.app(), 'orders-azure', { location: 'westeurope', keyVaultName: 'acme-secrets', keyVaultResourceGroupName: 'rg-security' });
    new EventDrivenFunction(stack, 'Fn', {
      ...base,
      secrets: { DB_PASSWORD: SecretRef.fromName('db-password'), API_KEY: SecretRef.fromName('api-key', { keyVaultName: 'kv-orders' }) },
    });
    const tf = synthJson(stack);
    expect(resource(tf, 'azurerm_function_app_flex_consumption').app_settings).toMatchObject({
      DB_PASSWORD: '@Microsoft.KeyVault(VaultName=acme-secrets;SecretName=db-password)',
      API_KEY: '@Microsoft.KeyVault(VaultName=kv-orders;SecretName=api-key)',
    });
    expect(Object.values(tf.data.azurerm_key_vault).map((v: any) => [v.name, v.resource_group_name]).sort()).toEqual([
      ['acme-secrets', 'rg-security'], ['kv-orders', '${azurerm_resource_group.ResourceGroup.name}'],
    ]);
  });

  test('fails when the AzureStack keyVaultName is not a vault name, or its resource group comes without it', () => {
    expect(() => new AzureStack(Testing.app(), 'orders-azure', { location: 'westeurope', keyVaultName: 'a--b' }))
      .toThrow('orders-azure: keyVaultName must be a Key Vault name: 3-24 letters, digits or single hyphens, starting with a letter (got "a--b")');
    expect(() => new AzureStack(Testing.app(), 'orders-azure', { location: 'westeurope', keyVaultResourceGroupName: 'rg-x' }))
      .toThrow('orders-azure: keyVaultResourceGroupName is given without keyVaultName: name the vault too');
  });

  test('fails when a secret names no Key Vault, an invalid one, or one vault in two resource groups', () => {
    const { stack } = azureStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', {
      ...base,
      secrets: {
        A: SecretRef.fromName('a'),
        B: SecretRef.fromName('b', { keyVaultName: 'x' }),
        C: SecretRef.fromName('c', { keyVaultName: 'kv-orders' }),
        D: SecretRef.fromName('d_e', { keyVaultName: 'kv-orders', keyVaultResourceGroupName: 'rg-other' }),
      },
    })).toThrow([
      'orders-azure/Fn: secrets.A names no Key Vault: on Azure a secret lives in a vault; give the stack\'s vault (new AzureStack(app, id, { location, keyVaultName: \'...\' })) or this secret\'s (SecretRef.fromName("a", { keyVaultName: \'...\' }))',
      'orders-azure/Fn: secrets.B keyVaultName must be a Key Vault name: 3-24 letters, digits or single hyphens, starting with a letter (got "x")',
      'orders-azure/Fn: secrets.D name must be a Key Vault secret name: 1-127 letters, digits or hyphens on Azure (got "d_e")',
      'orders-azure/Fn: secrets.D places the Key Vault "kv-orders" in another resource group than an earlier secret does; a vault name is global, so give the same keyVaultResourceGroupName',
    ].join('\n'));
  });
});

describe('secrets on GCP', () => {
  test('secret environment variables from the latest version, accessor role on each secret for the service account, granted before deployment', () => {
    const { stack } = gcpStack();
    new EventDrivenFunction(stack, 'Fn', { ...base, secrets });
    const tf = synthJson(stack);
    const fn = resource(tf, 'google_cloudfunctions2_function');
    expect(fn.service_config.secret_environment_variables).toEqual([
      { key: 'API_KEY', project_id: '${data.google_project.CirrusProject.number}', secret: 'payments-api-key', version: 'latest' },
      { key: 'DB_PASSWORD', project_id: '${data.google_project.CirrusProject.number}', secret: 'orders-db-password', version: 'latest' },
    ]);
    expect(fn.service_config.environment_variables).not.toHaveProperty('DB_PASSWORD');
    const members = resources(tf, 'google_secret_manager_secret_iam_member');
    expect(Object.values(members).map((m: any) => [m.secret_id, m.role, m.project]).sort()).toEqual([
      ['orders-db-password', 'roles/secretmanager.secretAccessor', 'acme-prod'], ['payments-api-key', 'roles/secretmanager.secretAccessor', 'acme-prod'],
    ]);
    for (const m of Object.values(members) as any[]) {
      expect(m.member).toMatch(/^\$\{google_service_account\.Fn_ServiceAccount_\w+\.member\}$/);
      expect(m.depends_on).toEqual(['google_project_service.CirrusApiSecretmanager']);
    }
    expect(fn.depends_on).toEqual(expect.arrayContaining(Object.keys(members).map((k) => `google_secret_manager_secret_iam_member.${k}`)));
    expect(resource(tf, 'google_project_service', /^CirrusApiSecretmanager$/)).toMatchObject({ service: 'secretmanager.googleapis.com', disable_on_destroy: false });
    expect(outputText(Testing.fullSynth(stack))).not.toMatch(VALUE_READERS);
  });
});

describe('secret validation', () => {
  test('fails when a key is not a variable name, is reserved, or clashes with environment', () => {
    const { stack } = awsStack();
    let message = '';
    try {
      new EventDrivenFunction(stack, 'Fn', {
        ...base,
        environment: { DB_PASSWORD: 'plain', TOKEN_SECRET_ARN: 'x' },
        secrets: {
          'DB-PASSWORD': SecretRef.fromName('a'),
          'DB_PASSWORD': SecretRef.fromName('b'),
          'TOKEN': SecretRef.fromName('c'),
          'AWS_REGION': SecretRef.fromName('d'),
          'NAME': SecretRef.fromName('bad name!'),
          'OTHER': 'plain-text' as unknown as SecretRef,
        },
      });
    } catch (e) {
      expect(CirrusErrors.isValidationError(e)).toBe(true);
      message = (e as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'orders-aws/Fn: secrets.AWS_REGION: the variable "AWS_REGION" is reserved by the platform on AWS (reserved: _HANDLER, _X_AMZN_TRACE_ID, AWS_*, LAMBDA_*, TZ)',
      'orders-aws/Fn: secrets.AWS_REGION: the variable "AWS_REGION_SECRET_ARN" is reserved by the platform on AWS (reserved: _HANDLER, _X_AMZN_TRACE_ID, AWS_*, LAMBDA_*, TZ)',
      'orders-aws/Fn: secrets key "DB-PASSWORD" must start with a letter or underscore and hold only letters, digits and underscores (it names an environment variable) (got "DB-PASSWORD")',
      'orders-aws/Fn: secrets.DB_PASSWORD: the variable "DB_PASSWORD" is also set in environment; a secret and a plain variable cannot share a name',
      'orders-aws/Fn: secrets.NAME name must be a Secrets Manager secret name: 1-512 letters, digits or /_+=.@- on AWS (got "bad name!")',
      'orders-aws/Fn: secrets.OTHER must be made with SecretRef.fromName (got "plain-text")',
      'orders-aws/Fn: secrets.TOKEN: the variable "TOKEN_SECRET_ARN" is also set in environment; a secret and a plain variable cannot share a name',
    ]);
  });

  test('fails when a GCP secret id is a resource path rather than an id in the stack project', () => {
    const { stack } = gcpStack();
    expect(() => new EventDrivenFunction(stack, 'Fn', { ...base, secrets: { DB: SecretRef.fromName('projects/other/secrets/db') } }))
      .toThrow('orders-gcp/Fn: secrets.DB name must be a Secret Manager secret id in the stack\'s project: 1-255 letters, digits, "_" or "-" on GCP (got "projects/other/secrets/db")');
  });
});
