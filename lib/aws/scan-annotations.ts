import { CfnResource, Stack, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/**
 * Acknowledges a rule of a validation plugin (cdk-nag 3 reads these through
 * aws-cdk-lib's `Validations`) on a construct and everything below it, with
 * the reason the finding is intended. Every acknowledgment is listed in
 * docs/security.md.
 */
export function acknowledgeRule(scope: IConstruct, id: string, reason: string): void {
  // aws-cdk-lib records the caller's stack trace with each acknowledgment, even when stack traces
  // are disabled: absolute paths and line numbers in the cloud assembly would make the output differ
  // by machine and by release. The acknowledgment itself (type and data) is all a plugin reads, so the
  // trace is not captured (a trace limit of 0 frames: capturing one per acknowledgment cost ~5 % of an
  // AWS synthesis without validation at 1,000 functions) and what is left of it is removed.
  const traceLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = 0;
    Validations.of(scope).acknowledge({ id, reason });
  } finally {
    Error.stackTraceLimit = traceLimit;
  }
  for (const entry of scope.node.metadata) {
    if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY && entry.data?.[`Annotation::${id}`] === reason) {
      delete (entry as { trace?: string[] }).trace;
    }
  }
}

/**
 * Records that a checkov check does not apply to a resource, in the
 * resource's CloudFormation Metadata (`checkov: { skip: [{ id, comment }] }`,
 * which checkov reads). Every skip is listed in docs/security.md.
 */
export function skipCheckov(resource: IConstruct, id: string, comment: string): void {
  const cfn = CfnResource.isCfnResource(resource) ? resource : resource.node.defaultChild;
  if (!cfn || !CfnResource.isCfnResource(cfn)) {
    throw new Error(`${resource.node.path}: no CloudFormation resource to record the checkov skip ${id} on`);
  }
  const existing = cfn.getMetadata('checkov') ?? {};
  const skip = [...(existing.skip ?? []).filter((s: { id: string }) => s.id !== id), { id, comment }];
  cfn.addMetadata('checkov', { ...existing, skip });
}

/**
 * How cdk-nag names the ARN of a resource in an IAM5 finding: `<LogicalId.Arn>`.
 * The logical id is read now; an id overridden later no longer matches.
 */
export function nagArn(resource: IConstruct): string {
  const cfn = CfnResource.isCfnResource(resource) ? resource : resource.node.defaultChild as CfnResource;
  return `<${Stack.of(cfn).resolve(cfn.logicalId)}.Arn>`;
}

/** Why each intended finding on a Cirrus Lambda function is acknowledged or skipped (docs/security.md lists them). */
export const FUNCTION_FINDINGS = {
  xrayResourceStar: 'X-Ray active tracing: xray:PutTraceSegments and xray:PutTelemetryRecords support no resource-level permissions, so Resource must be "*" (aws-cdk-lib adds them for Tracing.ACTIVE)',
  runtime: 'The runtime is the user\'s FunctionRuntime; Cirrus accepts only runtimes Lambda supports, and aws-cdk-lib\'s synth-time validation rejects deprecated ones',
  functionDlq: 'Failures are kept per trigger, not in a function-level DLQ: asynchronous triggers (topic, event bus, storage, schedule) use an on-failure destination queue on the live alias, queue triggers the queue\'s own dead-letter queue, HTTP callers get the error',
  vpc: 'Cirrus functions reach only AWS APIs over IAM-authenticated HTTPS; a VPC would add NAT gateways and cold-start cost without isolating anything',
  environmentKms: 'Lambda encrypts environment variables at rest with its AWS managed key; Cirrus never puts secrets there (SecretRef passes only the secret ARN)',
  concurrency: 'Reserved concurrency is the user\'s maxConcurrency; without it the function shares the account pool (reserving by default would take capacity from every other function)',
  logGroupKms: 'CloudWatch Logs encrypts every log group at rest; a customer managed key per log group adds a key policy and cost without changing who can read the logs (IAM decides that)',
};

/** Why each intended finding on a Cirrus dead-letter queue is acknowledged. */
export const DEAD_LETTER_QUEUE_FINDING = 'This queue is itself a dead-letter queue (of a queue, an SNS subscription, an EventBridge target, an EventBridge Scheduler target or an on-failure destination); a dead-letter queue of a dead-letter queue would only move the problem';

/** Why SQS queues skip checkov's KMS check. */
export const SQS_SSE_FINDING = 'Encrypted with SSE-SQS (SqsManagedSseEnabled); checkov only recognises KMS. The AWS managed key alias/aws/sqs cannot be used by SNS, EventBridge or S3 as senders, and a customer managed key per queue adds cost without changing who may read';
