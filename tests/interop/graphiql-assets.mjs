// GraphiQL ships with the API: this copies the exact files its page loads from the packages locked here into
// src/ElectionGraph.Api/Transport/GraphiQL/assets/<package>@<version>/ (the paths unpkg uses, so a CDN can
// stand in), each package's licence beside them, and writes THIRD-PARTY-NOTICES.md for the packages that
// graphiql.min.js bundles. After changing a version in package.json: npm install, then run this.
// With --check it changes nothing and fails if the shipped files are not exactly what it would write.
// Usage: node graphiql-assets.mjs [--check]
import { readFileSync, readdirSync, existsSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, 'node_modules');
const target = join(here, '../../src/ElectionGraph.Api/Transport/GraphiQL/assets');
const check = process.argv.includes('--check');

// What the page loads (Transport/GraphiQL/GraphiQLPage.cs), package by package.
const shipped = {
  graphiql: ['graphiql.min.js', 'graphiql.min.css'],
  react: ['umd/react.production.min.js'],
  'react-dom': ['umd/react-dom.production.min.js'],
};

const packageJson = name => JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));
const licenceFile = name => existsSync(join(modules, name))
  ? readdirSync(join(modules, name)).find(file => /^licen[cs]e/i.test(file))
  : undefined;

const files = new Map(); // path under target -> contents
for (const [name, paths] of Object.entries(shipped)) {
  const folder = `${name}@${packageJson(name).version}`;
  for (const path of [...paths, licenceFile(name)]) files.set(`${folder}/${path}`, readFileSync(join(modules, name, path)));
}

// graphiql.min.js is a webpack bundle that names each module it holds: the packages are the node_modules
// folders in those names, and graphiql's own monorepo packages (all under its MIT licence).
const bundle = readFileSync(join(modules, 'graphiql/graphiql.min.js'), 'utf8');
const bundled = [...new Set([...bundle.matchAll(/^\/\*\*\*\/ "(?:\.\.\/)*node_modules\/((?:@[^/"]+\/)?[^/"]+)/gm)].map(m => m[1]))].sort();
const monorepo = [...new Set([...bundle.matchAll(/^\/\*\*\*\/ "(?:\.\.\/)+(graphiql-react|graphiql-toolkit|codemirror-graphql|graphql-language-service)\//gm)].map(m => m[1]))].sort();
const graphiql = packageJson('graphiql');
const notices = [
  `# Third-party notices: graphiql@${graphiql.version}/graphiql.min.js`,
  '',
  `graphiql.min.js (${graphiql.license}, licence in LICENSE beside it) bundles graphiql's own packages (${monorepo.join(', ')}; same licence)`,
  'and the packages below. Versions and licence texts are those of the packages installed with it from',
  "tests/interop/package-lock.json (the bundle's build may have used other patch versions); where a package is not",
  'installed there, its licence is as published on npm.',
  '',
  ...bundled.flatMap(name => {
    if (!existsSync(join(modules, name))) return [`## ${name}`, '', 'Not installed beside graphiql here: see the package on npm for its licence.', ''];
    const about = packageJson(name);
    const file = licenceFile(name);
    const text = file ? ['```', readFileSync(join(modules, name, file), 'utf8').trim(), '```'] : ['The package carries no licence file; its package.json states the licence above.'];
    return [`## ${name} ${about.version} (${about.license})`, '', ...text, ''];
  }),
].join('\n');
files.set(`graphiql@${graphiql.version}/THIRD-PARTY-NOTICES.md`, Buffer.from(notices));

const existing = existsSync(target) ? readdirSync(target, { recursive: true, withFileTypes: true }).filter(e => e.isFile())
  .map(e => join(e.parentPath, e.name).slice(target.length + 1).replaceAll('\\', '/')) : [];
if (check) {
  const wrong = [...files].filter(([path, contents]) => !existsSync(join(target, path)) || !readFileSync(join(target, path)).equals(contents)).map(([path]) => path);
  const extra = existing.filter(path => !files.has(path));
  if (wrong.length + extra.length > 0) {
    console.error(`GraphiQL's shipped assets differ from tests/interop's packages (run node graphiql-assets.mjs): ${[...wrong, ...extra].join(', ')}`);
    process.exit(1);
  }
} else {
  rmSync(target, { recursive: true, force: true });
  for (const [path, contents] of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true });
    writeFileSync(join(target, path), contents);
  }
}

console.log(JSON.stringify([...files.keys()]));
