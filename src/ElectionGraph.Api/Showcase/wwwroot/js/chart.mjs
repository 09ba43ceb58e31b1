// The seat-change chart: the parties with the largest net changes in the councils chosen, as bars either side of
// zero. A list in HTML, so it reflows on a phone and reads as text; the values are printed beside the bars, on the
// page's background, never on a party colour.
import { h } from './dom.mjs';
import { signed } from './format.mjs';
import { swatch } from './scoreboard.mjs';

const BARS = 10;

export function renderChart(list, note, totals, parties) {
  const changed = totals.filter(total => total.seatsChange !== 0)
    .sort((a, b) => Math.abs(b.seatsChange) - Math.abs(a.seatsChange)).slice(0, BARS)
    .sort((a, b) => b.seatsChange - a.seatsChange);
  const largest = Math.max(1, ...changed.map(total => Math.abs(total.seatsChange)));
  list.replaceChildren(...changed.map(total => {
    const bar = h('span', { class: `bar ${total.seatsChange > 0 ? 'gain' : 'loss'}` });
    bar.style.width = `${(50 * Math.abs(total.seatsChange)) / largest}%`;
    bar.style.backgroundColor = parties.colour(total.partyCode);
    return h('li', { data: { party: total.partyCode } },
      h('span', { class: 'label' }, swatch(parties, total.partyCode), parties.name(total.partyCode)),
      h('span', { class: 'track', 'aria-hidden': 'true' }, bar),
      h('span', { class: 'value' }, signed(total.seatsChange)));
  }));
  const partial = changed.filter(total => total.coverage.changeReported < total.coverage.councils).length;
  note.textContent = changed.length === 0
    ? 'No seat changes reported yet in the councils chosen.'
    : `Each party's net change in seats, summed over the councils where it was reported${partial ? ' (the scoreboard says how many)' : ''}.`;
}
