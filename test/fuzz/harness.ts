/**
 * The fuzz harness: runs seeded fast-check properties over batches of cases.
 *
 * The oracle, for every case on every cloud: building it either throws the
 * Cirrus validation error (CirrusErrors.isValidationError), or it synthesizes
 * output that passes the checks (AWS: no violations in aws-cdk-lib's
 * CloudFormation validation report; Azure and GCP: terraformProblems). Any
 * other exception, or a problem in the output, fails the test, printing the
 * seed and the case.
 *
 * Wrong types (arbitraries/wrong.ts): about one case in four replaces one prop
 * of the construct under test, at the top level or nested, with a value of
 * another type or kind. Such a case must throw the Cirrus validation error,
 * and the error must name the prop and the value (unless the case without the
 * replacement is invalid too, and another problem is reported first).
 *
 * Speed: invalid cases throw at construction and cost no synth. Valid cases
 * are batched: each in its own scope (AWS: its own Stack, so the 500-resource
 * limit is per case; Azure/GCP: its own Construct in one stack) and the batch
 * is synthesized once. When a batch fails, its cases are re-run one by one to
 * name the culprit.
 *
 * Environment: FUZZ_SEED (default below), FUZZ_CASES (cases per construct per
 * cloud, default 500, which keeps CI within its time budget; raise it, e.g. 5000, for a deeper run), FUZZ_SHRINK=1 (let fast-check shrink a failure; slow),
 * FUZZ_DEBUG=1 (log the most frequent rejection reasons, to tune generators;
 * FUZZ_DEBUG=wrong logs each wrong type and the error it got), FUZZ_WRONG_EVERY
 * (one case in n gets a wrong type, default 4; 1: every case).
 */
import { App, CfnParameter, Stack } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CirrusErrors } from '../../lib/core/errors';
import { terraformProblems } from '../helpers/terraform-checks';
import { Cloud, Num, Str } from './arbitraries/common';
import { AppliedWrong, applyWrong, describeWrong, namesTheMistake, WrongRecipe } from './arbitraries/wrong';

export const DEFAULT_SEED = 20261125;
export const SEED = process.env.FUZZ_SEED !== undefined ? Number(process.env.FUZZ_SEED) : DEFAULT_SEED;
export const CASES = process.env.FUZZ_CASES !== undefined ? Number(process.env.FUZZ_CASES) : 500;

/**
 * Violations aws-cdk-lib reports that Cirrus accepts on purpose, each with its reason.
 * W2531: nodejs20.x is deprecated by AWS; Cirrus accepts FunctionRuntime.NODEJS_20 with a warning annotation.
 */
const ACCEPTED_AWS_VIOLATIONS = [
  /^W2531: Runtime: Runtime 'nodejs20\.x' was deprecated/,
  // The harness's own token parameters, when the recipe put the token in a prop that only feeds synth-time estimates (expectedLoad).
  /^W2001: Parameters\/Fuzz(Number|String)\d+: Parameter 'Fuzz(Number|String)\d+' is not referenced anywhere in the template/,
];

/** What a case builder gets: its scope, its stack, and tokens of its cloud. */
export interface CaseContext {
  readonly cloud: Cloud;
  /** The case's own scope: build everything under it. */
  readonly scope: Construct;
  /** A number prop of the recipe, with `{ $token }` turned into a real token. */
  n(value: Num): number;
  n(value: Num | undefined): number | undefined;
  /** A string prop of the recipe, with `{ $token }` turned into a real token. */
  s(value: Str): string;
  s(value: Str | undefined): string | undefined;
  /**
   * The props of a construct under test, with the case's wrong type put in
   * when its recipe has one (`recipe.wrong`) and it picks this site: `site`
   * of `sites` constructs the builder offers (one mutation per case).
   */
  wrong<T>(props: T, site?: number, sites?: number): T;
}

/** What one case's mutation did, if it had one. */
interface CaseWrong {
  readonly recipe?: WrongRecipe;
  applied?: AppliedWrong;
}

export interface FuzzSuite<R> {
  readonly cloud: Cloud;
  readonly arbitrary: fc.Arbitrary<R>;
  /** Builds one case under ctx.scope; may throw the Cirrus validation error. */
  build(ctx: CaseContext, recipe: R): void;
  /** Cases synthesized together. */
  readonly batchSize: number;
  /** AWS: the region of the case's stack. @default eu-west-1 */
  awsRegion?(recipe: R): string;
  /**
   * Azure and GCP: each case in a stack of its own (in one app, synthesized
   * together), for constructs that cover their whole stack (a budget's estimate).
   * AWS cases always get a stack each.
   */
  readonly stackPerCase?: boolean;
}

