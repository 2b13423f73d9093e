import type { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import type { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import { StackShared } from '../core/stack-shared';
import { displayName, gcpName } from './names';
import { needsApis, pubsubServiceAgent } from './stack-services';

/**
 * The invoker identity Pub/Sub push and Cloud Scheduler call functions as:
 * one per stack (service accounts count against a quota of 100 per project,
 * https://cloud.google.com/iam/quotas).
 */
const INVOKER = new StackShared((stack: GcpStack) => new ServiceAccount(stack, 'CirrusInvokerServiceAccount', {
  accountId: gcpName(stack, 'gcpServiceAccount', 'invoker'),
  displayName: displayName(`Invokes the functions of ${stack.node.path} for their queue, topic and schedule triggers`),
  dependsOn: needsApis(stack, 'iam'),
}));

/**
 * Lets the Pub/Sub service agent mint OIDC tokens as the invoker identity
 * (once per stack): needed in projects whose agent predates 2021-04-08,
 * harmless elsewhere.
 */
const PUBSUB_TOKENS = new StackShared((stack: GcpStack) => {
  const { ServiceAccountIamMember: Member } = require('@cdktf/provider-google/lib/service-account-iam-member') as { ServiceAccountIamMember: typeof ServiceAccountIamMember };
  return new Member(stack, 'CirrusPubsubTokenCreator', {
    serviceAccountId: INVOKER.of(stack).name,
    role: 'roles/iam.serviceAccountTokenCreator',
    member: pubsubServiceAgent(stack),
    dependsOn: needsApis(stack, 'pubsub'),
  });
});

/**
 * Who may call a function's HTTPS endpoint. A 2nd gen function is invoked
 * through its Cloud Run service, so every grant is roles/run.invoker on that
 * service (named like the function), never on the project.
 */
export class FunctionAccess {
  private publicBinding?: CloudRunV2ServiceIamMember;
  private invokerAccount?: ServiceAccount;

  constructor(
    private readonly scope: Construct,
    private readonly stack: GcpStack,
    private readonly fn: Cloudfunctions2Function,
    private readonly functionName: string,
    private readonly region: string = stack.region,
  ) {}

  /** Lets anyone call the function (allUsers), once however many public triggers ask. */
  public allowPublic(triggerId: string): void {
    this.publicBinding ??= this.grantInvoker(`${triggerId}PublicInvoker`, 'allUsers');
  }

  /**
   * The stack's invoker identity, holding no role but roles/run.invoker on
   * each function service that has such a trigger, granted per service on
   * first use. The function's runtime identity stays its own.
   */
  public invoker(): ServiceAccount {
    if (!this.invokerAccount) {
      this.invokerAccount = INVOKER.of(this.stack);
      this.grantInvoker('InvokerBinding', this.invokerAccount.member);
    }
    return this.invokerAccount;
  }

  /** Lets the Pub/Sub service agent mint OIDC tokens as the invoker identity (PUBSUB_TOKENS). */
  public allowPubsubTokens(): void {
    this.invoker();
    PUBSUB_TOKENS.of(this.stack);
  }

  private grantInvoker(id: string, member: string): CloudRunV2ServiceIamMember {
    // Loaded on the first grant: a function with only PRIVATE HTTP triggers has none.
    const { CloudRunV2ServiceIamMember: Member } = require('@cdktf/provider-google/lib/cloud-run-v2-service-iam-member') as { CloudRunV2ServiceIamMember: typeof CloudRunV2ServiceIamMember };
    return new Member(this.scope, id, {
      project: this.stack.project,
      location: this.region,
      name: this.functionName,
      role: 'roles/run.invoker',
      member,
      dependsOn: [this.fn],
    });
  }
}
