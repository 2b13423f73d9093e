import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, GcpStack } from '../../index';
import { defineFraudDetection } from './fraud-detection';

/** The apps of one synthesis of the example. */
export interface FraudDetectionApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the fraud-detection example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildFraudDetectionApps(cdkOutdir: string, tfOutdir: string): FraudDetectionApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    // No construct stack traces in the output: they hold absolute paths, so synths would differ by machine.
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  defineFraudDetection(new aws.Stack(awsApp, 'fraud-aws', { env: { region: 'eu-west-1' } }));

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  defineFraudDetection(new AzureStack(terraformApp, 'fraud-azure', { location: 'westeurope', tags: { app: 'fraud' } }));
  // A GCP billing budget belongs to a billing account, not to the project.
  defineFraudDetection(new GcpStack(terraformApp, 'fraud-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'fraud' } }), {
    billingAccountId: '01ABCD-23EF45-6789AB',
  });
  return { awsApp, terraformApp };
}
