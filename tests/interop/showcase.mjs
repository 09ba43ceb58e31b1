// The showcase page (/showcase/) in headless Chromium with every request off 127.0.0.1 blocked (browser.mjs).
// Prints one JSON line of what the page shows; fails if the page asked for anything off 127.0.0.1.
//
// node showcase.mjs snapshot <graphql url> <region> <council code> <sources text> [screenshot.png]
//   Once the page is ready: every hexagon (code, fill, data-control), the key (legend), the scoreboard's rows as
//   displayed (all parties shown), a hexagon's tooltip on hover and after arrow-key moves, whether the page scrolls
//   sideways at 360 px, axe-core's serious and critical violations (the main page, its tables opened, and the
//   council's page); then the scoreboard and the hexagons again with the region chosen in the filter; then the
//   council's page, reached through its hexagon, and the links the page's code makes of the given sources text.
//   The screenshot (PNG, the page's top 1280 × 1400 px: the whole map beside the scoreboard) is taken as the page first shows.
//
// node showcase.mjs live <graphql url> <desk key> <declaration {query, variables}> <council code> <party code> <seats>
//   Once the page is live (body[data-live] = open), POSTs the declaration with the desk's key, then waits at most
//   2 s from the answer, in the same page (no reload), until the council's hexagon has changed colour and the
//   scoreboard shows the party's seats. Prints the fills before and after, the milliseconds taken, and the key.
//
// node showcase.mjs reconnect <graphql url> <desk key> <first declaration> <first council> <second declaration> <second council> <party> <seats>
//   A dropped socket: the first declaration reaches the live page; then the page hears nothing more on its socket
//   (the test stands in the middle of it), misses the second declaration, and the socket drops. Waits until the page
//   has reconnected and caught up: the second council drawn and the scoreboard showing the party's seats. Prints
//   the live states the page went through, how many sockets it opened and the catch-up's variables.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch } from './browser.mjs';

const [mode, endpoint, ...args] = process.argv.slice(2);
const origin = new URL(endpoint).origin;
const { page, seen, stayedHome, close } = await launch();

const ready = () => page.waitForFunction(() => document.body.dataset.ready === 'true', null, { timeout: 30_000 });
const hexes = () => page.$$eval('svg.hexmap path[data-code]', paths => paths.map(path =>
  ({ code: path.dataset.code, fill: path.getAttribute('fill'), control: path.dataset.control })));
const scoreboard = () => page.$$eval('#scoreboard tbody tr[data-party]', rows => rows.map(row => {
  const number = cell => Number(row.querySelector(cell).textContent.replace(/[,+]/g, '').replace('\u2212', '-'));
  return {
    partyCode: row.dataset.party,
    seatsWon: number('.seats'),
    seatsChange: number('.change'),
    councilsControlled: number('.controlled'),
    councilsGained: number('.gained'),
    councilsLost: number('.lost'),
    coverage: row.querySelector('.coverage')?.textContent ?? null,
    shown: row.checkVisibility(),
  };
}));
const legend = () => page.$$eval('#legend li', items => items.map(item =>
  ({ key: item.dataset.key, label: item.textContent, colour: item.dataset.colour, fill: item.querySelector('path').getAttribute('fill') })));
const tooltip = () => page.$eval('.tooltip', tip => (tip.hidden ? null : tip.innerText));

