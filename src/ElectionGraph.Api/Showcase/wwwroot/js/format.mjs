// How numbers, dates and the API's enum values read on the page (British English).

const whole = new Intl.NumberFormat('en-GB');
const time = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' });

/** 3,565; a dash where a figure was not reported. */
export const count = n => (n == null ? '—' : whole.format(n));

/** +553, −1,236 (a true minus sign, which screen readers read as "minus"), 0. */
export const signed = n => (n == null ? '—' : n > 0 ? `+${whole.format(n)}` : n < 0 ? `\u2212${whole.format(-n)}` : '0');

/** A declaration time in UK time: 3 May 2019, 02:15. */
export const when = iso => (iso ? time.format(new Date(iso)) : 'not recorded');

const councilTypes = {
  METROPOLITAN_BOROUGH: 'Metropolitan borough',
  UNITARY: 'Unitary authority',
  DISTRICT: 'District',
  COUNTY: 'County',
  LONDON_BOROUGH: 'London borough',
  NORTHERN_IRELAND_DISTRICT: 'Northern Ireland district',
};

export const councilType = type => councilTypes[type] ?? type;

const nations = { ENGLAND: 'England', SCOTLAND: 'Scotland', WALES: 'Wales', NORTHERN_IRELAND: 'Northern Ireland' };

export const nation = code => nations[code] ?? code;

/** Plural of a count: "1 council", "3 councils". */
export const councils = n => `${whole.format(n)} ${n === 1 ? 'council' : 'councils'}`;
