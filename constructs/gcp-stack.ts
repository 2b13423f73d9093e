import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { CirrusValidationError, describeValue, ProblemCollector } from '../lib/core/errors';
import { checkGrantedQuotas } from '../lib/core/quota-check';
import { checkGcpStackProps } from '../lib/core/stack-props';
import { GCP_QUOTAS } from '../lib/core/quotas';
import { A_BOOLEAN, checkTypes, isStruct, struct } from '../lib/core/validation';
import { GCP_DATA_RESOURCE_TYPES } from '../lib/gcp/data-resources';
import { preventDestroyOf } from '../lib/targets/data-protection';
import { checkQuotasAcrossStacks } from '../lib/targets/quota-usage';
import { requireWithProvider } from '../lib/targets/load-renderer';
import { markCloud } from '../lib/targets/resolve-target';

/**
 * Props of a GcpStack.
 */
export interface GcpStackProps {
  /** The project id, e.g. `acme-prod`. */
  readonly project: string;
  /** The region, e.g. `europe-west1`. */
  readonly region: string;
  /**
   * Labels applied to every resource (the provider's default_labels).
   * @default - none
   */
  readonly labels?: { [key: string]: string };
  /**
   * Enable the Google APIs the stack's resources need (google_project_service,
   * never disabled on destroy).
   * @default true
   */
  readonly enableApis?: boolean;
  /**
   * Keep every resource of the stack that holds data (storage buckets,
   * Pub/Sub topics and subscriptions, log buckets) from being destroyed:
   * each gets `lifecycle { prevent_destroy = true }`, so a `terraform
   * destroy`, or a change that would replace one, fails instead of deleting
   * messages, objects or logs. Set it to false and apply before tearing the
   * stack down on purpose.
   * @default false
   */
  readonly protectData?: boolean;
  /**
   * Quota values granted to the project above the defaults, by quota id
   * (see the README's "Big systems / quotas"): Cirrus adds up what all the
   * app's stacks of the project create and fails at synth when a quota
   * would be exceeded; declare an increase the cloud has granted here, e.g.
   * `{ 'gcp.iam.serviceAccounts': 400 }`. Hard limits cannot be declared.
   * @default - the cloud's default quotas
   */
  readonly grantedQuotas?: { [quotaId: string]: number };
}

/**
 * A cdktf TerraformStack for Google Cloud: the google provider for one
 * project and region. Place Cirrus constructs in it to render them for GCP.
 */
export class GcpStack extends TerraformStack {
  /** The cloud: always CloudProvider.GCP. */
  public readonly provider = CloudProvider.GCP;

  /** The project id. */
  public readonly project: string;

  /** The region. */
  public readonly region: string;

  /** Labels applied to every resource. */
  public readonly labels: { [key: string]: string };

  /** Whether Cirrus enables the APIs its resources need. */
  public readonly enableApis: boolean;

  /** Whether the stack's data-holding resources carry `prevent_destroy`. */
  public readonly protectData: boolean;

  /**
   * @param scope a cdktf App
   * @param id the stack id
   * @param props project, region, labels
   */
  constructor(scope: Construct, id: string, props: GcpStackProps) {
    super(scope, id);
    markCloud(this, CloudProvider.GCP);
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with project and region, e.g. { project: "acme-prod", region: "europe-west1" } (got ${describeValue(props)})`]);
    }
    const problems = new ProblemCollector();
    const input = checkTypes(problems, props, { labels: struct('label names to strings', '{ team: "orders" }'), enableApis: A_BOOLEAN, protectData: A_BOOLEAN });
    checkGcpStackProps(problems, { ...props, labels: input.labels });
    const grantedQuotas = checkGrantedQuotas(problems, props.grantedQuotas, GCP_QUOTAS);
    problems.throwIfAny(this.node.path);
    this.project = props.project;
    // Quotas count per project, across all the app's GcpStacks of it.
    checkQuotasAcrossStacks(this, 'gcp', { account: props.project, region: props.region, grantedQuotas });
    this.region = props.region;
    this.labels = { ...(props.labels ?? {}) };
    this.enableApis = props.enableApis ?? true;
    this.protectData = props.protectData ?? false;
    if (this.protectData) {
      preventDestroyOf(this, GCP_DATA_RESOURCE_TYPES);
    }

    const { GoogleProvider } = requireWithProvider(CloudProvider.GCP, this.node.path,
      () => require('@cdktf/provider-google/lib/provider') as typeof import('@cdktf/provider-google/lib/provider'));
    new GoogleProvider(this, 'google', {
      project: props.project,
      region: props.region,
      defaultLabels: Object.keys(this.labels).length > 0 ? this.labels : undefined,
    });
  }
}
