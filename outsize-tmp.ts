// Output size of Cirrus vs baseline synth (cdk.tf.json of the stack, and the whole stack folder incl. assets).
import * as fs from 'fs'; import * as os from 'os'; import * as path from 'path';
const [impl, cloud, n] = [process.argv[2], process.argv[3], Number(process.argv[4])];
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'outsize-'));
const mod = impl === 'cirrus' ? require('./bench/cirrus-app') : require(`./bench/baseline-${cloud}`);
mod.build({ cloud, kind: 'queue', n, outdir }).synth();
const du = (p: string): number => fs.statSync(p).isDirectory() ? fs.readdirSync(p).reduce((a, f) => a + du(path.join(p, f)), 0) : fs.statSync(p).size;
const stackDir = path.join(outdir, 'stacks', fs.readdirSync(path.join(outdir, 'stacks'))[0]);
console.log(JSON.stringify({ impl, cloud, n, tfJsonBytes: fs.statSync(path.join(stackDir, 'cdk.tf.json')).size, stackDirBytes: du(stackDir) }));
fs.rmSync(outdir, { recursive: true, force: true });
