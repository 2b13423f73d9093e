import type { IConstruct } from 'constructs';
import { cdktf } from './cdktf-engine';

/**
 * Adds `lifecycle { prevent_destroy = true }` to every resource of the given
 * Terraform types in `stack`, Cirrus's or not, when the app synthesizes (so
 * resources added after the stack count too), keeping any lifecycle settings
 * a resource already has. Terraform then refuses a plan that would destroy
 * or replace one of them — Terraform's counterpart of a CloudFormation
 * `Retain` policy, except that `terraform destroy` fails instead of leaving
 * the resource behind.
 */
export function preventDestroyOf(stack: IConstruct, terraformTypes: readonly string[]): void {
  const tf = cdktf();
  const protectedTypes = new Set(terraformTypes);
  tf.Aspects.of(stack).add({
    visit(node: IConstruct): void {
      if (tf.TerraformResource.isTerraformResource(node) && protectedTypes.has(node.terraformResourceType)) {
        node.lifecycle = { ...node.lifecycle, preventDestroy: true };
      }
    },
  });
}
