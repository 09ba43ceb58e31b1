// Live updates over graphql-transport-ws, the graphql-ws library's protocol, written out because the page needs so
// little of it: connection_init/ack, subscribe, next/error/complete, ping/pong. The protocol has no acknowledgement
// of a subscribe; this API answers a ping only once every subscription asked for before it is live, so the pong
// after a round of subscribes says "live" (from then on no declaration is missed). A dropped socket is reopened
// after a growing pause (1 s, 2 s, 4 s, … up to 30 s, with jitter so that a crowd of readers does not return at
// once), its subscriptions sent again, and the page told when they are live again, to catch up.

const MAX_PAUSE_MS = 30_000;

/**
 * @typedef Subscription
 * @property {string} query
 * @property {object} variables
 * @property {(payload: {data?: object, errors?: object[]}) => void} next
 */

export class Live {
  #url;
  #onState;
  #onOpen;
  #socket = null;
  #acknowledged = false; // connection_ack received on this socket
  #wanted = []; // the subscriptions the page wants, kept across sockets
  #active = new Map(); // id → subscription, as sent on this socket
  #lastId = 0; // ids are never reused, so a late message for a replaced subscription is dropped
  #pings = 0; // pings not answered yet
  #refused = []; // errors for this round's subscribes
  #attempt = 0;
  #open = false;
  #waiting = [];
  #retry = null;

  /**
   * @param {string} url ws(s)://host/graphql
   * @param {{ onState: (state: string, detail?: string) => void, onOpen: () => void }} handlers
   *   onState: connecting, subscribing, open, reconnecting or refused (with the API's message);
   *   onOpen: the subscriptions are live again, after a new socket or a new set of subscriptions.
   */
  constructor(url, { onState, onOpen }) {
    this.#url = url;
    this.#onState = onState;
    this.#onOpen = onOpen;
  }

  start() {
    this.#connect('connecting');
  }

  /** Replaces every subscription (the reader chose other councils): the old ones are completed, the new ones sent. */
  subscribe(subscriptions) {
    this.#wanted = subscriptions;
    this.#open = false;
    if (!this.#acknowledged) return;
    for (const id of this.#active.keys()) this.#send({ id, type: 'complete' });
    this.#subscribeAll();
  }

  /** Resolves true once the subscriptions are live, or false after timeoutMs (the page then loads without waiting). */
  whenOpen(timeoutMs) {
    if (this.#open) return Promise.resolve(true);
    return new Promise(resolve => {
      const done = opened => {
        clearTimeout(timer);
        this.#waiting = this.#waiting.filter(waiting => waiting !== done);
        resolve(opened);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.#waiting.push(done);
    });
  }

  #connect(state) {
    this.#onState(state);
    const socket = new WebSocket(this.#url, 'graphql-transport-ws');
    this.#socket = socket;
    socket.onopen = () => this.#send({ type: 'connection_init', payload: {} });
    socket.onmessage = event => this.#receive(JSON.parse(event.data));
    socket.onclose = () => { if (this.#socket === socket) this.#dropped(); };
  }

  #receive(message) {
    switch (message.type) {
      case 'connection_ack':
        this.#acknowledged = true;
        this.#subscribeAll();
        break;
      case 'ping':
        this.#send({ type: 'pong' });
        break;
      case 'pong':
        if (this.#pings > 0 && --this.#pings === 0) this.#live();
        break;
      case 'next':
        this.#active.get(message.id)?.next(message.payload);
        break;
      case 'error':
        if (this.#active.delete(message.id)) this.#refused.push(...message.payload);
        break;
      default:
        break; // complete, or anything newer than this client
    }
  }

  #subscribeAll() {
    this.#active = new Map(this.#wanted.map(subscription => [String(++this.#lastId), subscription]));
    this.#refused = [];
    if (this.#active.size === 0) return; // nothing to be live for yet
    for (const [id, { query, variables }] of this.#active) this.#send({ id, type: 'subscribe', payload: { query, variables } });
    this.#send({ type: 'ping' });
    this.#pings += 1;
    this.#onState('subscribing');
  }

  #live() {
    if (this.#refused.length > 0) {
      // Refused (over budget, say): said to the reader, and asked again after the pause the API named.
      const limited = this.#refused.find(error => error.extensions?.code === 'RATE_LIMITED');
      this.#onState('refused', this.#refused.map(error => error.message).join(' '));
      if (limited && this.#retry === null) {
        this.#retry = setTimeout(() => { this.#retry = null; this.subscribe(this.#wanted); }, (limited.extensions.retryAfter ?? 10) * 1000);
      }
      return;
    }
    this.#attempt = 0;
    this.#open = true;
    this.#onState('open');
    for (const done of this.#waiting) done(true);
    this.#onOpen();
  }

  #dropped() {
    this.#socket = null;
    this.#acknowledged = false;
    this.#open = false;
    this.#pings = 0;
    this.#active = new Map();
    const pause = Math.min(MAX_PAUSE_MS, 1000 * 2 ** this.#attempt) * (0.5 + Math.random() / 2);
    this.#attempt += 1;
    this.#onState('reconnecting');
    setTimeout(() => this.#connect('reconnecting'), pause);
  }

  #send(message) {
    if (this.#socket?.readyState === WebSocket.OPEN) this.#socket.send(JSON.stringify(message));
  }
}

/** The API's socket on this page's own host. */
export const socketUrl = () => `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/graphql`;
