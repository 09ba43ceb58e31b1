// Parties as the page shows them: names, and the map's colours. The colours the API has no party for are set here
// and shown in the page's key:
//   no overall control: a mid grey;
//   a party with no colour on record (local groups, residents): sand, a colour no national party uses;
//   a council with no result in the councils chosen (no election in 2019, not declared yet, or outside the choice):
//   a very light grey.
// Every hexagon has a dark outline (showcase.css), so each stands out from the page whatever its fill.

export const NO_OVERALL_CONTROL = 'NOC';

export const colours = Object.freeze({ noc: '#9E9E9E', fallback: '#C9B27C', none: '#F2F2F2' });

const hexColour = /^#[0-9a-f]{6}$/i;

export class Parties {
  #byCode;

  /** @param nodes the ShowcaseLayout query's parties: { code, name, shortName, colour } */
  constructor(nodes) {
    this.#byCode = new Map(nodes.map(party => [party.code, party]));
  }

  /** The fill for a council in control of this code (a party or NOC); none without a result. */
  colour(control) {
    if (!control) return colours.none;
    if (control === NO_OVERALL_CONTROL) return colours.noc;
    const colour = this.#byCode.get(control)?.colour;
    return colour && hexColour.test(colour) ? colour : colours.fallback;
  }

  /** Whether the party has a colour of its own (else it is drawn in the fallback colour). */
  coloured(code) {
    return this.colour(code) !== colours.fallback;
  }

  /** Short name; "No overall control"; "not known" for a missing control; joined names for a figure reported for several parties (IND+RA+OTH). */
  name(code) {
    if (code == null) return 'not known';
    if (code === NO_OVERALL_CONTROL) return 'No overall control';
    return code.split('+').map(one => this.#byCode.get(one)?.shortName ?? one).join(' + ');
  }
}
