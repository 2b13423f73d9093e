import * as fs from 'fs';
import * as path from 'path';

/** The layer contract of docs/architecture.md, checked on the sources. */
const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) {
      return e.name === 'assets' ? [] : sources(rel);
    }
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

function offenders(dirs: string[], pattern: RegExp): string[] {
  return dirs.flatMap(sources).flatMap((file) => fs.readFileSync(path.join(ROOT, file), 'utf8').split('\n')
    .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])));
}

describe('layering', () => {
  test('lib/core imports nothing from constructs/ or the renderers', () => {
    expect(offenders(['lib/core'], /from '(\.\.\/)+(constructs|aws|azure|gcp|local|targets)\//)).toEqual([]);
  });

  test('no derived text is cut silently: renderers and constructs fit it with lib/core/naming.ts and the limits of lib/core/text-limits.ts', () => {
    expect(offenders(['constructs', 'lib/aws', 'lib/azure', 'lib/gcp', 'lib/local', 'lib/targets'], /`\.slice\(0, *\d+\)/)).toEqual([]);
  });

  test('nothing casts through unknown (constructs, the model, targets, renderers)', () => {
    expect(offenders(['constructs', 'lib/core', 'lib/aws', 'lib/azure', 'lib/gcp', 'lib/local', 'lib/targets'], /as unknown as/)).toEqual([]);
  });

  test('no layer reads a construct\'s children by a literal id: renderers hand over typed handles (lib/<cloud>/handles.ts)', () => {
    expect(offenders(['constructs', 'lib'], /\.(findChild|tryFindChild)\(\s*('[^']*'|"[^"]*"|`[^`$]*`)\s*\)/)).toEqual([]);
  });

  test('no renderer, target or construct casts a child found by id: a shared resource is a StackShared (lib/core/stack-shared.ts)', () => {
    expect(offenders(['lib/aws', 'lib/azure', 'lib/gcp', 'lib/targets', 'constructs'], /\.(findChild|tryFindChild)\([^)]*\)\)?\s*as\s/)).toEqual([]);
  });

  test('cdktf is imported only by the Terraform renderers, lib/targets and the two stacks', () => {
    const allowed = (file: string) => /^lib\/(azure|gcp|targets)\//.test(file) || /^constructs\/(azure|gcp)-stack\.ts$/.test(file);
    expect(offenders(['constructs', 'lib'], /from 'cdktf'|require\('cdktf'\)/).filter((hit) => !allowed(hit.split(':')[0]))).toEqual([]);
  });
});
