// Diagnostic preload for `bench/run.ts --diagnose` (node -r bench/cdktf-traces.cjs):
// cdktf records a full, unlimited-depth stack trace (as an array of strings)
// for every token and computed-attribute object it creates
// (cdktf/lib/tokens/private/stack-trace.js, called from Intrinsic, Lazy and
// ComplexResolvable constructors) and keeps them as long as the app lives.
//   CDKTF_TRACES=count  counts the captures, their average depth and size
//   CDKTF_TRACES=off    captures nothing, to see what they cost
const path = require('path');
const mode = process.env.CDKTF_TRACES || 'count';
const st = require(path.join(process.cwd(), 'pkg', 'node_modules', 'cdktf', 'lib', 'tokens', 'private', 'stack-trace.js'));
const original = st.captureStackTrace;
let calls = 0;
let frames = 0;
let chars = 0;
if (mode === 'off') {
  st.captureStackTrace = function noTrace() { return []; };
} else {
  st.captureStackTrace = function countedTrace(below) {
    const trace = original(below || countedTrace);
    calls++;
    frames += trace.length;
    for (const line of trace) chars += line.length;
    return trace;
  };
}
process.on('exit', () => {
  const out = process.env.CDKTF_TRACES_OUT;
  if (out) {
    require('fs').writeFileSync(out, JSON.stringify({ calls, frames, chars }));
  }
});
