// Post-build step: makes the compiled index.js load AzureStack and GcpStack
// (and with them cdktf, ~380 modules) on first access instead of at
// `require('cirrus-constructs')`, so an AWS-only app never loads cdktf.
// Only the emitted JavaScript changes; the exports, their names and the .jsii
// assembly stay the same. Fails when the expected line is missing (a
// TypeScript upgrade may change how re-exports are emitted). The benchmark
// applies the same rewrite to its transpiled copy (bench/transpile.ts).
const fs = require('fs');
const path = require('path');

const LAZY = [
  ['azure_stack_1', './constructs/azure-stack', 'AzureStack'],
  ['gcp_stack_1', './constructs/gcp-stack', 'GcpStack'],
];

/** The index.js text with the two stack modules required on first access. */
function lazyStackExports(js) {
  for (const [variable, module, name] of LAZY) {
    const eager = `var ${variable} = require("${module}");`;
    const lazy = `var ${variable} = { get ${name}() { return require("${module}").${name}; } };`;
    if (js.includes(lazy)) continue;
    if (!js.includes(eager)) {
      throw new Error(`lazy-stack-exports: "${eager}" not found in index.js`);
    }
    js = js.replace(eager, lazy);
  }
  return js;
}

module.exports = { lazyStackExports };

if (require.main === module) {
  const file = path.join(__dirname, '..', 'index.js');
  try {
    fs.writeFileSync(file, lazyStackExports(fs.readFileSync(file, 'utf8')));
  } catch (e) {
    console.error(e.message);
    process.exit(1);
  }
}
