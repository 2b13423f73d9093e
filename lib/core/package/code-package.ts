import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FunctionCodeKind } from '../function-code';
import type { FunctionSpec } from '../function-spec';
import { writeZip, ZipEntry } from './zip-writer';

/** Folders never packaged. */
const SKIPPED = new Set(['.git', '.DS_Store', '__pycache__', 'cdk.out', 'cdktf.out']);

/** The files of a function's code: the asset folder's files, or the inline source as the handler module. */
export function codeFiles(spec: FunctionSpec): ZipEntry[] {
  if (spec.code.kind === FunctionCodeKind.INLINE) {
    return [{ path: `${spec.handlerFile}${spec.runtime.fileExtension}`, content: Buffer.from(spec.code.inlineSource ?? '', 'utf8') }];
  }
  const root = spec.code.assetPath!;
  const files: ZipEntry[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      if (SKIPPED.has(name)) {
        continue;
      }
      const full = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = fs.statSync(full);
      if (stat.isDirectory()) {
        walk(full, relPath);
      } else if (stat.isFile()) {
        files.push({ path: relPath, content: fs.readFileSync(full) });
      }
    }
  };
  walk(root, '');
  return files;
}

/** A deterministic zip written to a content-addressed file. */
export interface BuiltPackage {
  /** Absolute path of the zip file (outside the synth output; Terraform assets copy it). */
  readonly zipPath: string;
  /** sha256 of the zip, hex: changes whenever any file changes. */
  readonly hash: string;
}

/**
 * Zips the entries deterministically into `<tmp>/cirrus-packages/<hash>.zip`
 * (content-addressed, so concurrent synths never clash) and returns where.
 */
export function buildPackage(entries: ZipEntry[]): BuiltPackage {
  const zip = writeZip(entries);
  const hash = createHash('sha256').update(zip).digest('hex');
  const dir = path.join(os.tmpdir(), 'cirrus-packages');
  fs.mkdirSync(dir, { recursive: true });
  const zipPath = path.join(dir, `${hash}.zip`);
  if (!fs.existsSync(zipPath)) {
    const partial = `${zipPath}.${process.pid}.tmp`;
    fs.writeFileSync(partial, zip);
    fs.renameSync(partial, zipPath);
  }
  return { zipPath, hash };
}

/**
 * Writes the entries into `<tmp>/cirrus-packages/<hash>/` (content-addressed,
 * so concurrent synths never clash) and returns the folder: for engines that
 * take a folder and zip it themselves (aws-cdk-lib assets).
 */
export function buildPackageDir(entries: ZipEntry[]): string {
  const hash = createHash('sha256');
  for (const e of [...entries].sort((a, b) => a.path.localeCompare(b.path))) {
    hash.update(e.path).update('\0').update(e.content).update('\0');
  }
  const dir = path.join(os.tmpdir(), 'cirrus-packages', `dir-${hash.digest('hex')}`);
  if (!fs.existsSync(dir)) {
    const partial = `${dir}.${process.pid}.tmp`;
    fs.rmSync(partial, { recursive: true, force: true });
    for (const e of entries) {
      fs.mkdirSync(path.dirname(path.join(partial, e.path)), { recursive: true });
      fs.writeFileSync(path.join(partial, e.path), e.content);
    }
    try {
      fs.renameSync(partial, dir);
    } catch (err) {
      // Another process wrote the same folder first: same content, keep theirs.
      fs.rmSync(partial, { recursive: true, force: true });
      if (!fs.existsSync(dir)) {
        throw err;
      }
    }
  }
  return dir;
}
