import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';

/** The two apps of one synthesis of an example: AWS (CloudFormation) and Terraform (Azure, GCP). */
export interface ExampleApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Empty apps that synthesize deterministically: CloudFormation into
 * `cdkOutdir`, Terraform into `tfOutdir`, without construct stack traces
 * (they hold absolute paths, so synths would differ by machine).
 */
export function exampleApps(cdkOutdir: string, tfOutdir: string): ExampleApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  return { awsApp, terraformApp };
}
