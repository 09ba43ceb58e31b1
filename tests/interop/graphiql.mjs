// Opens GraphiQL at a GraphQL endpoint in headless Chromium (Debian's, never a downloaded one), runs the
// default query with the run button and prints one JSON line: the result pane's text, every URL the page
// requested and the console errors. Fails if the page asked for anything off 127.0.0.1.
// Usage: node graphiql.mjs <url>
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const url = process.argv[2];

// Nothing leaves the machine: names other than loopback resolve nowhere and any other connection goes to a
// dead proxy. Loopback is left direct (Chromium's implicit bypass, kept; `<-loopback>` would proxy it too).
const args = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1;localhost',
];

const profile = await mkdtemp(join(tmpdir(), 'graphiql-chromium-'));
const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args });
const requests = [];
const consoleErrors = [];
try {
  browser.on('request', request => requests.push(request.url()));
  const page = browser.pages()[0] ?? await browser.newPage();
  page.on('console', message => { if (message.type() === 'error') consoleErrors.push(`${message.text()} (${message.location().url})`); });
  page.on('pageerror', error => consoleErrors.push(error.message));
  page.on('requestfailed', request => consoleErrors.push(`${request.url()}: ${request.failure()?.errorText}`));

  await page.goto(url);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  await page.locator('.graphiql-execute-button').click();
  const response = page.locator('.graphiql-response .CodeMirror', { hasText: /"(data|errors)"/ });
  await response.waitFor();
  const result = await response.innerText();

  const foreign = requests.filter(r => !['127.0.0.1', 'localhost'].includes(new URL(r).hostname));
  if (foreign.length > 0) throw new Error(`The page requested hosts other than 127.0.0.1: ${foreign.join(', ')}`);
  console.log(JSON.stringify({ result, requests, consoleErrors }));
} catch (error) {
  console.error(JSON.stringify({ requests, consoleErrors }));
  throw error;
} finally {
  await browser.close();
  await rm(profile, { recursive: true, force: true });
}
