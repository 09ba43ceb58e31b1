// Relay, unchanged, against ElectionGraph: relay-compiler 21 compiles the operations and fragments in src/ against the
// published schema (schema/schema.graphql) into a temporary folder, then the operations' text, as Relay generated it,
// runs against the API through README's network layer (network.mjs: persisted by hash over GET). Prints one JSON line
// per operation run: its name, variables, text, the requests it took (method, whether the text was sent, status) and
// the answer. The sources are written as a Relay app writes them; they are compiled, never run (relay-runtime is not
// needed).
// Usage: node relay/relay.mjs <url> <election id> <id for node(id:)>...
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fetchGraphQL } from './network.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const [url, electionId, ...nodeIds] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), 'electiongraph-relay-'));
let requests = [];
const fetchFn = fetchGraphQL(url, undefined, async (target, options = {}) => {
  const response = await fetch(target, options);
  requests.push({ method: options.method ?? 'GET', querySent: options.body?.includes('"query"') ?? false, status: response.status });
  return response;
});

async function run(name, variables) {
  const { default: artifact } = await import(pathToFileURL(join(work, '__generated__', `${name}.graphql.js`)));
  requests = [];
  const body = await fetchFn(artifact.params, variables);
  console.log(JSON.stringify({ name, variables, text: artifact.params.text, requests, body }));
  return body.data;
}

try {
  // The compiler takes a config file or flags, not both, and writes only into an artifact folder that exists:
  // so the project is copied, with the schema's full path and the temporary artifact folder.
  const config = JSON.parse(readFileSync(join(here, 'relay.config.json'), 'utf8'));
  cpSync(join(here, 'src'), join(work, 'src'), { recursive: true });
  mkdirSync(join(work, '__generated__'));
  writeFileSync(join(work, 'relay.config.json'),
    JSON.stringify({ ...config, schema: resolve(here, config.schema), artifactDirectory: './__generated__' }));
  writeFileSync(join(work, 'package.json'), '{ "type": "module" }'); // the artifacts are ES modules
  execFileSync(join(here, '..', 'node_modules', '.bin', 'relay-compiler'), { cwd: work, stdio: ['ignore', 'ignore', 'inherit'] });

  const page = (await run('ResultsPageQuery', { electionId })).councilResults;
  await run('ResultsListPaginationQuery', { electionId, count: 5, cursor: page.pageInfo.endCursor });
  await run('CouncilResultCardRefetchQuery', { id: page.edges[0].node.id });
  for (const id of nodeIds) await run('NodeLookupQuery', { id });
} finally {
  rmSync(work, { recursive: true, force: true });
}
