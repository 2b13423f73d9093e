// What the example tests share: synthesizing an example into a folder,
// reading what it wrote, comparing two synths and listing the addresses
// that must stay stable between releases.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type * as aws from 'aws-cdk-lib';
import type * as cdktf from 'cdktf';
import { readZip, ZipEntry } from '../../lib/core/package/zip-writer';

/** Builds an example's apps, as each examples/<name>/app.ts exports it. */
export type BuildApps = (cdkOutdir: string, tfOutdir: string) => { awsApp: aws.App; terraformApp: cdktf.App };

/** Where one synthesis of an example went. */
export interface SynthOutput {
  /** The cloud assembly (CloudFormation). */
  readonly cdkOut: string;
  /** The cdktf output (Terraform, one folder per stack under stacks/). */
  readonly tfOut: string;
}

/** A fresh temporary folder whose name starts with `cirrus-<prefix>-`. */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `cirrus-${prefix}-`));
}

/** Synthesizes both apps of an example into `dir`/cdk.out and `dir`/cdktf.out. */
export function synthInto(build: BuildApps, dir: string): SynthOutput {
  const cdkOut = path.join(dir, 'cdk.out');
  const tfOut = path.join(dir, 'cdktf.out');
  const { awsApp, terraformApp } = build(cdkOut, tfOut);
  awsApp.synth();
  terraformApp.synth();
  return { cdkOut, tfOut };
}

/** Every file under `dir`, by path relative to it, in a stable order. */
export function filesUnder(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of fs.readdirSync(d).sort()) {
      const full = path.join(d, name);
      if (fs.statSync(full).isDirectory()) {
        walk(full);
      } else {
        out.set(path.relative(dir, full), fs.readFileSync(full));
      }
    }
  };
  walk(dir);
  return out;
}

/** Parses a JSON file. */
export function readJson(file: string): any {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** The CloudFormation template of an AWS stack. */
export function awsTemplate(out: SynthOutput, stack: string): any {
  return readJson(path.join(out.cdkOut, `${stack}.template.json`));
}

/** The resources of a template of one CloudFormation type, by logical id. */
export function cfnResources(template: any, type: string): Record<string, any> {
  return Object.fromEntries(Object.entries(template.Resources).filter(([, r]: [string, any]) => r.Type === type));
}

/** The Terraform JSON (cdk.tf.json) of an Azure or GCP stack. */
export function terraformConfig(out: SynthOutput, stack: string): any {
  return readJson(path.join(out.tfOut, 'stacks', stack, 'cdk.tf.json'));
}

/** The resources of a Terraform config of one type, by name ({} when there are none). */
export function tfResources(config: any, type: string): Record<string, any> {
  return config.resource?.[type] ?? {};
}

/**
 * The files of the code package (zip asset) that cdktf wrote for a
 * construct: `assets/<asset id starting with assetPrefix>/<hash>/<hash>.zip`.
 */
export function terraformAsset(out: SynthOutput, stack: string, assetPrefix: string): ZipEntry[] {
  const assets = path.join(out.tfOut, 'stacks', stack, 'assets');
  const matches = fs.readdirSync(assets).filter((name) => name.startsWith(assetPrefix));
  if (matches.length !== 1) {
    throw new Error(`expected one asset starting with ${assetPrefix} in ${assets}, found ${matches.join(', ') || 'none'}`);
  }
  const [hash] = fs.readdirSync(path.join(assets, matches[0]));
  const [zip] = fs.readdirSync(path.join(assets, matches[0], hash)).filter((f) => f.endsWith('.zip'));
  return readZip(fs.readFileSync(path.join(assets, matches[0], hash, zip)));
}

/** Expects two synths to have written the same files with the same bytes. */
export function expectSameFiles(a: SynthOutput, b: SynthOutput): void {
  for (const [dirA, dirB] of [[a.cdkOut, b.cdkOut], [a.tfOut, b.tfOut]]) {
    const filesA = filesUnder(dirA);
    const filesB = filesUnder(dirB);
    expect([...filesB.keys()]).toEqual([...filesA.keys()]);
    for (const [name, content] of filesA) {
      expect({ name, same: content.equals(filesB.get(name)!) }).toEqual({ name, same: true });
    }
  }
}

/** Expects no JSON file under `dirs` to contain the absolute path `absolute`. */
export function expectNoAbsolutePaths(dirs: string[], absolute: string): void {
  for (const dir of dirs) {
    for (const [name, content] of filesUnder(dir)) {
      if (name.endsWith('.json')) {
        expect({ name, absolute: content.toString('utf8').includes(absolute) }).toEqual({ name, absolute: false });
      }
    }
  }
}

/**
 * A Lambda version's logical id ends in the path hash (8 upper-case hex
 * digits) and a hash of the function's code and configuration (32
 * lower-case): the second changes with the code by design, so it is masked.
 */
export function maskVersionHash(logicalId: string): string {
  return logicalId.replace(/(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}$/, '$1<hash>');
}

/** `<type> <logical id>` of every resource of a template, sorted, with `mask` applied to the ids. */
export function awsAddresses(template: any, mask: (logicalId: string) => string = maskVersionHash): string[] {
  return Object.entries(template.Resources).map(([id, r]: [string, any]) => `${r.Type} ${mask(id)}`).sort();
}

/** `<type>.<name>` of every resource of a Terraform config, sorted. */
export function terraformAddresses(config: any): string[] {
  return Object.entries((config.resource ?? {}) as Record<string, object>)
    .flatMap(([type, byName]) => Object.keys(byName).map((n) => `${type}.${n}`))
    .sort();
}

/**
 * The addresses that must not change between releases, by stack name:
 * CloudFormation logical ids (with their types) and Terraform resource addresses.
 */
export function stableAddresses(out: SynthOutput): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const file of fs.readdirSync(out.cdkOut).filter((f) => f.endsWith('.template.json')).sort()) {
    result[file.replace('.template.json', '')] = awsAddresses(readJson(path.join(out.cdkOut, file)));
  }
  for (const stack of fs.readdirSync(path.join(out.tfOut, 'stacks')).sort()) {
    result[stack] = terraformAddresses(terraformConfig(out, stack));
  }
  return result;
}
