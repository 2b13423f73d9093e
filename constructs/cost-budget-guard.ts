import * as path from 'path';
import { Construct, IConstruct } from 'constructs';
import { AlarmTarget, FunctionAlarms } from '../lib/core/alarms';
import { AwsCostScope, BudgetThreshold, EstimateCheck } from '../lib/core/budget';
import { buildBudgetSpec, BudgetSpec, estimateExceedsLimit } from '../lib/core/budget-spec';
import { cents } from '../lib/core/capacity';
import { CloudProvider } from '../lib/core/cloud-provider';
import { apiMonthlyCost, CostLine, freeTierCredit, functionMonthlyCost } from '../lib/core/cost-estimate';
import { DIAGRAM_DESCRIPTIONS } from '../lib/core/diagram/describe';
import { CirrusValidationError, describeValue } from '../lib/core/errors';
import { FunctionCode } from '../lib/core/function-code';
import { PRICE_TABLE } from '../lib/core/pricing';
import { FunctionRuntime } from '../lib/core/runtime';
import { loadBudgetRenderer } from '../lib/targets/load-budget-renderer';
import { addWarning } from '../lib/targets/annotations';
import { resolveTarget } from '../lib/targets/resolve-target';
import { writeBesideStackOutput } from '../lib/targets/synthesis';
import { writeArchitectureAtSynth } from '../lib/targets/architecture-output';
import { BudgetEnforcement } from './budget-enforcement';
import { budgetDiagram } from './diagram/budget-diagram';
import { HttpApi } from './http-api';
import { EventDrivenFunction } from './event-driven-function';
import { ProvisionedWarmPool } from './provisioned-warm-pool';
import { given, isStruct, markKind } from '../lib/core/validation';

/**
 * Props of a CostBudgetGuard.
 */
export interface CostBudgetGuardProps {
  /** The monthly limit in USD. */
  readonly monthlyLimitUsd: number;
  /**
   * When to notify, as percentages of the limit.
   * @default actual 80 and 100, forecasted 100
   */
  readonly thresholds?: BudgetThreshold[];
  /**
   * Who is notified by email.
   * @default - nobody by email (AWS: the SNS topic; Azure: the action group; GCP: the Pub/Sub topic)
   */
  readonly notifyEmails?: string[];
  /**
   * What happens besides notifying.
   * @default BudgetEnforcement.alertOnly()
   */
  readonly enforcement?: BudgetEnforcement;
  /**
   * The billing account the budget belongs to. Required on GCP, rejected elsewhere.
   * @default - none
   */
  readonly billingAccountId?: string;
  /**
   * What synthesis does when the cost estimate exceeds the limit.
   * @default EstimateCheck.WARN
   */
  readonly onEstimateOverLimit?: EstimateCheck;
  /**
   * AWS only: which spend the budget tracks. `AwsCostScope.ACCOUNT` tracks
   * the account's spend from the first day; `AwsCostScope.STACK_TAG` tracks
   * only this stack's resources through a cost-allocation tag that the payer
   * account must activate once (synthesis warns with the command to run).
   * Rejected on Azure (scoped to the resource
   * group) and GCP (scoped to the project).
   * @default AwsCostScope.ACCOUNT
   */
  readonly awsCostScope?: AwsCostScope;
}

/**
 * One line of a cost estimate.
 */
export interface CostItem {
  /** What is priced: a construct path, or `free tier`. */
  readonly item: string;
  /** What the line covers: `requests + compute`, `warm capacity` or `credit`. */
  readonly kind: string;
  /** USD per month (negative for free-tier credits). */
  readonly monthlyUsd: number;
  /** How the number was made, with the prices and their date. */
  readonly basis: string;
}

/** Folder of the enforcer code shipped with Cirrus for a cloud. */
function enforcerCode(cloud: CloudProvider): FunctionCode {
  return FunctionCode.fromAsset(path.join(__dirname, '..', 'lib', cloud, 'assets', 'budget-enforcer'));
}

/**
 * A real budget on the stack's spend with notifications, an optional path
 * that stops functions when spend runs over, and a synth-time estimate of the
 * monthly cost of the functions and warm pools in the stack.
 *
 * - AWS: AWS Budgets on the account's spend (or, with
 *   `AwsCostScope.STACK_TAG`, the stack's cost-allocation tag); emails and an
 *   encrypted SNS topic only this account's Budgets may publish to.
 * - Azure: a consumption budget on the stack's resource group, notifying emails
 *   and an action group.
 * - GCP: a billing budget on the project, with email notification channels and
 *   a Pub/Sub topic for all updates.
 */
export class CostBudgetGuard extends Construct {
  /** The cloud the guard renders for. */
  public readonly provider: CloudProvider;

  /** The monthly limit in USD. */
  public readonly monthlyLimitUsd: number;

