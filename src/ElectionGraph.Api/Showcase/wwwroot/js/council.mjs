// A council's page (council.html?code=<GSS code>): its results from the council-page partner example, each party's
// seats, and the sources, kept live by the council-declared subscription filtered to this council (each event
// loads the page's query again: one council is cheap).
import { ApiError, documentText, query } from './api.mjs';
import { byId, h } from './dom.mjs';
import { count, councilType, signed, when } from './format.mjs';
import { Live, socketUrl } from './live.mjs';
import { Parties } from './parties.mjs';
import { swatch } from './scoreboard.mjs';
import { sourceNodes } from './sources.mjs';
import { showLive, tell, waitMessage } from './status.mjs';

const code = new URLSearchParams(location.search).get('code') ?? '';

start().catch(failed);

async function start() {
  document.body.dataset.ready = 'false';
  if (!/^[A-Z]\d{8}$/.test(code)) {
    byId('status').hidden = true; // nothing to be live for
    throw new ApiError('this page needs a council code (council.html?code=E07000170).');
  }
  const live = new Live(socketUrl(), { onState: showLive, onOpen: () => load().catch(failed) });
  live.subscribe([{
    query: await documentText('showcase-council-declared'),
    variables: { where: { council: { code: { eq: code } } } },
    next: ({ errors }) => (errors?.length ? tell(errors.map(error => error.message).join(' ')) : load().catch(failed)),
  }]);
  live.start();
  // Loaded once now, and again each time the subscription is (again) live, so nothing declared meanwhile is missed.
  await load();
  document.body.dataset.ready = 'true';
}

async function load() {
  const { council } = await query('council-page', { code }, { onWait: waitMessage });
  tell(null);
  if (!council) throw new ApiError(`there is no council with the code ${code}.`);
  document.title = `${council.name} — ElectionGraph showcase`;
  byId('name').textContent = council.name;
  byId('about').textContent = `${councilType(council.type)}, ${council.region}`;
  // The colours come with each seat row's party; NOC and the fallback from the page's own.
  const parties = new Parties(council.results.flatMap(result => result.seats.map(seat => ({ code: seat.partyCode, ...seat.party }))).filter(party => party.shortName));
  byId('results').replaceChildren(...(council.results.length
    ? council.results.map(result => resultSection(result, parties))
    : [h('p', {}, 'No result declared yet.')]));
}

function resultSection(result, parties) {
  const { before, after, changed } = result.control;
  const outcome = changed ? `${parties.name(after)} gain from ${parties.name(before)}` : changed === false ? `${parties.name(after)} hold` : parties.name(after);
  const heading = `Result, ${result.electionId === 'local.2019-05-02' ? '2 May 2019' : result.electionId}`;
  return h('section', { 'aria-label': heading, data: { election: result.electionId } },
    h('h2', {}, heading),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Control'), h('dd', { class: 'outcome' }, outcome),
      h('dt', {}, 'Seats up'), h('dd', {}, `${count(result.seatsUp)} of ${count(result.totalSeats)}`),
      h('dt', {}, 'Declared'), h('dd', {}, when(result.declaredAt))),
    h('div', { class: 'table-wrap', role: 'region', 'aria-label': 'Seats by party', tabindex: 0 },
      h('table', { class: 'seats' },
        h('caption', {}, 'Seats by party'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Party'),
          h('th', { scope: 'col', class: 'number' }, 'Won'),
          h('th', { scope: 'col', class: 'number' }, 'Change'),
          h('th', { scope: 'col', class: 'number' }, 'Seats on council'))),
        h('tbody', {}, result.seats.map(seat => h('tr', { data: { party: seat.partyCode } },
          h('th', { scope: 'row' }, swatch(parties, seat.partyCode), seat.party?.shortName ?? seat.partyCode),
          h('td', { class: 'number won' }, count(seat.won)),
          h('td', { class: 'number' }, signed(seat.change)),
          h('td', { class: 'number' }, count(seat.totalAfter))))))),
    h('h3', {}, 'Sources'),
    h('p', { class: 'sources' }, result.sources ? sourceNodes(result.sources) : 'Not recorded.'));
}

function failed(error) {
  tell(`Sorry, this council's result could not be loaded: ${error.message}`);
}