export interface FuzzStats {
  cases: number;
  rejected: number;
  synthesized: number;
  batches: number;
  ms: number;
  /** Of ms: spent synthesizing and checking batches. */
  synthMs: number;
  /** Cases with a prop of the wrong type (all rejected, or the test fails). */
  wrongTypes: number;
  /** Of those, cases built again without it because the error did not name it. */
  wrongTypeReruns: number;
}

let tokenCounter = 0;

/** FUZZ_DEBUG=1: counts the first problem of each rejection (numbers masked), to tune the generators. */
const rejections = new Map<string, number>();
function noteRejection(e: unknown): void {
  if (process.env.FUZZ_DEBUG === '1') {
    const first = String((e as Error).message).split('\n')[0].replace(/^[^:]*: /, '').replace(/\(got .*$/, '').replace(/\d+/g, 'N').slice(0, 120);
    rejections.set(first, (rejections.get(first) ?? 0) + 1);
  }
}

/** The most frequent rejection reasons since the last call (FUZZ_DEBUG=1 only). */
export function rejectionReport(): string {
  const text = [...rejections.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, n]) => `${n}\t${k}`).join('\n');
  rejections.clear();
  return text;
}

function contextFor(cloud: Cloud, scope: Construct, mutation: CaseWrong, terraformStack?: Construct): CaseContext {
  const numberToken = (): number => {
    const id = `FuzzNumber${tokenCounter++}`;
    if (cloud === 'aws') {
      return new CfnParameter(scope, id, { type: 'Number' }).valueAsNumber;
    }
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    return new TerraformVariable(terraformStack ?? scope, id, { type: 'number' }).numberValue;
  };
  const stringToken = (): string => {
    const id = `FuzzString${tokenCounter++}`;
    if (cloud === 'aws') {
      return new CfnParameter(scope, id, { type: 'String' }).valueAsString;
    }
    const { TerraformVariable } = require('cdktf') as typeof import('cdktf');
    return new TerraformVariable(terraformStack ?? scope, id, { type: 'string' }).stringValue;
  };
  return {
    cloud,
    scope,
    n: ((v: Num | undefined) => (v !== null && typeof v === 'object' ? numberToken() : v)) as CaseContext['n'],
    s: ((v: Str | undefined) => (v !== null && typeof v === 'object' ? stringToken() : v)) as CaseContext['s'],
    wrong: <T>(props: T, site = 0, sites = 1): T => {
      if (!mutation.recipe || mutation.applied || Math.floor(mutation.recipe.site * sites) !== site) {
        return props;
      }
      const out = applyWrong(scope, props, mutation.recipe);
      mutation.applied = out.applied;
      return out.props;
    },
  };
}

/** How adding a case went: built, or rejected with the Cirrus validation error (its message). */
interface Added {
  readonly outcome: 'rejected' | 'built';
  readonly message?: string;
}

/** One batch of cases under construction. */
interface Batch {
  /** Adds a case; returns 'rejected' when it threw the Cirrus validation error. Other errors propagate. */
  add(index: number, build: (ctx: CaseContext) => void, region: string, mutation?: CaseWrong): Added;
  /** Synthesizes everything built and returns the problems found (empty: valid). */
  problems(): string[];
}

function awsBatch(): Batch {
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'cirrus-fuzz-')) });
  return {
    add(index, build, region, mutation = {}) {
      const id = `Case${index}`;
      // A stack per case: CloudFormation's 500-resource limit applies per case (one shared stack was measured no faster).
      const stack = new Stack(app, id, { env: { region, account: '123456789012' } });
      try {
        build(contextFor('aws', stack, mutation));
        return { outcome: 'built' };
      } catch (e) {
        app.node.tryRemoveChild(id);
        if (CirrusErrors.isValidationError(e)) {
          noteRejection(e);
          return { outcome: 'rejected', message: (e as Error).message };
        }
        throw e;
      }
    },
    problems() {
      // aws-cdk-lib prints its validation report with console.error; the report file is read instead.
      const consoleError = console.error;
      console.error = () => undefined;
      try {
        const assembly = app.synth();
        const file = path.join(assembly.directory, 'validation-report.json');
        const report = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
        const violations: string[] = (report.pluginReports ?? []).flatMap((r: any) => (r.violations ?? []).map((v: any) =>
          `${v.ruleName}: ${v.description}${v.violatingResources?.length ? ` [${v.violatingResources.map((x: any) => `${x.templatePath ? path.basename(x.templatePath) : ''}:${x.resourceLogicalId}`).join(', ')}]` : ''}`));
        fs.rmSync(assembly.directory, { recursive: true, force: true });
        return violations.filter((v) => !ACCEPTED_AWS_VIOLATIONS.some((a) => a.test(v)));
      } catch (e) {
        return [`synth threw ${(e as Error).stack ?? e}`];
      } finally {
        console.error = consoleError;
      }
    },
  };
}

