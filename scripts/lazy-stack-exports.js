// Post-build step: makes the compiled index.js load AzureStack and GcpStack
// (and with them cdktf, ~380 modules) on first access instead of at
// `require('cirrus-constructs')`, so an AWS-only app never loads cdktf.
// Only the emitted JavaScript changes; the exports, their names and the .jsii
// assembly stay the same. Fails the build when the expected line is missing
// (a TypeScript upgrade may change how re-exports are emitted).
const fs = require('fs');
const path = require('path');

const file = path.join(__dirname, '..', 'index.js');
let js = fs.readFileSync(file, 'utf8');
for (const [variable, module, name] of [
  ['azure_stack_1', './constructs/azure-stack', 'AzureStack'],
  ['gcp_stack_1', './constructs/gcp-stack', 'GcpStack'],
]) {
  const eager = `var ${variable} = require("${module}");`;
  const lazy = `var ${variable} = { get ${name}() { return require("${module}").${name}; } };`;
  if (js.includes(lazy)) continue;
  if (!js.includes(eager)) {
    console.error(`lazy-stack-exports: "${eager}" not found in index.js`);
    process.exit(1);
  }
  js = js.replace(eager, lazy);
}
fs.writeFileSync(file, js);
