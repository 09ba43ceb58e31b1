// The hex map: one hexagon per district of a HexJSON layout (odd-r: odd rows shifted right by half a hexagon; rows
// increase northwards, so a row's y is -r), drawn once and repainted in place, so keyboard focus survives a live
// update. Each hexagon is a <path> carrying data-code, data-control and its fill, inside an <a> that links to the
// council's page while it has a result (an <a> without href is neither a link nor focusable).
// Keyboard: the map is one Tab stop (a roving tabindex); the arrow keys move to the nearest council in that
// direction, Home and End to the first and last, Enter opens the page. Hover and focus show the same tooltip.
import { s, h } from './dom.mjs';

const SIZE = 10; // centre to corner
const WIDTH = Math.sqrt(3) * SIZE;
const corners = [[0, -1], [0.866, -0.5], [0.866, 0.5], [0, 1], [-0.866, 0.5], [-0.866, -0.5]];
const directions = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };

/**
 * @typedef Look
 * @property {string} fill hex colour
 * @property {string} control party code, NOC, or '' without a result
 * @property {string} [href] the council's page, for a council with a result
 * @property {string} [label] what the link says to a screen reader
 * @property {string[]} tip the tooltip's lines, the first the name
 */

export class HexMap {
  #hexes = new Map(); // code → { link, path, x, y }
  #tips = new Map(); // code → the tooltip's lines
  #tip;
  #ring;
  #stop = null; // the hexagon holding the map's tab stop

  /** @param {HTMLElement} wrap @param {Record<string, {n: string, q: number, r: number}>} layout HexJSON's hexes */
  constructor(wrap, layout, describedBy) {
    const centres = Object.entries(layout).map(([code, { q, r }]) => ({ code, x: WIDTH * (q + (r & 1) / 2), y: -1.5 * SIZE * r }));
    // North to south, west to east: the order Tab and screen readers meet them in.
    centres.sort((a, b) => a.y - b.y || a.x - b.x);
    const xs = centres.map(c => c.x), ys = centres.map(c => c.y);
    const [left, top] = [Math.min(...xs) - WIDTH, Math.min(...ys) - 2 * SIZE];
    const [width, height] = [Math.max(...xs) + WIDTH - left, Math.max(...ys) + 2 * SIZE - top];

    const viewBox = [left, top, width, height].map(round).join(' ');
    const svg = s('svg', { viewBox, class: 'hexmap', role: 'group', 'aria-label': 'Hex map of councils', 'aria-describedby': describedBy });
    for (const { code, x, y } of centres) {
      const path = s('path', { d: hexagon(x, y), data: { code, control: '' } });
      const link = s('a', { class: 'hex' }, path);
      this.#hexes.set(code, { link, path, x, y });
      svg.append(link);
    }
    // The hexagon pointed at or focused: outlined black and white, drawn last so no neighbour covers it, and seen on any fill.
    this.#ring = [s('path', { class: 'ring outer', d: '' }), s('path', { class: 'ring inner', d: '' })];
    svg.append(...this.#ring);
    this.#tip = h('div', { class: 'tooltip', 'aria-hidden': 'true', hidden: true });
    wrap.append(svg, this.#tip);

    svg.addEventListener('pointerover', event => this.#point(event.target.closest('a.hex')));
    svg.addEventListener('pointerleave', () => this.#point(null));
    svg.addEventListener('focusin', event => this.#show(event.target.closest('a.hex')));
    svg.addEventListener('focusout', () => this.#show(null));
    svg.addEventListener('keydown', event => this.#key(event));
  }

  /** Repaints every hexagon: look(code) gives its fill, control, link and tooltip. */
  paint(look) {
    for (const [code, { link, path }] of this.#hexes) {
      const { fill, control, href, label, tip } = look(code);
      this.#tips.set(code, tip);
      path.setAttribute('fill', fill);
      path.dataset.control = control;
      if (href) {
        link.setAttribute('href', href);
        link.setAttribute('aria-label', label);
        link.setAttribute('tabindex', '-1');
      } else {
        for (const name of ['href', 'aria-label', 'tabindex']) link.removeAttribute(name);
      }
    }
    const stop = this.#stop?.hasAttribute('href') ? this.#stop : this.#links()[0] ?? null;
    this.#roving(stop);
    const shown = this.#tip.hidden ? null : this.#tip.dataset.code;
    if (shown) this.#tipFor(shown);
  }

  #links() {
    return [...this.#hexes.values()].map(hex => hex.link).filter(link => link.hasAttribute('href'));
  }

  #roving(link) {
    if (this.#stop?.hasAttribute('href')) this.#stop.setAttribute('tabindex', '-1');
    this.#stop = link;
    link?.setAttribute('tabindex', '0');
  }

  #key(event) {
    const from = event.target.closest('a.hex');
    if (!from) return;
    const links = this.#links();
    let to = null;
    if (event.key === 'Home') to = links[0];
    else if (event.key === 'End') to = links.at(-1);
    else if (directions[event.key]) to = this.#nearest(from, directions[event.key], links);
    else return;
    event.preventDefault(); // the arrows move on the map, not the page
    if (!to) return;
    this.#roving(to);
    to.focus();
  }

  /** The closest council within 45° of the direction. */
  #nearest(from, [dx, dy], links) {
    const origin = this.#hexes.get(codeOf(from));
    let best = null, bestDistance = Infinity;
    for (const link of links) {
      const { x, y } = this.#hexes.get(codeOf(link));
      const along = (x - origin.x) * dx + (y - origin.y) * dy;
      const across = Math.abs((x - origin.x) * dy - (y - origin.y) * dx);
      const distance = Math.hypot(x - origin.x, y - origin.y);
      if (along > 0.1 && across <= along && distance < bestDistance) [best, bestDistance] = [link, distance];
    }
    return best;
  }

  // Hover follows the pointer unless a hexagon has keyboard focus, which keeps its tooltip.
  #point(link) {
    if (document.activeElement?.closest?.('a.hex')) return;
    this.#show(link);
  }

  #show(link) {
    if (!link) {
      this.#tip.hidden = true;
      for (const ring of this.#ring) ring.setAttribute('d', '');
      return;
    }
    this.#tipFor(codeOf(link));
  }

  #tipFor(code) {
    const { path } = this.#hexes.get(code);
    const [name, ...lines] = this.#tips.get(code);
    for (const ring of this.#ring) ring.setAttribute('d', path.getAttribute('d'));
    this.#tip.replaceChildren(h('strong', {}, name), ...lines.map(line => h('span', {}, line)));
    this.#tip.dataset.code = code;
    this.#tip.hidden = false;
    // Above the hexagon, kept inside the map (below it when there is no room above).
    const wrap = this.#tip.parentElement.getBoundingClientRect();
    const hex = path.getBoundingClientRect();
    const left = Math.min(Math.max(0, hex.left + hex.width / 2 - wrap.left - this.#tip.offsetWidth / 2), wrap.width - this.#tip.offsetWidth);
    const above = hex.top - wrap.top - this.#tip.offsetHeight - 6;
    this.#tip.style.left = `${Math.max(0, left)}px`;
    this.#tip.style.top = `${above >= 0 ? above : hex.bottom - wrap.top + 6}px`;
  }
}

const codeOf = link => link.firstChild.dataset.code;
const round = n => Math.round(n * 100) / 100;
const hexagon = (x, y) => `M${corners.map(([cx, cy]) => `${round(x + cx * SIZE)},${round(y + cy * SIZE)}`).join('L')}Z`;
