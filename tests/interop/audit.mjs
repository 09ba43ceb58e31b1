// Runs the graphql-http server audits against a GraphQL endpoint and prints one JSON line per audit,
// then a summary line: {"summary":{"passed":N,"warnings":N,"failed":N}}. Usage: node audit.mjs <url>
import { auditServer } from 'graphql-http';

const url = process.argv[2];
const results = await auditServer({ url });
const summary = { passed: 0, warnings: 0, failed: 0 };
for (const result of results) {
  const outcome = result.status === 'ok' ? 'passed' : result.status === 'warn' ? 'warnings' : 'failed';
  summary[outcome]++;
  const line = { id: result.id, name: result.name, status: result.status };
  if (result.status !== 'ok') {
    line.reason = result.reason;
    line.response = result.response ? { status: result.response.status, body: await result.response.text() } : undefined;
  }
  console.log(JSON.stringify(line));
}
console.log(JSON.stringify({ summary }));
