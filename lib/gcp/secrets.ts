import { ProjectService } from '@cdktf/provider-google/lib/project-service';
import { SecretManagerSecretIamMember } from '@cdktf/provider-google/lib/secret-manager-secret-iam-member';
import { dependable } from 'cdktf/lib/tfExpression';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { SecretSpec } from '../core/secrets';
import { GCP_FUNCTIONS } from './handles';
import { enabledApis, gcpStackOf, projectData } from './stack-services';

/** secretmanager.googleapis.com, enabled once per stack (never disabled on destroy), when the stack manages APIs. */
function secretManagerApi(fn: EventDrivenFunction): ProjectService[] | undefined {
  return enabledApis(gcpStackOf(fn), 'secretmanager');
}

/**
 * Each secret: roles/secretmanager.secretAccessor for the function's service
 * account on that secret only, and a secret environment variable `<KEY>`
 * that Cloud Run fills from the latest version when an instance starts.
 * The function is deployed after the grants (Cloud Functions checks access
 * at deployment).
 */
export function renderSecrets(fn: EventDrivenFunction, secrets: SecretSpec[]): void {
  const stack = gcpStackOf(fn);
  const { fn: resource, serviceAccount: account } = GCP_FUNCTIONS.of(fn);
  const needs = secretManagerApi(fn);
  const grants = secrets.map((s) => new SecretManagerSecretIamMember(fn, `${s.key}SecretAccessor`, {
    project: stack.project,
    secretId: s.secretName,
    role: 'roles/secretmanager.secretAccessor',
    member: account.member,
    dependsOn: needs,
  }));
  // The API reports the project by number: giving the number avoids a diff after every apply.
  resource.addOverride('service_config.secret_environment_variables', secrets.map((s) => ({
    key: s.environmentName, project_id: projectData(stack).number, secret: s.secretName, version: 'latest',
  })));
  resource.dependsOn = [...(resource.dependsOn ?? []), ...grants.map((g) => dependable(g))];
}
