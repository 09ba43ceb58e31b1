// Checks an ElectionGraph webhook request before trusting it (README, "Webhooks"). No packages: Node's own crypto.
import { createHmac, timingSafeEqual } from "node:crypto";

// headers: the request's headers, names in lowercase (as Node gives them); rawBody: the body's bytes exactly as received.
export function verifyWebhook(secret, headers, rawBody, toleranceSeconds = 300, now = Date.now() / 1000) {
  const timestamp = headers["electiongraph-timestamp"] ?? "";
  if (!/^\d+$/.test(timestamp) || Math.abs(now - Number(timestamp)) > toleranceSeconds) return false; // stale: maybe replayed
  const expected = Buffer.from("v1=" + createHmac("sha256", secret).update(`${timestamp}.`).update(rawBody).digest("hex"));
  // One value per secret in use (two for a day after a rotation): any may match.
  return (headers["electiongraph-signature"] ?? "").split(",").some((value) => {
    const given = Buffer.from(value.trim());
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
