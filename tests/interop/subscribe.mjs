// Subscribes with the graphql-ws client to each operation given and prints every message it receives as a
// JSON line {"operation": n, "result": ...}; prints {"ready": true} once the socket is acknowledged.
// Usage: node subscribe.mjs <ws url> <operation> [<operation> ...]
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';

const [url, ...operations] = process.argv.slice(2);
const client = createClient({
  url,
  webSocketImpl: WebSocket,
  lazy: false,
  retryAttempts: 0,
  on: { connected: () => console.log(JSON.stringify({ ready: true })) },
});

operations.forEach((query, operation) =>
  client.subscribe({ query }, {
    next: (result) => console.log(JSON.stringify({ operation, result })),
    error: (error) => console.log(JSON.stringify({ operation, error: String(error?.message ?? error?.reason ?? error) })),
    complete: () => console.log(JSON.stringify({ operation, complete: true })),
  }));
