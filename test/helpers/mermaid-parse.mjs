// Parses Mermaid diagrams with the real Mermaid parser (mermaid is ESM-only
// and needs a DOM for DOMPurify, so Jest's CommonJS tests run this in a child
// process). Input on stdin: a JSON array of { name, text }. Output on stdout:
// a JSON array of { name, ok, error? }, one per diagram, in the same order.
import { JSDOM } from 'jsdom';

const dom = new JSDOM('');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false });

let input = '';
for await (const chunk of process.stdin) {
  input += chunk;
}
const results = [];
for (const { name, text } of JSON.parse(input)) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ name, ok: true, diagramType: parsed && parsed.diagramType });
  } catch (e) {
    results.push({ name, ok: false, error: String((e && e.message) || e).slice(0, 2000) });
  }
}
process.stdout.write(JSON.stringify(results));
