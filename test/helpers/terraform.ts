import { App, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
import { pathHash } from '../../lib/core/naming';
import { readZip, ZipEntry } from '../../lib/core/package/zip-writer';
import { AzureStack, GcpStack } from '../../index';

/** A fresh cdktf app and AzureStack per test. */
export function azureStack(id = 'orders-azure'): { app: App; stack: AzureStack } {
  const app = Testing.app();
  return { app, stack: new AzureStack(app, id, { location: 'westeurope' }) };
}

/** A fresh cdktf app and GcpStack per test. */
export function gcpStack(id = 'orders-gcp'): { app: App; stack: GcpStack } {
  const app = Testing.app();
  return { app, stack: new GcpStack(app, id, { project: 'acme-prod', region: 'europe-west1' }) };
}

/** The synthesized Terraform JSON of a stack. */
export function synthJson(stack: AzureStack | GcpStack): any {
  return JSON.parse(Testing.synth(stack));
}

/** Every resource of one Terraform type, by logical name. */
export function resources(tf: any, type: string): Record<string, any> {
  return tf.resource?.[type] ?? {};
}

/** The single resource of a type whose logical name matches. */
export function resource(tf: any, type: string, name: RegExp = /.*/): any {
  const matches = Object.entries(resources(tf, type)).filter(([k]) => name.test(k));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} matching ${name}, found ${matches.map(([k]) => k).join(', ') || 'none'}`);
  }
  return matches[0][1];
}

/** Fully synthesizes the stack (assets included) and returns the files of a zip asset it wrote. */
export function synthesizedZip(stack: AzureStack | GcpStack, relativeAssetPath: string): ZipEntry[] {
  const outdir = Testing.fullSynth(stack);
  const file = path.join(outdir, 'stacks', stack.node.id, relativeAssetPath);
  return readZip(fs.readFileSync(file));
}

/** The files of an Azure function's package, as its deployment step publishes it (the one function whose address matches). */
export function deployedZip(stack: AzureStack, tf: any, name: RegExp = /.*/): ZipEntry[] {
  const deployments = Object.entries<any>(resources(tf, 'terraform_data')).filter(([k]) => /_Deployment_/.test(k) && name.test(k));
  if (deployments.length !== 1) {
    throw new Error(`expected one deployment matching ${name}, found ${deployments.map(([k]) => k).join(', ') || 'none'}`);
  }
  return synthesizedZip(stack, deployments[0][1].provisioner[0]['local-exec'].command.split('--src ')[1]);
}

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'orders-handler');

/**
 * A global Azure name as Cirrus derives it (lib/azure globalName): `readable`
 * (a pattern), then the hash Terraform computes from the subscription, the
 * location and `seed` (the construct path, `#suffix` where there is one).
 */
export function azureGlobalName(readable: string, seed: string, location = 'westeurope'): RegExp {
  return new RegExp(`^${readable}\\$\\{substr\\(sha1\\(join\\("/", \\[data\\.azurerm_client_config\\.CirrusClientConfig\\.subscription_id, "${location}", "${pathHash(seed, 16)}"\\]\\)\\), 0, 8\\)\\}$`);
}
