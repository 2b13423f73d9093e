import * as fs from 'fs';
import * as os from 'os';

/**
 * Options of SnapshotNormalizer.
 */
export interface SnapshotNormalizerOptions {
  /**
   * More absolute paths to replace, each with `<path>` (for example a
   * monorepo root that is not the working directory).
   * @default - only the working directory, the temporary directory and the home directory
   */
  readonly extraPaths?: string[];
  /**
   * Keep the provider versions of Terraform's `required_providers`, so that a
   * provider upgrade shows up in the snapshot.
   * @default false - they become `<version>`
   */
  readonly keepProviderVersions?: boolean;
}

/** A sha256 in hex (CDK asset hashes, Cirrus code package hashes, Docker image tags), not part of a longer hex run. */
const SHA256 = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{64}(?![0-9A-Fa-f])/g;
/** The configuration hash CDK appends to the logical id of a Lambda function's current version (after the 8-character path hash). */
const LAMBDA_VERSION = /(CurrentVersion[0-9A-F]{8})[0-9a-f]{32}/g;
/** Asset parameters of the legacy CDK synthesizer: the asset hash and a path hash that includes it. */
const ASSET_PARAMETER = /AssetParameters[0-9a-f]{64}(S3Bucket|S3VersionKey|ArtifactHash)[0-9A-F]{8}/g;
/** cdktf asset folders: `assets/<name>/<hash>/...`. */
const TF_ASSET = /(assets[/\\][^/\\\s"']+[/\\])[0-9A-Fa-f]{32,}(?=[/\\])/g;
/** The folder right under the temporary directory: mkdtemp names are random. */
const TEMP_FOLDER = /<tmp>[/\\][^/\\\s"'<>|:*?]+/g;
/** Keys of version fields inside cdktf `//` metadata blocks, and Cirrus version tags or labels. */
const VERSION_KEY = /(^|[-_:.])version$/i;
const CIRRUS_VERSION_KEY = /cirrus[-_:.]?version/i;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** The machine's absolute paths and their placeholders, longest first (a working directory inside the temp directory wins). */
function pathReplacements(options: SnapshotNormalizerOptions): Array<{ pattern: RegExp; placeholder: string }> {
  const entries: Array<[string | undefined, string]> = [
    ...(options.extraPaths ?? []).map((p): [string, string] => [p, '<path>']),
    [process.cwd(), '<cwd>'],
    [realpath(process.cwd()), '<cwd>'],
    [os.tmpdir(), '<tmp>'],
    [realpath(os.tmpdir()), '<tmp>'],
    [os.homedir(), '<home>'],
    [realpath(os.homedir()), '<home>'],
  ];
  const seen = new Set<string>();
  const out: Array<{ path: string; placeholder: string }> = [];
  for (const [raw, placeholder] of entries) {
    const p = raw?.replace(/[/\\]+$/, '');
    // Never replace a root (`/`, `C:`): it is part of every path.
    if (!p || p.length < 2 || /^[A-Za-z]:$/.test(p)) {
      continue;
    }
    for (const variant of [p, p.replace(/\\/g, '/')]) {
      if (!seen.has(variant)) {
        seen.add(variant);
        out.push({ path: variant, placeholder });
      }
    }
  }
  out.sort((a, b) => b.path.length - a.path.length);
  // A path is replaced only as a whole path or a leading part of one: `/tmp` in `/tmp/x`, not in `/var/tmp` or `/tmpfile`.
  return out.map(({ path, placeholder }) => ({
    pattern: new RegExp(`(?<![\\w.~-])${escapeRegExp(path)}(?![\\w.~-])`, 'g'),
    placeholder,
  }));
}

/**
 * Makes synthesized output stable for snapshot tests, for CloudFormation
 * templates and Terraform JSON alike. It replaces what changes without a
 * change of the infrastructure's meaning:
 *
 * - content hashes: CDK asset hashes (`<hash>.zip` S3 keys, asset paths and
 *   parameters, container image tags), the configuration hash in the logical
 *   id of a Lambda function's `CurrentVersion`, cdktf asset folders
 *   (`assets/<name>/<hash>/`) and the sha256 of the code packages Cirrus
 *   builds for Azure and GCP, each with `<hash>`;
 * - versions: the version fields of cdktf's `//` metadata, the provider
 *   versions of `required_providers` (see `keepProviderVersions`), Cirrus
 *   version tags and the CDK analytics string of `AWS::CDK::Metadata`, with
 *   `<version>`; cdktf stack traces with `<stack trace>`;
 * - absolute paths of the machine: the working directory (`<cwd>`), the
 *   temporary directory and the random folder under it (`<tmp>/<dir>`), the
 *   home directory (`<home>`) and `extraPaths` (`<path>`).
 *
 * Names Cirrus derives from construct paths (`func-orders-proce-63c85c0e`)
 * are stable and kept: a change there replaces a deployed resource, which
 * a snapshot should show.
 */
export class SnapshotNormalizer {
  /**
   * A normalized copy of synthesized output given as a JSON value: a
   * CloudFormation template (`Template.fromStack(stack).toJSON()`) or
   * Terraform JSON (`JSON.parse(Testing.synth(stack))`). Object keys are
   * normalized too (logical ids); the input is not changed.
   *
   * @param output the parsed template or Terraform JSON
   * @param options more paths to replace; whether to keep provider versions
   */
  public static normalize(output: any, options?: SnapshotNormalizerOptions): any {
    const opts = options ?? {};
    return normalizeValue(output, [], { options: opts, paths: pathReplacements(opts), inMetadata: false });
  }

  /**
   * `normalize` for output given as a JSON string (e.g. `Testing.synth(stack)`
   * or a `cdk.tf.json` file): returns the normalized JSON, indented by two spaces.
   *
   * @param json the template or Terraform JSON as text
   * @param options more paths to replace; whether to keep provider versions
   */
  public static normalizeJson(json: string, options?: SnapshotNormalizerOptions): string {
    return JSON.stringify(SnapshotNormalizer.normalize(JSON.parse(json), options), undefined, 2);
  }

  /**
   * The text rules of `normalize` (hashes and absolute paths) applied to any
   * text, e.g. a generated `architecture.md` or a log.
   *
   * @param text the text
   * @param options more paths to replace
   */
  public static normalizeText(text: string, options?: SnapshotNormalizerOptions): string {
    return normalizeString(text, pathReplacements(options ?? {}));
  }

  private constructor() {}
}

interface Context {
  readonly options: SnapshotNormalizerOptions;
  readonly paths: Array<{ pattern: RegExp; placeholder: string }>;
  /** Inside a cdktf `//` metadata block. */
  readonly inMetadata: boolean;
}

function normalizeString(text: string, paths: Context['paths']): string {
  let out = text
    .replace(ASSET_PARAMETER, 'AssetParameters<hash>$1<hash>')
    .replace(LAMBDA_VERSION, '$1<hash>')
    .replace(TF_ASSET, '$1<hash>')
    .replace(SHA256, '<hash>');
  for (const { pattern, placeholder } of paths) {
    out = out.replace(pattern, placeholder);
  }
  return out.replace(TEMP_FOLDER, '<tmp>/<dir>');
}

function normalizeValue(value: unknown, keyPath: string[], ctx: Context): unknown {
  if (typeof value === 'string') {
    return normalizeString(value, ctx.paths);
  }
  if (Array.isArray(value)) {
    return value.map((v, i) => normalizeValue(v, [...keyPath, String(i)], ctx));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const obj = value as Record<string, unknown>;
  const isCdkMetadata = obj.Type === 'AWS::CDK::Metadata';
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(obj)) {
    const childPath = [...keyPath, key];
    let normalized: unknown;
    if (ctx.inMetadata && key === 'stackTrace') {
      normalized = '<stack trace>';
    } else if (typeof child === 'string' && ((ctx.inMetadata && VERSION_KEY.test(key)) || CIRRUS_VERSION_KEY.test(key))) {
      normalized = '<version>';
    } else if (typeof child === 'string' && key === 'version' && !ctx.options.keepProviderVersions && isRequiredProvider(keyPath)) {
      normalized = '<version>';
    } else if (isCdkMetadata && key === 'Properties' && child !== null && typeof child === 'object') {
      normalized = { ...(normalizeValue(child, childPath, ctx) as object), ...('Analytics' in (child as object) ? { Analytics: '<version>' } : {}) };
    } else {
      normalized = normalizeValue(child, childPath, key === '//' ? { ...ctx, inMetadata: true } : ctx);
    }
    out[normalizeString(key, ctx.paths)] = normalized;
  }
  return out;
}

/** `terraform.required_providers.<name>` of Terraform JSON. */
function isRequiredProvider(keyPath: string[]): boolean {
  const n = keyPath.length;
  return n >= 3 && keyPath[n - 3] === 'terraform' && keyPath[n - 2] === 'required_providers';
}
