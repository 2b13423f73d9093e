import { ITerraformDependable, TerraformResource } from 'cdktf';
import { anyToTerraform, hashMapper } from 'cdktf/lib/runtime';
import { Construct } from 'constructs';

/** Settings of a `terraform_data` resource that Cirrus uses. */
export interface TerraformDataConfig {
  /** Values whose change replaces the resource (and so re-runs its provisioners). */
  readonly triggersReplace: { [key: string]: unknown };
  /** Resources to create first. */
  readonly dependsOn: ITerraformDependable[];
  /** The command to run on create, as a `local-exec` provisioner. */
  readonly command: string;
  /** Resources whose every update or replacement replaces this one too (`lifecycle.replace_triggered_by`). */
  readonly replaceTriggeredBy?: TerraformResource[];
}

/**
 * Terraform's built-in `terraform_data` resource (Terraform 1.4 and later)
 * running one local command. It emits the same JSON as cdktf's
 * `DataResource`, without the validation that `DataResource` adds to every
 * instance: that one runs `terraform version` at each synth (~45 ms per
 * resource) and fails the synth on a machine without Terraform, where Cirrus
 * promises synthesis with no tool but Node.js.
 */
export class TerraformData extends TerraformResource {
  private readonly triggers: { [key: string]: unknown };

  public constructor(scope: Construct, id: string, config: TerraformDataConfig) {
    super(scope, id, {
      terraformResourceType: 'terraform_data',
      terraformGeneratorMetadata: { providerName: 'terraform' },
      dependsOn: config.dependsOn,
      provisioners: [{ type: 'local-exec', command: config.command }],
      // Plain addresses, as Terraform writes references in JSON (cdktf would render a resource as "${...}").
      lifecycle: config.replaceTriggeredBy
        ? { replaceTriggeredBy: config.replaceTriggeredBy.map((r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`) }
        : undefined,
    });
    this.triggers = config.triggersReplace;
  }

  protected synthesizeAttributes(): { [name: string]: unknown } {
    return { triggers_replace: hashMapper(anyToTerraform)(this.triggers) };
  }
}
