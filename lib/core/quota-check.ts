import { QuotaRule } from './quotas';

/** What one stack creates that counts against the quotas: resource counts by type and region. */
export interface StackUsage {
  /** The stack's construct path, for messages. */
  readonly stackPath: string;
  /**
   * The project (GCP) or subscription (Azure) the stack deploys to, or
   * undefined when only Terraform's credentials decide it (an AzureStack
   * without subscriptionId): such stacks are counted together per app.
   */
  readonly account?: string;
  /** Resource counts: `counts[type][region]`; region '' when the type has none. */
  readonly counts: { [type: string]: { [region: string]: number } };
  /** Quota values the stack declares as granted, by quota id. */
  readonly granted: { [quotaId: string]: number };
}

/** One quota a group of stacks would exceed. */
export interface QuotaExcess {
  readonly quota: QuotaRule;
  readonly total: number;
  readonly limit: number;
  /** The construct paths of the stacks that add to the total. */
  readonly stackPaths: string[];
  readonly problem: string;
}

const ACCOUNT_WORD: Record<string, string> = { gcp: 'project', azure: 'subscription' };

/**
 * Adds up every stack's resources per quota scope (project or
 * subscription, and region where the quota counts per region; or each
 * stack on its own for `stack` quotas) and returns each quota exceeded,
 * with its name, the totals per stack, and the fix. The limit is the
 * largest value any stack of the group declares in `grantedQuotas`, else
 * the quota's default.
 */
export function quotaExcesses(cloud: 'gcp' | 'azure', rules: QuotaRule[], stacks: StackUsage[]): QuotaExcess[] {
  const word = ACCOUNT_WORD[cloud];
  const excesses: QuotaExcess[] = [];
  for (const rule of rules) {
    const types = rule.perType ? rule.resourceTypes.map((t) => [t]) : [rule.resourceTypes];
    for (const typeSet of types) {
      const groups = new Map<string, { label: string; byStack: Map<string, number>; stacks: StackUsage[] }>();
      for (const stack of stacks) {
        for (const type of typeSet) {
          for (const [region, count] of Object.entries(stack.counts[type] ?? {})) {
            const scope = rule.per === 'stack' ? `stack ${stack.stackPath}` : scopeLabel(word, stack.account, rule.per.endsWith('region') ? region : '');
            const group = groups.get(scope) ?? { label: scope, byStack: new Map<string, number>(), stacks: [] };
            group.byStack.set(stack.stackPath, (group.byStack.get(stack.stackPath) ?? 0) + count);
            if (!group.stacks.includes(stack)) {
              group.stacks.push(stack);
            }
            groups.set(scope, group);
          }
        }
      }
      for (const group of groups.values()) {
        const total = [...group.byStack.values()].reduce((a, b) => a + b, 0);
        const declared = group.stacks.map((s) => s.granted[rule.id]).filter((v): v is number => v !== undefined);
        const limit = declared.length > 0 ? Math.max(...declared) : rule.defaultValue;
        if (total > limit) {
          excesses.push({ quota: rule, total, limit, stackPaths: [...group.byStack.keys()], problem: describe(rule, typeSet, group.label, group.byStack, total, limit, declared.length > 0, word) });
        }
      }
    }
  }
  return excesses;
}

function scopeLabel(word: string, account: string | undefined, region: string): string {
  const where = account ? `${word} ${account}` : `the ${word} Terraform's credentials select (not set on the stacks, so counted per app)`;
  return region ? `${where}, region ${region}` : where;
}

function describe(rule: QuotaRule, types: string[], label: string, byStack: Map<string, number>, total: number, limit: number, declared: boolean, word: string): string {
  const parts = [...byStack.entries()].map(([path, n]) => `${n} in ${path}`).join(', ');
  const what = rule.perType ? `${types[0]} resources` : types.join(' and ');
  const fix = !rule.adjustable
    ? `this is a hard limit: spread the system over another ${word === 'project' ? 'project' : 'subscription or resource group'}, or create fewer of them`
    : declared
      ? `request a quota increase above ${total} and declare the granted value in grantedQuotas { '${rule.id}': <value> } on the stacks`
      : `the default is ${rule.defaultValue}: request a quota increase (it is adjustable), then declare the granted value on the stacks with grantedQuotas: { '${rule.id}': <value> }; splitting into more stacks of the same ${word} does not help, quotas count per ${rule.per}`;
  return `quota "${rule.name}" (${rule.id}, ${rule.source.split(' ')[0]}) exceeded in ${label}: ${total} ${what} (${parts}) against ${limit}; ${fix}`;
}

/**
 * Checks a stack's `grantedQuotas`: keys must be quota ids of the stack's
 * cloud, values whole numbers at least the default (a granted quota is an
 * increase). Returns the accepted map.
 */
export function checkGrantedQuotas(problems: { invalid(prop: string, rule: string, value: unknown): void }, value: unknown, rules: QuotaRule[]): { [quotaId: string]: number } {
  if (value === undefined) {
    return {};
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    problems.invalid('grantedQuotas', `must map quota ids to numbers, e.g. { '${rules[0].id}': 300 }`, value);
    return {};
  }
  const accepted: { [quotaId: string]: number } = {};
  for (const [id, granted] of Object.entries(value)) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) {
      problems.invalid(`grantedQuotas.${id}`, `must be one of ${rules.filter((r) => r.adjustable).map((r) => r.id).join(', ')} (the adjustable quotas Cirrus checks)`, id);
    } else if (!rule.adjustable) {
      problems.invalid(`grantedQuotas.${id}`, `is a hard limit of ${rule.defaultValue} (${rule.source.split(' ')[0]}), not a quota that can be raised`, granted);
    } else if (typeof granted !== 'number' || !Number.isInteger(granted) || granted < rule.defaultValue) {
      problems.invalid(`grantedQuotas.${id}`, `must be a whole number of at least ${rule.defaultValue} (the default of "${rule.name}")`, granted);
    } else {
      accepted[id] = granted;
    }
  }
  return accepted;
}