function terraformBatch(cloud: 'azure' | 'gcp', stackPerCase: boolean): Batch {
  const { Testing } = require('cdktf') as typeof import('cdktf');
  const { AzureStack, GcpStack } = require('../../index') as typeof import('../../index');
  const app = Testing.app();
  const newStack = (id: string) => (cloud === 'azure'
    ? new AzureStack(app, id, { location: 'westeurope' })
    : new GcpStack(app, id, { project: 'acme-prod', region: 'europe-west1' }));
  const stacks = stackPerCase ? [] : [newStack('fuzz')];
  return {
    add(index, build, _region, mutation = {}) {
      const id = `Case${index}`;
      if (stackPerCase) {
        stacks.push(newStack(`fuzz${index}`));
      }
      const stack = stacks[stacks.length - 1];
      const scope = new Construct(stack, id);
      try {
        // Variables live in the stack: a rejected case's scope is removed, but stack-level resources it created may keep referencing them.
        build(contextFor(cloud, scope, mutation, stack));
        return { outcome: 'built' };
      } catch (e) {
        stack.node.tryRemoveChild(id);
        if (stackPerCase) {
          app.node.tryRemoveChild(stack.node.id);
          stacks.pop();
        }
        if (CirrusErrors.isValidationError(e)) {
          noteRejection(e);
          return { outcome: 'rejected', message: (e as Error).message };
        }
        throw e;
      }
    },
    problems() {
      try {
        return stacks.flatMap((stack) => terraformProblems(JSON.parse(Testing.synth(stack, true)), cloud).map((p) => (stackPerCase ? `${stack.node.id}: ${p}` : p)));
      } catch (e) {
        return [`synth threw ${(e as Error).stack ?? e}`];
      }
    },
  };
}

function newBatch(cloud: Cloud, stackPerCase = false): Batch {
  return cloud === 'aws' ? awsBatch() : terraformBatch(cloud, stackPerCase);
}

/** Printable form of a recipe (NaN, Infinity, -0 and undefined kept; long strings abbreviated as `"x".repeat(n)` or with their length). */
export function show(recipe: unknown): string {
  const long = new Map<string, string>();
  const abbreviate = (v: unknown): unknown => {
    if (typeof v === 'string' && v.length > 80) {
      const key = `@@long${long.size}@@`;
      long.set(key, /^(.)\1*$/u.test(v) ? `${JSON.stringify(v[0])}.repeat(${v.length})` : `${JSON.stringify(v.slice(0, 60))}+... (${v.length} chars)`);
      return key;
    }
    if (Array.isArray(v)) {
      return v.map(abbreviate);
    }
    if (v !== null && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, abbreviate(x)]));
    }
    return v;
  };
  let text = fc.stringify(abbreviate(recipe));
  for (const [key, value] of long) {
    text = text.replace(JSON.stringify(key), value);
  }
  return text.replace(/__proto__:null,/g, '');
}

function failure(cloud: Cloud, what: string, recipe: unknown, detail: string): Error {
  return new Error(
    `${what} on ${cloud} (FUZZ_SEED=${SEED})\ncase: ${show(recipe)}\n${detail.split('\n').slice(0, 40).join('\n')}`,
  );
}

/**
 * Runs a suite: at least `CASES` cases in batches, each batch one fast-check
 * run. Throws (failing the test) with the seed and the culprit case on the
 * first case that breaks the oracle. Returns counts for the log.
 */
