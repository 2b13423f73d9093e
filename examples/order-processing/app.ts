import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, GcpStack } from '../../index';
import { defineOrderProcessing } from './order-processing';

/** Output folders of one synthesis of the example. */
export interface ExampleOutput {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the order-processing example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildOrderProcessingApps(cdkOutdir: string, tfOutdir: string): ExampleOutput {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    // No construct stack traces in the output: they hold absolute paths, so synths would differ by machine.
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  defineOrderProcessing(new aws.Stack(awsApp, 'orders-aws', { env: { region: 'eu-west-1' } }));

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  defineOrderProcessing(new AzureStack(terraformApp, 'orders-azure', { location: 'westeurope', tags: { app: 'orders' } }));
  defineOrderProcessing(new GcpStack(terraformApp, 'orders-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'orders' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
