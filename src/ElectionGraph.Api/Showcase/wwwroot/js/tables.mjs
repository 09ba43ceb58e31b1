// The tables: councils that changed hands, every council of the map as text, and the mayors.
import { h } from './dom.mjs';
import { count, councilType } from './format.mjs';
import { swatch } from './scoreboard.mjs';

export const councilPage = code => `council.html?code=${encodeURIComponent(code)}`;

const byName = (a, b) => a.council.name.localeCompare(b.council.name, 'en-GB');

const link = council => h('a', { href: councilPage(council.code) }, council.name);

const control = (parties, code) => (code == null ? parties.name(code) : [swatch(parties, code), parties.name(code)]);

export function renderChanged(table, results, parties) {
  const changed = results.filter(result => result.control.changed === true).sort(byName);
  const rows = changed.map(result => h('tr', { data: { code: result.council.code } },
    h('th', { scope: 'row' }, link(result.council)),
    h('td', {}, result.council.region),
    h('td', {}, control(parties, result.control.before)),
    h('td', {}, control(parties, result.control.after))));
  if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 4 }, 'None yet in the councils chosen.')));
  table.tBodies[0].replaceChildren(...rows);
}

/** The map as text: every council with a result in the councils chosen. */
export function renderCouncils(table, summary, results, parties) {
  const rows = [...results].sort(byName).map(result => h('tr', { data: { code: result.council.code } },
    h('th', { scope: 'row' }, link(result.council)),
    h('td', {}, result.council.region),
    h('td', {}, councilType(result.council.type)),
    h('td', {}, parties.name(result.control.before)),
    h('td', {}, parties.name(result.control.after)),
    h('td', { class: 'number' }, count(result.seatsUp)),
    h('td', { class: 'number' }, count(result.totalSeats))));
  if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 7 }, 'No results declared yet in the councils chosen.')));
  table.tBodies[0].replaceChildren(...rows);
  summary.textContent = `The map as a table (${results.length} ${results.length === 1 ? 'council' : 'councils'})`;
}

/** The mayoral results, one card each: the winner, what it means, and every candidate's votes. */
export function renderMayors(container, mayors, parties) {
  const cards = [...mayors].sort((a, b) => a.areaName.localeCompare(b.areaName, 'en-GB')).map(mayor => {
    const party = mayor.winner?.partyCode;
    const outcome = !mayor.winner ? 'Not declared yet'
      : mayor.newPost ? `New post: ${parties.name(party)}`
      : party === mayor.previousPartyCode ? `${parties.name(party)} hold`
      : `${parties.name(party)} gain from ${parties.name(mayor.previousPartyCode)}`;
    const secondRound = mayor.candidates.some(candidate => candidate.secondRound != null);
    return h('article', { class: 'mayor', data: { id: mayor.id } },
      h('h3', {}, mayor.areaName),
      h('p', { class: 'winner' }, mayor.winner ? [swatch(parties, party), h('strong', {}, mayor.winner.name), ` (${parties.name(party)})`] : null),
      h('p', {}, outcome),
      h('table', { class: 'candidates' },
        h('caption', { class: 'visually-hidden' }, `Candidates for mayor of ${mayor.areaName}`),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Candidate'),
          h('th', { scope: 'col', class: 'number' }, '1st round'),
          secondRound ? h('th', { scope: 'col', class: 'number' }, '2nd round') : null)),
        h('tbody', {}, mayor.candidates.map(candidate => h('tr', {},
          h('th', { scope: 'row' }, candidate.name,
            h('span', { class: 'party' }, parties.name(candidate.partyCode)),
            candidate.elected ? h('span', { class: 'elected' }, 'elected') : null),
          h('td', { class: 'number' }, count(candidate.firstRound)),
          secondRound ? h('td', { class: 'number' }, candidate.secondRound == null ? '' : count(candidate.secondRound)) : null)))));
  });
  container.replaceChildren(...(cards.length ? cards : [h('p', {}, 'No mayoral results declared yet.')]));
}