const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
/** axe-core's serious and critical violations. Injected through the DevTools protocol, which the page's CSP does not govern (a script tag would be refused). */
async function axe(where) {
  await page.evaluate(axeSource);
  const { violations } = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => ({ where, id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
}

async function snapshot(region, councilCode, sources, screenshot) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${origin}/showcase/`);
  await ready();
  const result = { hexes: await hexes() };
  result.legend = await legend();
  if (screenshot) await page.screenshot({ path: screenshot, fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1400 } });

  const more = page.locator('#more-parties');
  if (await more.isVisible()) await more.click();
  result.scoreboard = await scoreboard();

  // The council's tooltip on hover; then from the map's tab stop, two moves with the arrow keys.
  await page.hover(`svg.hexmap path[data-code="${councilCode}"]`);
  result.hover = { code: councilCode, tooltip: await tooltip() };
  await page.mouse.move(0, 0);
  await page.focus('svg.hexmap a[tabindex="0"]');
  const focused = () => page.evaluate(() => document.activeElement.querySelector('path')?.dataset.code ?? null);
  const start = await focused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  result.keyboard = { start, end: await focused(), tooltip: await tooltip(), tabStops: await page.$$eval('svg.hexmap a[tabindex="0"]', links => links.length) };

  await page.evaluate(() => document.activeElement.blur());
  await page.setViewportSize({ width: 360, height: 800 });
  result.narrow = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.$$eval('details', all => all.forEach(details => { details.open = true; }));
  result.axe = await axe('showcase');

  await page.selectOption('#region', region);
  await ready();
  result.region = { name: region, scoreboard: await scoreboard(), coloured: (await hexes()).filter(hex => hex.control !== '') };

  await page.click(`svg.hexmap a:has(path[data-code="${councilCode}"])`);
  await page.waitForURL(url => url.pathname.endsWith('/council.html'));
  await ready();
  result.council = await page.evaluate(() => ({
    url: location.pathname + location.search,
    name: document.querySelector('h1').textContent,
    seats: [...document.querySelectorAll('table.seats tbody tr')].map(row =>
      ({ partyCode: row.dataset.party, won: Number(row.querySelector('.won').textContent.replace(/,/g, '')) })),
    sources: document.querySelector('.sources').textContent,
  }));
  result.sourceLinks = await page.evaluate(async text => {
    const { sourceNodes } = await import('./js/sources.mjs');
    const shown = document.createElement('p');
    shown.append(...sourceNodes(text));
    return { text: shown.textContent, hrefs: [...shown.querySelectorAll('a')].map(a => a.getAttribute('href')) };
  }, sources);
  result.axe.push(...await axe('council'));
  return result;
}

async function liveDeclaration(key, declaration, councilCode, partyCode, seats) {
  await page.goto(`${origin}/showcase/`);
  await ready();
  await page.waitForFunction(() => document.body.dataset.live === 'open', null, { timeout: 30_000 });
  await page.evaluate(() => { window.notReloaded = true; });
  const fill = () => page.$eval(`svg.hexmap path[data-code="${councilCode}"]`, path => path.getAttribute('fill'));
  const before = await fill();

  await declare(key, declaration);
  const answered = performance.now();
  await page.waitForFunction(({ code, party, seats, before }) => {
    const hex = document.querySelector(`svg.hexmap path[data-code="${code}"]`);
    const shown = document.querySelector(`#scoreboard tr[data-party="${party}"] .seats`)?.textContent.replace(/,/g, '');
    return window.notReloaded && hex.getAttribute('fill') !== before && Number(shown) === seats;
  }, { code: councilCode, party: partyCode, seats: Number(seats), before }, { timeout: 2000 });
  const elapsedMs = Math.round(performance.now() - answered);
  const control = await page.$eval(`svg.hexmap path[data-code="${councilCode}"]`, path => path.dataset.control);
  return { before, after: await fill(), control, elapsedMs, legend: await legend(), live: await page.evaluate(() => document.body.dataset.live) };
}

async function reconnect(key, firstDeclaration, firstCouncil, secondDeclaration, secondCouncil, partyCode, seats) {
  // Every socket of the page goes through here to the API; the first can be made deaf and dropped.
  const sockets = [];
  await page.routeWebSocket(url => url.pathname === '/graphql', ws => {
    const socket = { deaf: false, drop: () => { ws.close(); server.close(); } };
    const server = ws.connectToServer();
    server.onMessage(message => { if (!socket.deaf) ws.send(message); });
    sockets.push(socket);
  });
  await page.goto(`${origin}/showcase/`);
  await ready();
  const states = [];
  await page.exposeFunction('liveState', state => states.push(state));
  await page.evaluate(() => {
    window.notReloaded = true;
    new MutationObserver(() => window.liveState(document.body.dataset.live)).observe(document.body, { attributeFilter: ['data-live'] });
  });
  await page.waitForFunction(() => document.body.dataset.live === 'open', null, { timeout: 30_000 });

  await declare(key, firstDeclaration);
  await page.waitForFunction(code => document.querySelector(`svg.hexmap path[data-code="${code}"]`).dataset.control !== '', firstCouncil);
  sockets[0].deaf = true;
  await declare(key, secondDeclaration);
  sockets[0].drop();
  await page.waitForFunction(({ code, party, seats }) => {
    const shown = document.querySelector(`#scoreboard tr[data-party="${party}"] .seats`)?.textContent.replace(/,/g, '');
    return window.notReloaded && document.querySelector(`svg.hexmap path[data-code="${code}"]`).dataset.control !== '' && Number(shown) === seats;
  }, { code: secondCouncil, party: partyCode, seats: Number(seats) }, { timeout: 20_000 });
  const catchUps = seen.requests.map(url => new URL(url)).filter(url => url.pathname === '/graphql' && url.searchParams.get('variables')?.includes('updatedSince'))
    .map(url => JSON.parse(url.searchParams.get('variables')));
  return { states, sockets: sockets.length, catchUps, control: await page.$eval(`svg.hexmap path[data-code="${secondCouncil}"]`, path => path.dataset.control) };
}

async function declare(key, declaration) {
  const response = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: declaration });
  const answer = await response.json();
  if (answer.errors) throw new Error(`The desk's declaration was refused: ${JSON.stringify(answer.errors)}`);
}

try {
  const modes = { snapshot, live: liveDeclaration, reconnect };
  const result = await modes[mode](...args);
  stayedHome();
  console.log(JSON.stringify({ ...result, ...seen }));
} catch (error) {
  console.error(JSON.stringify(seen));
  throw error;
} finally {
  await close();
}
