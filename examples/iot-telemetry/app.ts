import * as aws from 'aws-cdk-lib';
import * as cdktf from 'cdktf';
import { AzureStack, GcpStack } from '../../index';
import { defineIotTelemetry } from './iot-telemetry';

/** The apps of one synthesis of the example. */
export interface IotTelemetryApps {
  readonly awsApp: aws.App;
  readonly terraformApp: cdktf.App;
}

/**
 * Builds the iot-telemetry example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildIotTelemetryApps(cdkOutdir: string, tfOutdir: string): IotTelemetryApps {
  const awsApp = new aws.App({
    outdir: cdkOutdir,
    stackTraces: false,
    // No construct stack traces in the output: they hold absolute paths, so synths would differ by machine.
    context: { 'aws:cdk:disable-creation-stack-traces': true },
  });
  defineIotTelemetry(new aws.Stack(awsApp, 'iot-aws', { env: { region: 'eu-west-1' } }));

  const terraformApp = new cdktf.App({
    outdir: tfOutdir,
    skipBackendValidation: true,
    context: { [cdktf.DISABLE_STACK_TRACE_IN_METADATA]: true },
  });
  defineIotTelemetry(new AzureStack(terraformApp, 'iot-azure', { location: 'westeurope', tags: { app: 'iot' } }));
  defineIotTelemetry(new GcpStack(terraformApp, 'iot-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'iot' } }));
  return { awsApp, terraformApp };
}
