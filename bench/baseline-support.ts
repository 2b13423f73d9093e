// Helpers a hand-written Terraform app needs anyway, written for the
// baselines (they do not import Cirrus):
//
// - hashedName: globally unique, length-limited names (storage accounts,
//   function apps, buckets, service accounts) from the construct path plus a
//   short sha256, the same scheme Cirrus uses, so both outputs are identical
//   and can be compared byte for byte.
// - zip: a deterministic in-process zip (node:zlib), byte-compatible with
//   Cirrus's packages. cdktf's own AssetType.ARCHIVE is not used: it shells
//   out to a new `node` process per asset (cdktf/lib/private/fs.js
//   archiveSync -> execSync), which would make the baseline far slower and
//   the comparison flattering for Cirrus.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';

export interface NameRule {
  readonly maxLength: number;
  readonly hyphens: boolean;
  readonly prefix: string;
}

export const RULES = {
  azureFunctionApp: { maxLength: 32, hyphens: true, prefix: 'func-' },
  azureStorageAccount: { maxLength: 24, hyphens: false, prefix: 'st' },
  azureServiceBusNamespace: { maxLength: 50, hyphens: true, prefix: 'sb-' },
  azureResource: { maxLength: 60, hyphens: true, prefix: '' },
  gcpFunction: { maxLength: 49, hyphens: true, prefix: 'fn-' },
  gcpServiceAccount: { maxLength: 30, hyphens: true, prefix: 'sa-' },
  gcpResource: { maxLength: 63, hyphens: true, prefix: 'c-' },
  gcpBucket: { maxLength: 63, hyphens: true, prefix: 'cirrus-' },
} satisfies Record<string, NameRule>;

/** `<prefix><last two path parts and suffix, cleaned>-<8 hex of sha256(path#suffix)>` within the rule. */
export function hashedName(parts: string[], rule: NameRule, suffix = ''): string {
  const hash = createHash('sha256').update(parts.join('/') + (suffix ? `#${suffix}` : '')).digest('hex').slice(0, 8);
  const sep = rule.hyphens ? '-' : '';
  const room = rule.maxLength - rule.prefix.length - hash.length - sep.length;
  const readable = parts.slice(-2).concat(suffix ? [suffix] : []).join(sep).toLowerCase()
    .replace(rule.hyphens ? /[^a-z0-9-]/g : /[^a-z0-9]/g, '')
    .replace(/-+/g, '-')
    .slice(0, Math.max(room, 0))
    .replace(/^-+|-+$/g, '');
  return rule.prefix + (readable ? `${readable}${sep}${hash}` : hash);
}

export interface ZipFile {
  readonly name: string;
  readonly data: Buffer;
}

/** The files of a folder, recursively, with `/` paths. */
export function readFolder(dir: string, rel = ''): ZipFile[] {
  const files: ZipFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const name = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      files.push(...readFolder(full, name));
    } else if (entry.isFile()) {
      files.push({ name, data: fs.readFileSync(full) });
    }
  }
  return files;
}

/** A deterministic zip: sorted entries, fixed 1980-01-01 timestamps, mode 0644, deflate level 9. */
export function zip(files: ZipFile[]): Buffer {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of sorted) {
    const name = Buffer.from(f.name, 'utf8');
    const body = zlib.deflateRawSync(f.data, { level: 9 });
    const crc = zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, body);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(0x0314, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(0, 12);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(body.length, 20);
    dir.writeUInt32LE(f.data.length, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(0o100644 * 0x10000, 38);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += 30 + name.length + body.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}

/** Writes a zip to `<tmp>/bench-packages/<sha256>.zip` (Terraform copies it into the stack's assets). */
export function writePackage(files: ZipFile[]): { file: string; hash: string } {
  const archive = zip(files);
  const hash = createHash('sha256').update(archive).digest('hex');
  const dir = path.join(os.tmpdir(), 'bench-packages');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${hash}.zip`);
  fs.writeFileSync(file, archive);
  return { file, hash };
}
