// A partner's page on a second loopback origin (served from here, on a port of its own) in headless Chromium
// (browser.mjs), calling the API at <url> as browser code does: a query with fetch (POST JSON), a mutation with the
// desk's key by fetch, and over a WebSocket (graphql-transport-ws) the same mutation and a subscription. Prints one
// JSON line of what the page shows once the subscription is live (the pong to a ping sent after both subscribes),
// then another with the first event the page shows.
// Usage: node cors.mjs <url> <desk key> '{"declare": {"query": …, "variables": …}, "subscribe": "subscription …"}'
import { createServer } from 'node:http';
import { launch } from './browser.mjs';

const [api, key, operations] = process.argv.slice(2);
const config = JSON.stringify({ api, key, ...JSON.parse(operations) }).replaceAll('<', '\\u003c');
const html = `<!doctype html>
<meta charset="utf-8">
<title>A partner's page</title>
<pre id="query"></pre>
<pre id="mutation"></pre>
<pre id="socket-mutation"></pre>
<pre id="live"></pre>
<pre id="event"></pre>
<script>
  const { api, key, declare, subscribe } = ${config};
  const show = (id, value) => document.getElementById(id).textContent = JSON.stringify(value);
  // What the page may read of the answer; a fetch the browser's CORS check stops shows why instead.
  const post = async (id, body, headers = {}) => {
    try {
      const response = await fetch(api, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
      show(id, { status: response.status, requestId: response.headers.get('x-request-id'), body: await response.json() });
    } catch (error) {
      show(id, { failed: String(error) });
    }
  };

  (async () => {
    await post('query', { query: '{ elections { nodes { id name } } }' });
    await post('mutation', declare, { 'x-api-key': key });
    const socket = new WebSocket(api.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const send = message => socket.send(JSON.stringify(message));
    socket.onopen = () => send({ type: 'connection_init', payload: { apiKey: key } });
    socket.onmessage = ({ data }) => {
      const message = JSON.parse(data);
      if (message.type === 'connection_ack') {
        send({ id: 'declare', type: 'subscribe', payload: declare });
        send({ id: 'declared', type: 'subscribe', payload: { query: subscribe } });
        send({ type: 'ping' });
      }
      if (message.type === 'pong') show('live', true);
      if (message.id === 'declare') show('socket-mutation', message);
      if (message.id === 'declared' && message.type === 'next') show('event', message.payload);
    };
  })();
</script>`;

const server = createServer((_, response) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html));
await new Promise(listening => server.listen(0, '127.0.0.1', listening));
const origin = `http://127.0.0.1:${server.address().port}`;
const { page, seen, stayedHome, close } = await launch();
try {
  const shown = async id => JSON.parse(await page.locator(`#${id}:not(:empty)`).textContent({ timeout: 0 }));
  await page.goto(origin);
  const live = await shown('live');
  console.log(JSON.stringify({ origin, query: await shown('query'), mutation: await shown('mutation'), socketMutation: await shown('socket-mutation'), live }));
  const event = await shown('event');
  stayedHome();
  console.log(JSON.stringify({ event }));
} catch (error) {
  console.error(JSON.stringify(seen));
  throw error;
} finally {
  await close();
  server.close();
}
