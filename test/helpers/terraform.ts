import { App, Testing } from 'cdktf';
import * as fs from 'fs';
import * as path from 'path';
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

export const FIXTURE = path.join(__dirname, '..', 'fixtures', 'orders-handler');
