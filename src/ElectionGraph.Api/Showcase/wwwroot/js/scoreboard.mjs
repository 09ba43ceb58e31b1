// The scoreboard: each party's figures computed from the councils chosen (partyTotals), with what a partial sum
// covers, and beside them the totals as officially reported (Election.reportedTotals), by nation.
import { h } from './dom.mjs';
import { count, signed, nation } from './format.mjs';

/** Parties shown before "Show all": the big ones; local groups follow on request. */
export const FIRST_ROWS = 10;

/** @param {HTMLTableElement} table @param {object[]} totals partyTotals, largest first @param {boolean} all every row, or the first few */
export function renderScoreboard(table, totals, parties, all) {
  const rows = totals.map((total, i) => h('tr', { data: { party: total.partyCode }, hidden: !all && i >= FIRST_ROWS },
    h('th', { scope: 'row' }, swatch(parties, total.partyCode), parties.name(total.partyCode), coverage(total.coverage)),
    h('td', { class: 'number seats' }, count(total.seatsWon)),
    h('td', { class: 'number change' }, signed(total.seatsChange)),
    h('td', { class: 'number controlled' }, count(total.councilsControlled)),
    h('td', { class: 'number gained' }, count(total.councilsGained)),
    h('td', { class: 'number lost' }, count(total.councilsLost))));
  if (rows.length === 0) rows.push(h('tr', {}, h('td', { colspan: 6 }, 'No results declared yet in the councils chosen.')));
  table.tBodies[0].replaceChildren(...rows);
}

/** Where a computed figure is a partial sum, says which councils it covers. */
function coverage({ councils, seatsComplete, changeReported, complete }) {
  if (complete) return null;
  const parts = [];
  if (seatsComplete < councils) parts.push(`seats complete for ${seatsComplete} of ${councils} councils`);
  if (changeReported < councils) parts.push(`change reported for ${changeReported} of ${councils} councils`);
  return h('span', { class: 'coverage' }, parts.join('; '));
}

/** The reported totals, a table per nation. */
export function renderReported(container, reported, parties) {
  const tables = [...Map.groupBy(reported, total => total.nation)].map(([code, totals]) => h('table', { class: 'reported', data: { nation: code } },
    h('caption', {}, nation(code)),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Party'),
      h('th', { scope: 'col', class: 'number' }, 'Seats'),
      h('th', { scope: 'col', class: 'number' }, 'Change'),
      h('th', { scope: 'col', class: 'number' }, 'Councils'),
      h('th', { scope: 'col', class: 'number' }, 'Councils change'))),
    h('tbody', {}, totals.map(total => h('tr', { data: { party: total.partyCode } },
      h('th', { scope: 'row' }, swatch(parties, total.partyCode), parties.name(total.partyCode)),
      h('td', { class: 'number' }, count(total.seatsWon)),
      h('td', { class: 'number' }, signed(total.seatsChange)),
      h('td', { class: 'number' }, count(total.councilsControlled)),
      h('td', { class: 'number' }, signed(total.councilsChange)))))));
  container.replaceChildren(...tables);
}

/** A small square of the party's colour beside its name (decorative: the name says it). */
export function swatch(parties, code) {
  // A figure reported for several parties together has no one colour: the square keeps its place, unseen.
  const square = h('span', { class: code.includes('+') ? 'swatch blank' : 'swatch', 'aria-hidden': 'true' });
  if (!code.includes('+')) square.style.backgroundColor = parties.colour(code);
  return square;
}
