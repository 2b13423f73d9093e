import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Testing } from 'cdktf';
import { readZip } from '../../../lib/core/package/zip-writer';
import { EventDrivenFunction, EventDrivenFunctionProps, FunctionCode, FunctionRuntime, GcpStack, GcpStackProps } from '../../../index';

/** Synthesized Terraform JSON of a stack. */
export interface TfJson {
  readonly resource: Record<string, Record<string, Record<string, any>>>;
  readonly data?: Record<string, Record<string, Record<string, any>>>;
}

/** A fresh app and GcpStack `test` in acme-prod / europe-west1. */
export function gcpStack(props: Partial<GcpStackProps> = {}): GcpStack {
  return new GcpStack(Testing.app(), 'test', { project: 'acme-prod', region: 'europe-west1', ...props });
}

/** Minimal valid function props: inline Node.js 22 code. */
export function functionProps(props: Partial<EventDrivenFunctionProps> = {}): EventDrivenFunctionProps {
  return {
    runtime: FunctionRuntime.NODEJS_22,
    code: FunctionCode.fromInline('exports.handler = async () => {}'),
    handler: 'index.handler',
    ...props,
  };
}

/** A stack holding one function `ProcessOrder`. */
export function stackWithFunction(props: Partial<EventDrivenFunctionProps> = {}, stackProps: Partial<GcpStackProps> = {}): { stack: GcpStack; fn: EventDrivenFunction } {
  const stack = gcpStack(stackProps);
  const fn = new EventDrivenFunction(stack, 'ProcessOrder', functionProps(props));
  return { stack, fn };
}

/** Testing.synth, parsed. */
export function synth(stack: GcpStack): TfJson {
  return JSON.parse(Testing.synth(stack));
}

/** All resources of one Terraform type, by address name. */
export function resourcesOf(tf: TfJson, type: string): Record<string, Record<string, any>> {
  return tf.resource[type] ?? {};
}

/** The one resource of a type whose address name contains `nameFragment`. */
export function resourceOf(tf: TfJson, type: string, nameFragment = ''): Record<string, any> {
  const matches = Object.entries(resourcesOf(tf, type)).filter(([name]) => name.includes(nameFragment));
  if (matches.length !== 1) {
    throw new Error(`expected one ${type} matching "${nameFragment}", found ${matches.map(([n]) => n).join(', ') || 'none'}`);
  }
  return matches[0][1];
}

/**
 * A fresh code folder holding these files (path → content). Written at test
 * time: the repository ignores *.js outside test/fixtures.
 */
export function codeFolder(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-gcp-code-'));
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

/**
 * The files of the code zip Terraform uploads for the stack's one function,
 * read from a full synth's output (the asset copied into cdktf.out).
 */
export function packagedFiles(stack: GcpStack): Record<string, string> {
  const outdir = Testing.fullSynth(stack);
  const object = resourceOf(synth(stack), 'google_storage_bucket_object');
  const zip = fs.readFileSync(path.join(outdir, 'stacks', stack.node.id, object.source));
  return Object.fromEntries(readZip(zip).map((e) => [e.path, e.content.toString('utf8')]));
}
