// A result's sources are free text as the compilers wrote it, which may hold addresses. It is shown as text; only
// what parses as an http(s) URL becomes a link (never javascript:, data: or anything else), and the link sends no
// referrer to the site it points at.
import { h } from './dom.mjs';

const candidate = /\bhttps?:\/\/[^\s<>"']+/gi;

/** Sentence punctuation after an address is not part of it; nor is a closing bracket it did not open (Wikipedia's (b) is). */
function trim(url) {
  for (;;) {
    if (/[.,;:!?]$/.test(url)) url = url.slice(0, -1);
    else if (url.endsWith(')') && url.split('(').length < url.split(')').length) url = url.slice(0, -1);
    else return url;
  }
}

/** The text cut into plain pieces and http(s) URLs. */
function pieces(text) {
  const found = [];
  let last = 0;
  for (const match of text.matchAll(candidate)) {
    const address = trim(match[0]);
    const url = safeUrl(address);
    if (!url) continue;
    if (match.index > last) found.push({ text: text.slice(last, match.index) });
    found.push({ text: address, url });
    last = match.index + address.length;
  }
  if (last < text.length) found.push({ text: text.slice(last) });
  return found;
}

function safeUrl(text) {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** The sources as nodes: text, and links for the URLs in it. */
export const sourceNodes = text => pieces(text).map(piece => (piece.url ? h('a', { href: piece.url, rel: 'noopener noreferrer external' }, piece.text) : piece.text));
