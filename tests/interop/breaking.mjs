// The published contract's guard: compares two SDL files with graphql-js's findBreakingChanges and prints one
// JSON line per breaking change that was not announced by a deprecation in the older schema (a field, argument,
// enum value or input field may be removed once it has been deprecated), then a summary line
// {"summary":{"breaking":N,"allowed":N}}; exits 1 when N > 0. Usage: node breaking.mjs <older.graphql> <newer.graphql>
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, BreakingChangeType } from 'graphql';

const [olderFile, newerFile] = process.argv.slice(2);
const older = buildSchema(readFileSync(olderFile, 'utf8'));
const newer = buildSchema(readFileSync(newerFile, 'utf8'));

/** Whether the older schema deprecated what a change removes (read from graphql-js's descriptions of removals). */
function deprecatedBefore(change) {
  const fields = (typeName) => older.getType(typeName)?.getFields?.() ?? {};
  let match;
  switch (change.type) {
    case BreakingChangeType.FIELD_REMOVED: // "Type.field was removed." (object, interface and input types)
      match = /^(\w+)\.(\w+) was removed\.$/.exec(change.description);
      return Boolean(match && fields(match[1])[match[2]]?.deprecationReason);
    case BreakingChangeType.ARG_REMOVED: // "Type.field arg name was removed."
      match = /^(\w+)\.(\w+) arg (\w+) was removed\.$/.exec(change.description);
      return Boolean(match && fields(match[1])[match[2]]?.args.find((a) => a.name === match[3])?.deprecationReason);
    case BreakingChangeType.VALUE_REMOVED_FROM_ENUM: // "VALUE was removed from enum type Type."
      match = /^(\w+) was removed from enum type (\w+)\.$/.exec(change.description);
      return Boolean(match && older.getType(match[2])?.getValue?.(match[1])?.deprecationReason);
    default:
      return false;
  }
}

let breaking = 0;
let allowed = 0;
for (const change of findBreakingChanges(older, newer)) {
  const announced = deprecatedBefore(change);
  if (announced) allowed++;
  else breaking++;
  console.log(JSON.stringify({ type: change.type, description: change.description, deprecatedBefore: announced }));
}
console.log(JSON.stringify({ summary: { breaking, allowed } }));
process.exit(breaking > 0 ? 1 : 0);
