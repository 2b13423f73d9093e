import { readZip, writeZip } from '../../../lib/core/package/zip-writer';

// The module object itself (an `import * as` copy would not see the spy).
const zlib = require('zlib') as typeof import('zlib');

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

  test('deflates a content Buffer once per process, and the archive is the bytes a fresh deflate gives', () => {
    const shared = Buffer.from('module.exports = require("./lib");\n'.repeat(2000));
    const fresh = writeZip([{ path: 'a.js', content: Buffer.from(shared) }]);
    const spy = jest.spyOn(zlib, 'deflateRawSync');
    try {
      const first = writeZip([{ path: 'a.js', content: shared }]);
      const second = writeZip([{ path: 'a.js', content: shared }, { path: 'b.js', content: Buffer.from('x') }]);
      // a.js deflated once for both archives, b.js once; a copy of the same bytes is another Buffer, deflated on its own.
      expect(spy).toHaveBeenCalledTimes(2);
      expect(first.equals(fresh)).toBe(true);
      expect(readZip(second).find((f) => f.path === 'a.js')!.content.equals(shared)).toBe(true);
    } finally {
      spy.mockRestore();
    }
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
