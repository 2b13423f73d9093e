import { Annotations as CdkAnnotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { cdktf } from './cdktf-engine';

/** Adds a warning annotation with the engine of the construct's cloud. */
export function addWarning(scope: IConstruct, provider: CloudProvider, id: string, message: string): void {
  if (provider === CloudProvider.AWS) {
    CdkAnnotations.of(scope).addWarningV2(`cirrus:${id}`, message);
  } else {
    cdktf().Annotations.of(scope).addWarning(message);
  }
}