export function runFuzz<R>(suite: FuzzSuite<R>): FuzzStats {
  const started = Date.now();
  const stats: FuzzStats = { cases: 0, rejected: 0, synthesized: 0, batches: 0, ms: 0, synthMs: 0, wrongTypes: 0, wrongTypeReruns: 0 };
  const region = (r: R) => suite.awsRegion?.(r) ?? 'eu-west-1';
  const runs = Math.ceil(CASES / suite.batchSize);

  /** A wrong type must be rejected, by an error naming its prop and value unless the case is invalid without it too. */
  const checkWrongType = (recipe: R, added: Added, applied: AppliedWrong): void => {
    const what = `wrong type: ${describeWrong(applied)}`;
    if (added.outcome === 'built') {
      throw failure(suite.cloud, 'a prop of the wrong type was accepted', recipe, what);
    }
    if (namesTheMistake(added.message ?? '', applied)) {
      return;
    }
    stats.wrongTypeReruns++;
    if (process.env.FUZZ_DEBUG === 'wrong') {
      console.log(`not named: ${what}\n  error: ${added.message}`);
    }
    const alone = newBatch(suite.cloud, suite.stackPerCase).add(0, (ctx) => suite.build(ctx, recipe), region(recipe));
    if (alone.outcome === 'built') {
      throw failure(suite.cloud, `the error does not name the prop of the wrong type (${applied.names.join(', ')}) and its value`, recipe, `${what}\nerror: ${added.message}`);
    }
  };

  const runBatch = (recipes: R[]): void => {
    const batch = newBatch(suite.cloud, suite.stackPerCase);
    const built: R[] = [];
    recipes.forEach((recipe, i) => {
      stats.cases++;
      const mutation: CaseWrong = { recipe: (recipe as { wrong?: WrongRecipe }).wrong };
      const wrongText = () => (mutation.applied ? `\nwrong type: ${describeWrong(mutation.applied)}` : '');
      let added: Added;
      try {
        added = batch.add(i, (ctx) => suite.build(ctx, recipe), region(recipe), mutation);
      } catch (e) {
        throw failure(suite.cloud, 'construction threw an error that is not the Cirrus validation error', recipe, `${wrongText().trim()}\n${String((e as Error).stack ?? e)}`);
      }
      if (mutation.applied) {
        stats.wrongTypes++;
        checkWrongType(recipe, added, mutation.applied);
      }
      if (added.outcome === 'rejected') {
        stats.rejected++;
      } else {
        built.push(recipe);
      }
    });
    if (built.length === 0) {
      return;
    }
    stats.batches++;
    const synthStarted = Date.now();
    const problems = batch.problems();
    stats.synthMs += Date.now() - synthStarted;
    if (problems.length === 0) {
      stats.synthesized += built.length;
      return;
    }
    // Find the culprit: each built case alone.
    for (const recipe of built) {
      const single = newBatch(suite.cloud, suite.stackPerCase);
      single.add(0, (ctx) => suite.build(ctx, recipe), region(recipe), { recipe: (recipe as { wrong?: WrongRecipe }).wrong });
      const alone = single.problems();
      if (alone.length > 0) {
        throw failure(suite.cloud, 'the case synthesized invalid output', recipe, alone.join('\n'));
      }
    }
    throw failure(suite.cloud, 'these cases are valid alone but not together in one stack', built, problems.join('\n'));
  };

  const details = fc.check(
    fc.property(fc.array(suite.arbitrary, { minLength: suite.batchSize, maxLength: suite.batchSize }), (recipes) => {
      runBatch(recipes);
    }),
    { seed: SEED, numRuns: runs, endOnFailure: process.env.FUZZ_SHRINK !== '1' },
  );
  if (details.failed) {
    // The harness's own error names the culprit case; fast-check's counterexample is the whole batch, so it is not printed.
    const cause = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new Error(`fuzz failed (seed ${details.seed}, path "${details.counterexamplePath}", after ${details.numRuns} batches): ${cause}`);
  }
  stats.ms = Date.now() - started;
  return stats;
}

/** One line per suite for the test log. */
export function describeStats(name: string, cloud: Cloud, s: FuzzStats): string {
  return `${name} on ${cloud}: ${s.cases} cases (${s.rejected} rejected by validation, of which ${s.wrongTypes} had a prop of the wrong type; ${s.synthesized} synthesized and checked in ${s.batches} batches) in ${(s.ms / 1000).toFixed(1)} s (synth and checks ${(s.synthMs / 1000).toFixed(1)} s), seed ${SEED}`;
}

/** Asserts the suite exercised both outcomes, so a generator that only makes invalid (or only valid) cases is noticed. */
export function expectBothOutcomes(s: FuzzStats): void {
  if (s.cases < CASES || s.rejected < s.cases * 0.05 || s.synthesized < s.cases * 0.05 || s.wrongTypes < s.cases * 0.1) {
    throw new Error(`the generator is unbalanced: ${JSON.stringify(s)}; want at least ${CASES} cases, 5% of each outcome and 10% with a wrong type`);
  }
}
