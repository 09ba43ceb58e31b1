// Debian's Chromium (never a downloaded one), headless, for the browser tests, with nothing leaving the machine:
// names other than loopback resolve nowhere, any other connection goes to a dead proxy, and should a page still
// ask for anything off 127.0.0.1 the request is stopped and recorded in `blocked`. Also records every URL the page
// requested and its console errors.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const loopback = ['127.0.0.1', 'localhost'];

// Loopback is left direct (Chromium's implicit bypass, kept; `<-loopback>` would proxy it too).
const args = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
  '--proxy-server=http://127.0.0.1:9', '--proxy-bypass-list=127.0.0.1;localhost',
];

export async function launch() {
  const profile = await mkdtemp(join(tmpdir(), 'electiongraph-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', headless: true, args });
  const seen = { requests: [], blocked: [], consoleErrors: [] };
  await context.route('**/*', route => {
    if (loopback.includes(new URL(route.request().url()).hostname)) return route.continue();
    seen.blocked.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  context.on('request', request => seen.requests.push(request.url()));
  const page = context.pages()[0] ?? await context.newPage();
  page.on('console', message => { if (message.type() === 'error') seen.consoleErrors.push(`${message.text()} (${message.location().url})`); });
  page.on('pageerror', error => seen.consoleErrors.push(error.message));
  page.on('requestfailed', request => seen.consoleErrors.push(`${request.url()}: ${request.failure()?.errorText}`));
  return {
    page,
    seen,
    /** Fails if the page asked for anything off 127.0.0.1. */
    stayedHome() {
      if (seen.blocked.length > 0) throw new Error(`The page requested hosts other than 127.0.0.1: ${seen.blocked.join(', ')}`);
    },
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
