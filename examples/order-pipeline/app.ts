import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, GcpStack } from '../../index';
import { defineOrderPipeline } from './order-pipeline';

/** The apps of one synthesis of the example. */
export interface OrderPipelineApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the order-pipeline example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildOrderPipelineApps(cdkOutdir: string, tfOutdir: string): OrderPipelineApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    // No construct stack traces in the output: they hold absolute paths, so synths would differ by machine.
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  defineOrderPipeline(new aws.Stack(awsApp, 'pipeline-aws', { env: { region: 'eu-west-1' } }));

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  defineOrderPipeline(new AzureStack(terraformApp, 'pipeline-azure', { location: 'westeurope', tags: { app: 'shop' } }));
  // A GCP billing budget belongs to a billing account, not to the project.
  defineOrderPipeline(new GcpStack(terraformApp, 'pipeline-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'shop' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
