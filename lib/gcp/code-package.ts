import { StorageBucket } from '@cdktf/provider-google/lib/storage-bucket';
import { StorageBucketObject } from '@cdktf/provider-google/lib/storage-bucket-object';
import { AssetType, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import type { GcpStack } from '../../constructs/gcp-stack';
import type { FunctionSpec } from '../core/function-spec';
import { buildPackage, codeFiles } from '../core/package/code-package';
import { StackShared } from '../core/stack-shared';
import { withEntryPoint } from './entry-point';
import { gcpBucketName } from './names';
import { needsApis } from './stack-services';

/** Noncurrent code objects (replaced by a newer upload) are deleted after this many days. */
const NONCURRENT_CODE_DAYS = 30;

/**
 * The stack's private bucket of function code packages: uniform access,
 * public access prevention enforced, versioned, never force-destroyed.
 */
const CODE_BUCKET = new StackShared((stack: GcpStack) => new StorageBucket(stack, 'CirrusCodeBucket', {
  name: gcpBucketName(stack.project, stack, 'code'),
  location: stack.region,
  uniformBucketLevelAccess: true,
  publicAccessPrevention: 'enforced',
  versioning: { enabled: true },
  forceDestroy: false,
  lifecycleRule: [{ action: { type: 'Delete' }, condition: { daysSinceNoncurrentTime: NONCURRENT_CODE_DAYS } }],
  dependsOn: needsApis(stack, 'storage'),
}));

/** Where a function's source package lives in Cloud Storage. */
export interface UploadedCode {
  readonly bucket: StorageBucket;
  readonly object: StorageBucketObject;
  /** sha256 of the zip. */
  readonly hash: string;
}

/**
 * Zips the function's code (with the files GCP needs to find the handler)
 * at synth time and uploads it as `<function name>/<sha256>.zip`, so every
 * code change is a new object and a new build.
 */
export function uploadCode(scope: Construct, stack: GcpStack, spec: FunctionSpec, functionName: string): UploadedCode {
  const built = buildPackage(withEntryPoint(spec, codeFiles(spec)));
  const asset = new TerraformAsset(scope, 'CodeAsset', { path: built.zipPath, type: AssetType.FILE, assetHash: built.hash });
  const bucket = CODE_BUCKET.of(stack);
  const object = new StorageBucketObject(scope, 'CodeObject', {
    name: `${functionName}/${built.hash}.zip`,
    bucket: bucket.name,
    source: asset.path,
    contentType: 'application/zip',
  });
  return { bucket, object, hash: built.hash };
}
