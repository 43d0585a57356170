// Writes the README's env table from the one declarative option table (src/config/env-table.ts),
// so the docs cannot drift from the parser. Run after `npm run build`: `npm run docs:env`.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { envTable } = require('../dist/config/env-table.js');
const rows = envTable.map((s) => {
  const names = [s.env, ...(s.fallbackEnv ?? [])].map((n) => `\`${n}\``).join(' / ');
  return `| ${names} | \`${s.key}\` | ${s.defaultDoc} | ${s.doc} |`;
});
const table = ['| env var | `start()` option | default | meaning |', '|---|---|---|---|', ...rows].join('\n');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
const next = readme.replace(/<!-- env-table:start -->[\s\S]*<!-- env-table:end -->/, `<!-- env-table:start -->\n${table}\n<!-- env-table:end -->`);
writeFileSync(new URL('../README.md', import.meta.url), next);
