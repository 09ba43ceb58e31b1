// Automatic persisted queries with a client library's own support, set up as README's "For partners" shows: one query
// with a fresh client (hash only, then the text when the server does not know it), then with a second fresh client
// (hash only). Prints one JSON line per HTTP request: the client, method, whether the text was sent, the hash, and
// the response's status, Cache-Control and body. Usage: node apq.mjs <url> apollo|urql
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { Client, cacheExchange, fetchExchange, gql as urqlGql } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';

// Apollo Client 3 runs in Node as CommonJS (its ESM build is for bundlers).
const require = createRequire(import.meta.url);
const { ApolloClient, HttpLink, InMemoryCache, gql } = require('@apollo/client/core');
const { createPersistedQueryLink } = require('@apollo/client/link/persisted-queries');

const [uri, library] = process.argv.slice(2);
const text = 'query Council { council(code: "E07000170") { name } }';
const sha256 = text => createHash('sha256').update(text).digest('hex');

function recordingFetch(client) {
  return async (url, options) => {
    const response = await fetch(url, options);
    const sent = options.method === 'GET' ? Object.fromEntries(new URL(url).searchParams) : JSON.parse(options.body);
    const extensions = typeof sent.extensions === 'string' ? JSON.parse(sent.extensions) : sent.extensions;
    console.log(JSON.stringify({
      client,
      method: options.method,
      querySent: typeof sent.query === 'string',
      hash: extensions?.persistedQuery?.sha256Hash ?? null,
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      body: await response.clone().json(),
    }));
    return response;
  };
}

const clients = {
  async apollo(fetch) {
    const apollo = new ApolloClient({
      cache: new InMemoryCache(),
      link: createPersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(new HttpLink({ uri, fetch })),
    });
    await apollo.query({ query: gql(text), fetchPolicy: 'no-cache' });
  },
  async urql(fetch) {
    const urql = new Client({ url: uri, fetch, exchanges: [cacheExchange, persistedExchange({ preferGetForPersistedQueries: true }), fetchExchange] });
    const { error } = await urql.query(urqlGql(text), {}, { requestPolicy: 'network-only' }).toPromise();
    if (error) throw error;
  },
};

for (const client of [1, 2]) await clients[library](recordingFetch(client));