  private readonly spec: BudgetSpec;
  private readonly stack: IConstruct;
  private warned = false;

  /**
   * @param scope a construct in an aws-cdk-lib Stack, AzureStack or GcpStack
   * @param id the construct id
   * @param props limit, thresholds, recipients, enforcement
   */
  constructor(scope: Construct, id: string, props: CostBudgetGuardProps) {
    super(scope, id);
    DIAGRAM_DESCRIPTIONS.set(this, budgetDiagram(this, () => ({ functions: this.targets, atPercent: this.spec.enforcementPercent })));
    const target = resolveTarget(scope, this.node.path);
    this.provider = target.provider;
    this.stack = target.stack;
    if (!isStruct(props)) {
      throw new CirrusValidationError(this.node.path, [`props must be an object with monthlyLimitUsd (got ${describeValue(props)})`]);
    }
    const enforcement = given(props.enforcement, BudgetEnforcement.alertOnly());
    // The enforcement's problems and the budget's are reported together.
    const enforcementProblems: string[] = [];
    const targets = this.checkTargets(enforcement, enforcementProblems);
    this.targets = targets;
    const stopAt = enforcement instanceof BudgetEnforcement && Array.isArray(enforcement.functions) && enforcement.functions.length > 0 ? enforcement.atPercent : undefined;
    try {
      this.spec = buildBudgetSpec(this.provider, this.node.path, props, stopAt);
    } catch (e) {
      throw e instanceof CirrusValidationError ? new CirrusValidationError(this.node.path, [...enforcementProblems, ...e.problems]) : e;
    }
    if (enforcementProblems.length > 0) {
      throw new CirrusValidationError(this.node.path, enforcementProblems);
    }
    this.monthlyLimitUsd = this.spec.monthlyLimitUsd;

    const renderer = loadBudgetRenderer(this.provider, this.node.path);
    let enforcer: EventDrivenFunction | undefined;
    // The local run bills nothing and stops nothing: no enforcer there.
    if (targets.length > 0 && this.provider !== CloudProvider.LOCAL) {
      const setup = renderer.enforcerSetup(this, this.spec, targets);
      enforcer = new EventDrivenFunction(this, 'Enforcer', {
        runtime: FunctionRuntime.NODEJS_22,
        code: enforcerCode(this.provider),
        handler: 'index.handler',
        description: `Cirrus budget enforcer of ${this.node.path}: stops ${targets.length} function(s) when spend crosses ${this.spec.enforcementPercent}%`,
        timeoutSeconds: 60,
        environment: setup.environment,
        triggers: setup.triggers,
        // The enforcer's own failures page the budget's recipients; without any, it has no alarms to route.
        alarms: this.spec.notifyEmails.length > 0 ? FunctionAlarms.defaults() : FunctionAlarms.none(),
        notify: this.spec.notifyEmails.length > 0 ? this.spec.notifyEmails.map((e) => AlarmTarget.email(e)) : undefined,
      });
    }
    renderer.renderBudget(this, this.spec, targets, enforcer);
    this.node.addValidation({ validate: () => this.checkEstimate() });
    this.writeEstimateAtSynth();
    writeArchitectureAtSynth(this);
  }

  private readonly targets: EventDrivenFunction[];

  /**
   * Estimated monthly cost in USD of the functions (with an expectedLoad) and
   * warm pools in the guard's stack, after the free tier. Read it once every
   * construct of the stack exists.
   */
  public get estimatedMonthlyCostUsd(): number {
    return cents(this.costBreakdown.reduce((sum, line) => sum + line.monthlyUsd, 0));
  }

  /**
   * The estimate, line by line: each function with an expectedLoad, each warm
   * pool, and the free-tier credit.
   */
  public get costBreakdown(): CostItem[] {
    const lines: CostLine[] = [];
    const onDemand: ReturnType<typeof functionMonthlyCost>['usage'][] = [];
    for (const c of this.stack.node.findAll()) {
      if (c instanceof EventDrivenFunction && c._spec.expectedLoad) {
        const warm = c._warmPool !== undefined;
        const line = functionMonthlyCost(this.provider, c.memoryMb, c._spec.expectedLoad, warm);
        lines.push({ item: c.node.path, kind: line.kind, monthlyUsd: line.monthlyUsd, basis: line.basis });
        if (!warm) {
          onDemand.push(line.usage);
        }
      } else if (c instanceof HttpApi) {
        // Every invocation of a routed function is counted as a request: an upper bound for functions with other triggers too.
        const routed = new Set(c._routes.map((r) => r.functionPath));
        const fns = this.stack.node.findAll().filter((f): f is EventDrivenFunction => f instanceof EventDrivenFunction && routed.has(f.node.path) && f._spec.expectedLoad !== undefined);
        if (fns.length > 0) {
          const line = apiMonthlyCost(this.provider, fns.reduce((n, f) => n + f._spec.expectedLoad!.monthlyInvocations, 0));
          lines.push({ ...line, item: c.node.path });
        }
      } else if (c instanceof ProvisionedWarmPool) {
        // Azure keeps the floor warm for each trigger group of the app (http, each queue function).
        const groups = this.provider === CloudProvider.AZURE ? c.function._warmPool?.azureGroups ?? [] : [];
        const instances = groups.length > 1
          ? `${c.plannedMinInstances} always-ready instance(s) for each of ${groups.join(', ')} (${c.plannedMinInstances * groups.length} in all)`
          : `${c.plannedMinInstances} instance(s)`;
        lines.push({
          item: c.node.path,
          kind: 'warm capacity',
          monthlyUsd: c.estimatedMonthlyCostUsd,
          basis: `${instances} of ${c.function.memoryMb} MB kept warm for 730 h (${PRICE_TABLE.date} list prices)`,
        });
      }
    }
    const credit = freeTierCredit(this.provider, onDemand);
    return credit ? [...lines, credit] : lines;
  }

