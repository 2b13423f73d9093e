import * as fs from 'fs';
import * as path from 'path';
import { attachCustomSynthesis, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { CloudProvider } from '../core/cloud-provider';
import { cdktf, cdktfSynthesizer } from './cdktf-engine';

/**
 * Writes a file next to the stack's synthesized output when the app
 * synthesizes: `<artifact id>.<name>` beside the template in cdk.out (AWS),
 * `<name>` in the stack's folder of cdktf.out (Azure, GCP).
 */
export function writeBesideStackOutput(scope: Construct, provider: CloudProvider, name: string, content: () => string): void {
  const write = (file: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content());
  };
  if (provider === CloudProvider.LOCAL) {
    return; // a LocalStack synthesizes nothing: LocalRun runs it
  }
  if (provider === CloudProvider.AWS) {
    const stack = Stack.of(scope);
    attachCustomSynthesis(scope, { onSynthesize: (session) => write(path.join(session.outdir, `${stack.artifactId}.${name}`)) });
  } else {
    const stack = cdktf().TerraformStack.of(scope);
    cdktfSynthesizer().addCustomSynthesis(scope, {
      onSynthesize: (session) => write(path.join(session.manifest.outdir, path.dirname(session.manifest.forStack(stack).synthesizedStackPath), name)),
    });
  }
}
