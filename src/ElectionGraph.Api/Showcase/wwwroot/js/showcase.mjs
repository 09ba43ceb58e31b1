// The showcase page: loads the map's layout, then the results, scoreboard and mayors of the councils chosen, and
// keeps them live. The order matters for missing nothing: subscribe first, load once the subscriptions are live
// (the pong), and merge what arrives by each result's updatedAt. After a dropped socket, catch up with the
// results stored since the newest one seen, and load the scoreboard again.
// For tests: body[data-ready] is "true" once the councils chosen are drawn (false while a new choice loads), and
// body[data-live] is "open" once the subscriptions are live.
import { abandoned, allResults, documentText, json, query } from './api.mjs';
import { byId, h, s } from './dom.mjs';
import { renderChart } from './chart.mjs';
import { councilType, councils as councilCount } from './format.mjs';
import { HexMap } from './hexmap.mjs';
import { Live, socketUrl } from './live.mjs';
import { colours, NO_OVERALL_CONTROL, Parties } from './parties.mjs';
import { renderReported, renderScoreboard, FIRST_ROWS } from './scoreboard.mjs';
import { showLive, tell, waitMessage } from './status.mjs';
import { councilPage, renderChanged, renderCouncils, renderMayors } from './tables.mjs';

/** How long a load waits for the subscriptions to be live before it goes ahead (and catches up once they are). */
const LIVE_WAIT_MS = 3000;

const state = {
  parties: null, // Parties
  councils: new Map(), // code → the layout's council
  names: {}, // code → the hex layout's name (every district, with a result or not)
  where: undefined, // CouncilResultFilterInput of the councils chosen, or undefined for all
  slice: 0, // bumped on each choice: answers for an older one are dropped
  abort: null,
  results: new Map(), // council code → result
  totals: [],
  totalsHeard: 0, // partyTotalsChanged events so far: a load older than one of them is not applied
  reported: [],
  mayors: new Map(),
  mayorsLoaded: false, // mayors are not by council: loaded once, and again on a catch-up
  loading: false,
  loaded: false,
  catchUpAfterLoad: false,
  allParties: false,
};

let map, live;

start().catch(failed);

async function start() {
  document.body.dataset.ready = 'false';
  const [layout, hexjson] = await Promise.all([query('showcase-layout', {}, { onWait: waitMessage }), json('geo/uk-local-authority-districts-2019.hexjson')]);
  state.parties = new Parties(layout.parties.nodes);
  for (const council of layout.councils.nodes) state.councils.set(council.code, council);
  // Every district of the layout file, each council where the API places it (Council.hex; the same for 2019, but a
  // later election's new councils are in the API before they are in a published layout).
  const places = { ...hexjson.hexes };
  for (const { code, name, hex } of layout.councils.nodes) if (hex?.layout === hexjson.layout) places[code] = { n: name, q: hex.q, r: hex.r };
  state.names = Object.fromEntries(Object.entries(places).map(([code, hex]) => [code, hex.n]));
  map = new HexMap(byId('map-wrap'), places, 'map-help');
  filters(layout.councils.nodes);
  byId('more-parties').addEventListener('click', () => { state.allParties = !state.allParties; render(); });

  live = new Live(socketUrl(), { onState: showLive, onOpen: liveAgain });
  live.start();
  await choose();
}

/** The region and council-type filters, from the councils of the layout. */
function filters(councils) {
  const options = (select, values, label) => select.append(...values.map(value => new Option(label(value), value)));
  options(byId('region'), [...new Set(councils.map(c => c.region))].sort(), region => region);
  options(byId('type'), [...new Set(councils.map(c => c.type))].sort(), councilType);
  for (const id of ['region', 'type']) byId(id).addEventListener('change', () => choose().catch(failed));
}

/** Shows the councils now chosen: resubscribes with their filter, then loads them. */
async function choose() {
  const region = byId('region').value, type = byId('type').value;
  const council = { ...(region && { region: { eq: region } }), ...(type && { type: { eq: type } }) };
  state.where = Object.keys(council).length ? { council } : undefined;
  const slice = ++state.slice;
  state.abort?.abort();
  state.abort = new AbortController();
  Object.assign(state, { results: new Map(), loading: false, loaded: false, catchUpAfterLoad: false });
  document.body.dataset.ready = 'false';

  live.subscribe(await subscriptions(state.where));
  await live.whenOpen(LIVE_WAIT_MS);
  if (slice !== state.slice) return;
  state.loading = true;
  try {
    await load(slice, { full: true });
  } finally {
    if (slice === state.slice) state.loading = false;
  }
  if (slice !== state.slice) return;
  state.loaded = true;
  render();
  document.body.dataset.ready = 'true';
  if (state.catchUpAfterLoad) catchUp();
}

/** The subscriptions of the councils chosen (results and totals filtered; mayors are not by council). */
async function subscriptions(where) {
  const [declared, totals, mayors] = await Promise.all(['showcase-council-declared', 'showcase-totals-changed', 'showcase-mayor-declared'].map(documentText));
  return [
    { query: declared, variables: { where }, next: heard(data => merge([data.councilResultDeclared])) },
    { query: totals, variables: { where }, next: heard(data => { state.totals = data.partyTotalsChanged; state.totalsHeard += 1; }) },
    { query: mayors, variables: {}, next: heard(data => state.mayors.set(data.mayoralResultDeclared.id, data.mayoralResultDeclared)) },
  ];
}

/** An event's handler: its errors are shown, its data applied and drawn. */
const heard = apply => ({ data, errors }) => {
  if (errors?.length) tell(`A live update failed: ${errors.map(error => error.message).join(' ')}`);
  if (!data) return;
  apply(data);
  if (state.loaded) render();
};

