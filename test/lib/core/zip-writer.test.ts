import { readZip, writeZip } from '../../../lib/core/package/zip-writer';

describe('zip writer', () => {
  const entries = [
    { path: 'b/function.json', content: Buffer.from('{"bindings":[]}') },
    { path: 'index.js', content: Buffer.from('exports.handler = async () => 1;\n'.repeat(50)) },
    { path: 'host.json', content: Buffer.from('{}') },
  ];

  test('round-trips entries, sorted by path', () => {
    const files = readZip(writeZip(entries));
    expect(files.map((f) => f.path)).toEqual(['b/function.json', 'host.json', 'index.js']);
    expect(files.find((f) => f.path === 'index.js')!.content.toString()).toBe(entries[1].content.toString());
  });

  test('is byte-identical for the same files in any order', () => {
    expect(writeZip(entries).equals(writeZip([...entries].reverse()))).toBe(true);
  });

  test('is readable by unzip', () => {
    const { execFileSync } = require('child_process') as typeof import('child_process');
    const fs = require('fs') as typeof import('fs');
    const file = `${fs.mkdtempSync('/tmp/zipw-')}/a.zip`;
    fs.writeFileSync(file, writeZip(entries));
    let listing = '';
    try {
      listing = execFileSync('python3', ['-c', `import zipfile,sys; z=zipfile.ZipFile(sys.argv[1]); print(z.testzip()); print(sorted(z.namelist()))`, file]).toString();
    } catch (e) {
      throw new Error(`python zipfile could not read the archive: ${e}`);
    }
    expect(listing).toContain('None');
    expect(listing).toContain("'index.js'");
  });
});
