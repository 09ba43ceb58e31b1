// What the reader is told about the page itself: the live status line (and body[data-live], which tests read),
// and messages for what went wrong — an API over budget, an answer with errors — instead of the console.
import { byId } from './dom.mjs';

const said = {
  connecting: 'Connecting to live results…',
  subscribing: 'Connecting to live results…',
  open: 'Live',
  reconnecting: 'Reconnecting…',
  refused: 'Live results unavailable',
};

export function showLive(state, detail) {
  const line = byId('status');
  const was = document.body.dataset.live;
  document.body.dataset.live = state;
  // Subscribing again for other councils: still live as far as the reader can tell, so nothing to announce.
  if (state === 'subscribing' && was === 'open') return;
  line.textContent = detail ? `${said[state]}: ${detail}` : said[state];
  line.dataset.state = state;
}

/** A message for the reader (replacing the last), or none. */
export function tell(message) {
  byId('messages').textContent = message ?? '';
}

export const waitMessage = seconds => tell(`The results service is busy. Trying again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}…`);