/**
 * Loads the councils chosen: every result (full) or those stored since the newest seen (a catch-up), the
 * scoreboard, and the mayors. Results merge by updatedAt; the scoreboard is applied unless a live one came in
 * while it loaded (that one is at least as new, or a newer one is on its way).
 */
async function load(slice, { full }) {
  const since = full ? undefined : newest();
  const heardBefore = state.totalsHeard;
  const options = { signal: state.abort.signal, onWait: waitMessage };
  const [results, board, mayors] = await Promise.all([
    allResults({ where: state.where, ...(since && { updatedSince: since }) }, options),
    query('showcase-scoreboard', { where: state.where }, options),
    full && state.mayorsLoaded ? null : query('showcase-mayors', {}, options),
  ]);
  if (slice !== state.slice) return;
  tell(null);
  merge(results);
  if (state.totalsHeard === heardBefore) state.totals = board.partyTotals;
  state.reported = board.election?.reportedTotals ?? [];
  for (const mayor of mayors?.mayoralties.nodes ?? []) state.mayors.set(mayor.id, mayor);
  state.mayorsLoaded ||= mayors !== null;
}

function merge(results) {
  for (const result of results) {
    const held = state.results.get(result.council.code);
    if (!held || Date.parse(result.updatedAt) >= Date.parse(held.updatedAt)) state.results.set(result.council.code, result);
  }
}

const newest = () => [...state.results.values()].map(result => result.updatedAt).sort((a, b) => Date.parse(a) - Date.parse(b)).at(-1);

/** The subscriptions are live again (a new socket): catch up, now or after the load under way. */
function liveAgain() {
  if (state.loading) state.catchUpAfterLoad = true;
  else if (state.loaded) catchUp();
}

function catchUp() {
  state.catchUpAfterLoad = false;
  const slice = state.slice;
  load(slice, { full: false }).then(() => { if (slice === state.slice) render(); }).catch(failed);
}

function render() {
  const { parties } = state;
  const results = [...state.results.values()];
  map.paint(code => look(code, state.results.get(code)));
  legend(results);
  renderScoreboard(byId('scoreboard'), state.totals, parties, state.allParties);
  const more = byId('more-parties');
  more.hidden = state.totals.length <= FIRST_ROWS;
  more.textContent = state.allParties ? `Show the first ${FIRST_ROWS} parties` : `Show all ${state.totals.length} parties`;
  more.setAttribute('aria-expanded', String(state.allParties));
  renderReported(byId('reported'), state.reported, parties);
  renderChart(byId('chart'), byId('chart-note'), state.totals, parties);
  renderChanged(byId('changed'), results, parties);
  renderCouncils(byId('councils'), byId('councils-summary'), results, parties);
  renderMayors(byId('mayors'), state.mayors.values(), parties);
}

/** A hexagon's look: its council's control, or the no-result colour with why there is none. */
function look(code, result) {
  const { parties } = state;
  const name = state.councils.get(code)?.name ?? state.names[code];
  if (!result) {
    const why = !state.councils.has(code) ? 'No council election in 2019'
      : state.where && !inSlice(state.councils.get(code)) ? 'Not among the councils chosen'
      : 'Not declared yet';
    return { fill: colours.none, control: '', tip: [name, why] };
  }
  const { before, after, changed } = result.control;
  const outcome = changed ? ' (gain)' : changed === false ? ' (hold)' : '';
  const seats = `${result.seatsUp} of ${result.totalSeats} seats up`;
  return {
    fill: parties.colour(after),
    control: after,
    href: councilPage(code),
    // In words for a screen reader; the tooltip shows the same with an arrow.
    label: `${name}: ${parties.name(before)} before, ${parties.name(after)} after${outcome}; ${seats}`,
    tip: [name, `${parties.name(before)} → ${parties.name(after)}${outcome}`, seats],
  };
}

const inSlice = council => {
  const { region, type } = state.where.council;
  return (!region || council.region === region.eq) && (!type || council.type === type.eq);
};

/** The key: each party in control of a council shown, then the page's own colours. */
function legend(results) {
  const { parties } = state;
  const controlled = new Map();
  for (const { control } of results) {
    if (control.after !== NO_OVERALL_CONTROL && parties.coloured(control.after)) controlled.set(control.after, (controlled.get(control.after) ?? 0) + 1);
  }
  const entries = [...controlled].sort((a, b) => b[1] - a[1]).map(([code, n]) => [code, `${parties.name(code)} (${councilCount(n)})`, parties.colour(code)]);
  entries.push(
    [NO_OVERALL_CONTROL, parties.name(NO_OVERALL_CONTROL), colours.noc],
    ['fallback', 'Other parties and local groups (no colour on record)', colours.fallback],
    ['none', 'No result: no election in 2019, not declared yet, or not among the councils chosen', colours.none]);
  byId('legend').replaceChildren(...entries.map(([key, label, colour]) => legendEntry(key, label, colour)));
}

function legendEntry(key, label, colour) {
  const swatch = s('svg', { viewBox: '-10 -11 20 22', 'aria-hidden': 'true' }, s('path', { d: 'M0-10 8.66-5v10L0 10-8.66 5V-5Z', fill: colour }));
  return h('li', { data: { key, colour } }, swatch, label);
}

/** Anything that stopped the page, said on the page (a choice abandoned for a newer one is not a failure). */
function failed(error) {
  if (abandoned(error)) return;
  tell(`Sorry, the results could not be loaded: ${error.message}`);
}
