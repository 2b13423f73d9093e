// cdktf is loaded on first use only: an AWS-only app never pays for its ~380
// modules. Types come from `import type`, which compiles to nothing.
import type * as Cdktf from 'cdktf';
import type * as CdktfSynthesizer from 'cdktf/lib/synthesize/synthesizer';
import type { IConstruct } from 'constructs';

/** The cdktf module, required on the first call. */
export function cdktf(): typeof Cdktf {
  return require('cdktf');
}

/** cdktf's custom-synthesis hook module, required on the first call. */
export function cdktfSynthesizer(): typeof CdktfSynthesizer {
  return require('cdktf/lib/synthesize/synthesizer');
}

/** The symbol cdktf marks every TerraformStack with (cdktf/lib/terraform-stack.js). */
const TERRAFORM_STACK = Symbol.for('cdktf/TerraformStack');

/** Whether a construct is a cdktf TerraformStack, without loading cdktf. */
export function isTerraformStack(node: IConstruct): boolean {
  return node !== null && typeof node === 'object' && TERRAFORM_STACK in node;
}

/** Frames kept in the creation stack trace of each cdktf token while Cirrus renders. */
const TOKEN_TRACE_FRAMES = 10;

/** cdktf's stack-trace module, whose `captureStackTrace` every token calls when created. */
interface StackTraceModule {
  captureStackTrace(below?: Function): string[];
}

let shortTraceDepth = 0;
let fullCaptureStackTrace: StackTraceModule['captureStackTrace'] | undefined;

function captureShortStackTrace(below?: Function): string[] {
  const holder = { stack: '' };
  const previousLimit = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = TOKEN_TRACE_FRAMES;
    Error.captureStackTrace(holder, below ?? captureShortStackTrace);
  } finally {
    Error.stackTraceLimit = previousLimit;
  }
  return holder.stack ? holder.stack.split('\n').slice(1).map((line) => line.replace(/^\s*at\s+/, '')) : [];
}

/**
 * Runs `render` with cdktf's token creation traces capped at 10 frames.
 * cdktf keeps an unlimited-depth stack trace for every token it creates
 * (`cdktf/lib/tokens/private/stack-trace.js`), ~120 per function, for the
 * life of the app; Cirrus renders a few frames deeper than a flat hand-written
 * loop, so uncapped traces made Terraform synthesis ~15 % slower and larger
 * than hand-written cdktf code (bench/README.md). Set
 * `CIRRUS_FULL_TOKEN_TRACES=1` to keep cdktf's full traces when debugging a
 * token error. Nested calls share one swap; AWS rendering is not affected.
 */
export function withShortTokenTraces<T>(render: () => T): T {
  if (process.env.CIRRUS_FULL_TOKEN_TRACES) {
    return render();
  }
  const traces = require('cdktf/lib/tokens/private/stack-trace') as StackTraceModule;
  if (shortTraceDepth === 0) {
    fullCaptureStackTrace = traces.captureStackTrace;
    traces.captureStackTrace = captureShortStackTrace;
  }
  shortTraceDepth++;
  try {
    return render();
  } finally {
    shortTraceDepth--;
    if (shortTraceDepth === 0 && fullCaptureStackTrace) {
      traces.captureStackTrace = fullCaptureStackTrace;
      fullCaptureStackTrace = undefined;
    }
  }
}
