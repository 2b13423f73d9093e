import { Construct } from 'constructs';
import { CloudProvider } from '../lib/core/cloud-provider';
import { markKind } from '../lib/core/validation';
import { markCloud } from '../lib/targets/resolve-target';

/**
 * Props of a LocalStack.
 */
export interface LocalStackProps {
  /**
   * Where the local run keeps its buckets (a folder per EventBucket).
   * @default `.cirrus/local/<stack id>` in the current folder
   */
  readonly dataDir?: string;
  /**
   * A JSON file of secret values by secret name (`{ "db-password": "..." }`)
   * for the functions' `SecretRef`s. A variable `CIRRUS_SECRET_<NAME>` (the
   * secret name in constant case) overrides an entry. Never read from a cloud.
   * @default `.cirrus/secrets.json` in the current folder, if it exists
   */
  readonly secretsFile?: string;
}

/**
 * The fourth target: this machine. Place Cirrus constructs in a LocalStack,
 * as in an aws-cdk-lib Stack, an AzureStack or a GcpStack, and run them with
 * `LocalRun.start(stack)` or `npx cirrus dev <app file>`. Nothing is
 * synthesized.
 */
export class LocalStack extends Construct {
  /** The stacks created in this process, in order (what `npx cirrus dev` runs). */
  public static all(): LocalStack[] {
    return [...CREATED];
  }

  /** The target: always CloudProvider.LOCAL. */
  public readonly provider = CloudProvider.LOCAL;

  /** Where the local run keeps bucket contents. */
  public readonly dataDir: string;

  /** The secrets file, if one is given or found. */
  public readonly secretsFile?: string;

  /**
   * @param scope an app, or nothing (the stack is then the root of its construct tree)
   * @param id the stack id
   * @param props data folder and secrets
   */
  constructor(scope?: Construct, id?: string, props: LocalStackProps = {}) {
    super(scope as Construct, id ?? 'local');
    markCloud(this, CloudProvider.LOCAL);
    this.dataDir = props.dataDir ?? `.cirrus/local/${this.node.id}`;
    this.secretsFile = props.secretsFile;
    CREATED.push(this);
  }
}

/** The stacks created in this process, shared by every copy of Cirrus loaded in it. */
const REGISTRY = Symbol.for('cirrus-constructs.local-stacks');
const CREATED: LocalStack[] = sharedList(REGISTRY);

/** The list held by `globalThis` under `key`, created on first use. */
function sharedList(key: symbol): LocalStack[] {
  const existing: unknown = Reflect.get(globalThis, key);
  if (Array.isArray(existing)) {
    return existing;
  }
  const created: LocalStack[] = [];
  Reflect.set(globalThis, key, created);
  return created;
}

markKind(LocalStack, 'LocalStack');
