// Queries over GET, so that answers carry ETags: every request revalidates (cache: 'no-cache'), and an unchanged
// answer comes back as a 304, which costs no budget points. The documents are the API's partner examples, fetched
// as text from /showcase/queries/: the page has no GraphQL of its own.

const endpoint = new URL('/graphql', location.href);
const documents = new Map();

/** An answer with errors, or none at all: shown to the reader, never thrown to the console. */
export class ApiError extends Error {}

/** The text of a partner example (schema/examples/<name>.graphql), fetched once. */
export function documentText(name) {
  if (!documents.has(name)) {
    const text = fetch(`queries/${name}.graphql`).then(response => {
      if (!response.ok) throw new ApiError(`The query ${name} could not be loaded (HTTP ${response.status}).`);
      return response.text();
    });
    // A failure is not kept: the next use asks again.
    text.catch(() => documents.delete(name));
    documents.set(name, text);
  }
  return documents.get(name);
}

/**
 * Runs a partner example and returns its data. Over budget (HTTP 429, RATE_LIMITED), it calls onWait with the
 * seconds the API asked for, waits that long and asks again, once each time: never in a tight loop.
 */
export async function query(name, variables = {}, { signal, onWait = () => {} } = {}) {
  const url = new URL(endpoint);
  url.searchParams.set('query', await documentText(name));
  url.searchParams.set('variables', JSON.stringify(variables));
  for (;;) {
    const response = await fetch(url, { headers: { Accept: 'application/graphql-response+json' }, cache: 'no-cache', signal });
    const body = await response.json().catch(() => null);
    const limited = body?.errors?.find(error => error.extensions?.code === 'RATE_LIMITED');
    if (response.status === 429 || limited) {
      const seconds = Number(response.headers.get('Retry-After')) || limited?.extensions?.retryAfter || 10;
      onWait(seconds);
      await pause(seconds * 1000, signal);
      continue;
    }
    if (body?.errors?.length) throw new ApiError(body.errors.map(error => error.message).join(' '));
    if (!response.ok || !body?.data) throw new ApiError(`The API answered with HTTP ${response.status}.`);
    return body.data;
  }
}

/** Every page of councilResults for these variables (one page holds all of 2019's, but a longer night needs more). */
export async function allResults(variables, options) {
  const nodes = [];
  let after;
  do {
    const { councilResults } = await query('showcase-results', { ...variables, after }, options);
    nodes.push(...councilResults.nodes);
    after = councilResults.pageInfo.hasNextPage ? councilResults.pageInfo.endCursor : undefined;
  } while (after);
  return nodes;
}

/** Plain JSON from this origin (the hex layout). */
export async function json(path) {
  const response = await fetch(path);
  if (!response.ok) throw new ApiError(`${path} could not be loaded (HTTP ${response.status}).`);
  return response.json();
}

function pause(ms, signal) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(timer); reject(signal.reason); }, { once: true });
  });
}

/** True for a request abandoned on purpose (the reader chose other councils): not an error to show. */
export const abandoned = error => error?.name === 'AbortError';
