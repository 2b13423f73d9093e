import { Annotations as CdkAnnotations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { cdktf } from './cdktf-engine';

/** Metadata type of a warning on a construct of a LocalStack. */
export const LOCAL_WARNING = 'cirrus:local-warning';

/** Adds a warning annotation with the engine of the construct's cloud. */
export function addWarning(scope: IConstruct, provider: CloudProvider, id: string, message: string): void {
  if (provider === CloudProvider.LOCAL) {
    // The local run loads no engine: LocalRun prints these when it starts.
    scope.node.addMetadata(LOCAL_WARNING, message);
  } else if (provider === CloudProvider.AWS) {
    CdkAnnotations.of(scope).addWarningV2(`cirrus:${id}`, message);
  } else {
    cdktf().Annotations.of(scope).addWarning(message);
  }
}
