import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { EventDrivenFunction } from '../../constructs/event-driven-function';
import type { SecretSpec } from '../core/secrets';
import { lambdaOf } from './handles';

/**
 * Each secret: secretsmanager:GetSecretValue and DescribeSecret for the
 * function's role on that secret only (`<name>-??????`, the suffix Secrets
 * Manager appends), and its ARN in `<KEY>_SECRET_ARN`. The value stays in
 * Secrets Manager: the handler reads it with the SDK (or the Parameters and
 * Secrets Lambda extension).
 */
export function renderSecrets(fn: EventDrivenFunction, secrets: SecretSpec[]): void {
  const target = lambdaOf(fn);
  for (const s of secrets) {
    const secret = secretsmanager.Secret.fromSecretNameV2(fn._resourceScope, `${s.key}Secret`, s.secretName);
    secret.grantRead(target);
    fn.addEnvironment(s.environmentName, secret.secretArn);
  }
}
