import type { Cloudfunctions2Function } from '@cdktf/provider-google/lib/cloudfunctions2-function';
import type { CloudRunV2ServiceIamMember } from '@cdktf/provider-google/lib/cloud-run-v2-service-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import type { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import { displayName, gcpName } from './names';
import { needsApis, pubsubServiceAgent } from './stack-services';

/**
 * Who may call a function's HTTPS endpoint. A 2nd gen function is invoked
 * through its Cloud Run service, so every grant is roles/run.invoker on that
 * service (named like the function), never on the project.
 */
export class FunctionAccess {
  private publicBinding?: CloudRunV2ServiceIamMember;
  private invokerAccount?: ServiceAccount;
  private pubsubTokens?: ServiceAccountIamMember;

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
   * The function's own invoker identity for Pub/Sub push and Cloud Scheduler,
   * created with its run.invoker grant on first use. It holds no other role.
   */
  public invoker(): ServiceAccount {
    if (!this.invokerAccount) {
      this.invokerAccount = new ServiceAccount(this.scope, 'InvokerServiceAccount', {
        accountId: gcpName(this.scope, 'gcpServiceAccount', 'invoker'),
        displayName: displayName(`Invokes ${this.scope.node.path} for its queue and schedule triggers`),
        dependsOn: needsApis(this.stack, 'iam'),
      });
      this.grantInvoker('InvokerBinding', this.invokerAccount.member);
    }
    return this.invokerAccount;
  }

  /**
   * Lets the Pub/Sub service agent mint OIDC tokens as the invoker identity:
   * needed in projects whose agent predates 2021-04-08, harmless elsewhere.
   */
  public allowPubsubTokens(): void {
    const { ServiceAccountIamMember: Member } = require('@cdktf/provider-google/lib/service-account-iam-member') as { ServiceAccountIamMember: typeof ServiceAccountIamMember };
    this.pubsubTokens ??= new Member(this.scope, 'PubsubTokenCreator', {
      serviceAccountId: this.invoker().name,
      role: 'roles/iam.serviceAccountTokenCreator',
      member: pubsubServiceAgent(this.stack),
      dependsOn: needsApis(this.stack, 'pubsub'),
    });
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
