import * as aws from 'aws-cdk-lib';
import { ExampleApps, exampleApps } from '../example-apps';
import { AzureStack, GcpStack } from '../../index';
import { defineIotTelemetry } from './iot-telemetry';

/** The apps of one synthesis of the example. */
export type IotTelemetryApps = ExampleApps;

/**
 * Builds the iot-telemetry example for AWS (CloudFormation into
 * `cdkOutdir`) and for Azure and GCP (Terraform into `tfOutdir`).
 */
export function buildIotTelemetryApps(cdkOutdir: string, tfOutdir: string): IotTelemetryApps {
  const { awsApp, terraformApp } = exampleApps(cdkOutdir, tfOutdir);
  defineIotTelemetry(new aws.Stack(awsApp, 'iot-aws', { env: { region: 'eu-west-1' } }));

  defineIotTelemetry(new AzureStack(terraformApp, 'iot-azure', { location: 'westeurope', tags: { app: 'iot' } }));
  defineIotTelemetry(new GcpStack(terraformApp, 'iot-gcp', { project: 'acme-prod', region: 'europe-west1', labels: { app: 'iot' } }));
  return { awsApp, terraformApp };
}
