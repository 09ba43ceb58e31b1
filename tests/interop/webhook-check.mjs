// For WebhookVerificationTests: runs README's verifyWebhook on requests a receiver kept, given as a JSON file of
// [{ secret, headers, body (base64), now }], and prints one true or false a line.
import { readFileSync } from "node:fs";
import { verifyWebhook } from "./webhook-verify.mjs";

for (const { secret, headers, body, now } of JSON.parse(readFileSync(process.argv[2], "utf8"))) {
  const lower = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  console.log(verifyWebhook(secret, lower, Buffer.from(body, "base64"), 300, now));
}