  /** The functions to stop; what is wrong with the enforcement goes to `problems`. */
  private checkTargets(enforcement: BudgetEnforcement, problems: string[]): EventDrivenFunction[] {
    if (!(enforcement instanceof BudgetEnforcement)) {
      problems.push(`enforcement must be BudgetEnforcement.alertOnly() or BudgetEnforcement.stopFunctions([...]) (got ${describeValue(enforcement)})`);
      return [];
    }
    if (!Array.isArray(enforcement.functions)) {
      problems.push(`enforcement.functions must be an array of EventDrivenFunction, e.g. BudgetEnforcement.stopFunctions([fn]) (got ${describeValue(enforcement.functions)})`);
      return [];
    }
    const atPercent = enforcement.atPercent;
    if (atPercent !== undefined && enforcement.functions.length === 0) {
      problems.push('enforcement stops no function: BudgetEnforcement.stopFunctions needs at least one');
    }
    enforcement.functions.forEach((fn, i) => {
      if (!(fn instanceof EventDrivenFunction)) {
        problems.push(`enforcement.functions[${i}] must be an EventDrivenFunction (got ${describeValue(fn)})`);
      } else if (resolveTarget(fn, fn.node.path).stack !== this.stack) {
        problems.push(`enforcement.functions[${i}] (${fn.node.path}) is in another stack: a guard stops functions of its own stack (${this.stack.node.path})`);
      }
    });
    if (new Set(enforcement.functions).size !== enforcement.functions.length) {
      problems.push('enforcement lists a function twice');
    }
    return enforcement.functions.filter((fn): fn is EventDrivenFunction => fn instanceof EventDrivenFunction);
  }

  private checkEstimate(): string[] {
    if (this.spec.estimateCheck === EstimateCheck.IGNORE) {
      return [];
    }
    const total = this.estimatedMonthlyCostUsd;
    if (!estimateExceedsLimit(total, this.monthlyLimitUsd)) {
      return [];
    }
    const biggest = [...this.costBreakdown].sort((a, b) => b.monthlyUsd - a.monthlyUsd).slice(0, 3)
      .map((l) => `${l.item} (${l.kind}) $${l.monthlyUsd.toFixed(2)}`).join('; ');
    const message = `estimated monthly cost $${total.toFixed(2)} exceeds monthlyLimitUsd $${this.monthlyLimitUsd.toFixed(2)}; biggest items: ${biggest}`;
    if (this.spec.estimateCheck === EstimateCheck.FAIL) {
      return [`${this.node.path}: ${message}`];
    }
    if (!this.warned) {
      this.warned = true;
      addWarning(this, this.provider, 'cost-estimate', message);
    }
    return [];
  }

  private estimateDocument(): object {
    return {
      stack: this.stack.node.id,
      cloud: this.provider,
      guard: this.node.path,
      currency: 'USD',
      priceTableDate: PRICE_TABLE.date,
      monthlyLimitUsd: this.monthlyLimitUsd,
      estimatedMonthlyCostUsd: this.estimatedMonthlyCostUsd,
      overLimit: estimateExceedsLimit(this.estimatedMonthlyCostUsd, this.monthlyLimitUsd),
      items: this.costBreakdown,
    };
  }

  /** Writes the estimate next to the stack's output: `<stack>.cost-estimate.json` (AWS) or `cost-estimate.json` (Terraform). */
  private writeEstimateAtSynth(): void {
    writeBesideStackOutput(this, this.provider, 'cost-estimate.json', () => JSON.stringify(this.estimateDocument(), null, 2) + '\n');
  }
}

markKind(CostBudgetGuard, 'CostBudgetGuard');
