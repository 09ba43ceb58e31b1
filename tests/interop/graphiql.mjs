// Opens GraphiQL at a GraphQL endpoint in headless Chromium with every request off 127.0.0.1 blocked (browser.mjs),
// runs the default query with the run button, opens the documentation explorer, puts the named example in the
// editor from the Examples pane and runs it. Prints one JSON line: the answers, the example names the pane lists,
// the explorer's text, every URL the page requested and the console errors. Fails if the page asked for anything
// off 127.0.0.1.
// Usage: node graphiql.mjs <url> <example name>
import { launch } from './browser.mjs';

const [url, exampleName] = process.argv.slice(2);
const { page, seen, stayedHome, close } = await launch();
try {
  const editor = selector => page.evaluate(s => document.querySelector(s).CodeMirror.getValue(), selector);
  const run = async () => {
    await page.locator('.graphiql-execute-button').click();
    await page.locator('.graphiql-response .CodeMirror', { hasText: /"(data|errors)"/ }).waitFor();
    return editor('.graphiql-response .CodeMirror');
  };

  await page.goto(url);
  await page.locator('.graphiql-query-editor .CodeMirror').waitFor();
  const result = await run();

  await page.locator('button[aria-label="Show Documentation Explorer"]').click();
  const docs = page.locator('.graphiql-doc-explorer', { hasText: 'Root Types' });
  await docs.waitFor();
  const docExplorer = await docs.innerText();

  await page.locator('button[aria-label="Show Examples"]').click();
  const examples = await page.locator('.graphiql-examples button b').allInnerTexts();
  await page.locator('.graphiql-examples button', { has: page.getByText(exampleName, { exact: true }) }).click();
  const exampleQuery = await editor('.graphiql-query-editor .CodeMirror');
  // GraphiQL takes the operation's name from the editor a moment after a change: run once it has.
  const operationName = exampleQuery.match(/^(?:query|mutation|subscription)\s+(\w+)/m)?.[1];
  await page.waitForFunction(name => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.operationName === name, operationName);
  await page.locator('.graphiql-response .CodeMirror').evaluate(response => response.CodeMirror.setValue(''));
  const exampleResult = await run();

  stayedHome();
  console.log(JSON.stringify({ result, docExplorer, examples, exampleQuery, exampleResult, ...seen }));
} catch (error) {
  console.error(JSON.stringify(seen));
  throw error;
} finally {
  await close();
}
