// A MongoDB server for the tests, with mingo (an independent implementation of MongoDB's query and aggregation
// language) as its engine: the Mongo adapter's driver connects to it on 127.0.0.1 as to any server, so the very
// commands the adapter sends (aggregate pipelines, finds, version-guarded replaces, bulk upserts, index builds,
// change streams) run here, on documents stored as the adapter's BSON class maps wrote them.
//
// It speaks the wire protocol's OP_MSG (and OP_QUERY for the handshake), keeps its databases in memory, and answers
// the commands the driver sends for the adapter — nothing else: any other command is refused with MongoDB's
// CommandNotFound, so an adapter change that needs more fails loudly rather than passing by accident.
// Where mingo and MongoDB are known to differ, docs/mongo-parity.md says so; one is adjusted here (see `read`).
//
// Usage: node mingo-mongod.mjs   — prints "listening <port>" once it accepts connections on 127.0.0.1.
import net from "node:net";
import { BSON, Decimal128, Long, Timestamp } from "bson";
import { Aggregator, ProcessingMode, Query } from "mingo";

const OP_REPLY = 1;
const OP_QUERY = 2004;
const OP_MSG = 2013;
const MAX_WIRE_VERSION = 21; // MongoDB 7.0
const DUPLICATE_KEY = 11000;

const options = { processingMode: ProcessingMode.CLONE_INPUT, useStrictMode: true };

/** database name → collection name → { docs: Map<idKey, doc>, indexes: [{ name, key, unique }] } */
const databases = new Map();
/** Every accepted write, in order: the change streams' source (an oplog). */
const oplog = [];
const waiters = new Set();
const cursors = new Map();
let nextCursorId = 1n;
let connections = 0;

function collection(db, name, create = true) {
  if (!databases.has(db)) databases.set(db, new Map());
  const colls = databases.get(db);
  if (!colls.has(name) && create) colls.set(name, { docs: new Map(), indexes: [{ name: "_id_", key: { _id: 1 }, unique: true }] });
  return colls.get(name);
}

const deserializeOptions = { promoteLongs: true, promoteValues: true, bsonRegExp: false };

/**
 * BSON as mingo takes it. The one adjustment for a known difference: MongoDB compares every numeric type by value
 * (the manual's "Comparison/Sort Order": numbers are converted before they are compared), but mingo compares bson's
 * Decimal128 objects by their text ("9.5" > "35.3"), so decimals are read as JavaScript numbers, which mingo compares
 * as MongoDB would. They go back to the driver as doubles, which the class maps read back into decimals, exactly for
 * decimals of up to 15 significant digits (the seed's turnouts and shares have at most four).
 */
function read(bytes) {
  return numeric(BSON.deserialize(bytes, deserializeOptions));
}

function numeric(value) {
  if (value instanceof Decimal128) return Number(value.toString());
  if (Array.isArray(value)) return value.map(numeric);
  if (value && Object.getPrototypeOf(value) === Object.prototype) {
    for (const key of Object.keys(value)) value[key] = numeric(value[key]);
  }
  return value;
}

const idKey = (id) => JSON.stringify(BSON.EJSON.serialize({ id }, { relaxed: false }));
const clone = (doc) => read(BSON.serialize(doc, { ignoreUndefined: true }));

class CommandError extends Error {
  constructor(code, codeName, message) {
    super(message);
    this.code = code;
    this.codeName = codeName;
  }
}

// ---- writes ----

/** The value of a unique index's key in a document, or undefined when the document has none of its fields. */
function indexValue(index, doc) {
  const values = Object.keys(index.key).map((path) => path.split(".").reduce((v, k) => (v == null ? undefined : v[k]), doc));
  return values.every((v) => v === undefined) ? undefined : idKey(values.map((v) => v ?? null));
}

/** The unique indexes other than _id's (the documents are held by _id, which keeps that one). */
function checkUnique(coll, doc, replacing) {
  for (const index of coll.indexes.filter((i) => i.unique && i.name !== "_id_")) {
    const value = indexValue(index, doc);
    if (value === undefined) continue;
    for (const [key, other] of coll.docs) {
      if (key !== replacing && indexValue(index, other) === value)
        throw new CommandError(DUPLICATE_KEY, "DuplicateKey", `E11000 duplicate key error collection index: ${index.name}`);
    }
  }
}

function record(db, collName, operationType, doc) {
  oplog.push({ db, coll: collName, operationType, doc: clone(doc), wallTime: new Date() });
  for (const wake of waiters) wake();
}

function insert(db, collName, doc) {
  const coll = collection(db, collName);
  if (doc._id === undefined) throw new CommandError(2, "BadValue", "documents here must have an _id");
  const key = idKey(doc._id);
  if (coll.docs.has(key)) throw new CommandError(DUPLICATE_KEY, "DuplicateKey", "E11000 duplicate key error collection index: _id_");
  checkUnique(coll, doc);
  coll.docs.set(key, clone(doc));
  record(db, collName, "insert", doc);
}

const isReplacement = (u) => !Array.isArray(u) && Object.keys(u).every((k) => !k.startsWith("$"));

/**
 * The documents an update can match: the one its filter's _id names, found by key as MongoDB's _id index finds it (the
 * adapter's replaces all name one), else every document. Scanning them all for each statement made importing the
 * seed's thousands of ballots quadratic.
 */
function updateCandidates(coll, q) {
  if (typeof q?._id !== "string") return [...coll.docs.values()];
  const doc = coll.docs.get(idKey(q._id));
  return doc === undefined ? [] : [doc];
}

/** One update statement: a replacement (what the adapter sends), with MongoDB's upsert rules for the _id. */
function update(db, collName, { q, u, upsert, multi }) {
  if (!isReplacement(u) || multi) throw new CommandError(9, "FailedToParse", "only replacements of one document are served here");
  const coll = collection(db, collName);
  const matched = new Query(q ?? {}, options).find(updateCandidates(coll, q)).limit(1).all()[0];
  if (matched) {
    const replacement = { _id: matched._id, ...u };
    const key = idKey(matched._id);
    checkUnique(coll, replacement, key);
    const modified = JSON.stringify(BSON.EJSON.serialize(replacement)) !== JSON.stringify(BSON.EJSON.serialize(coll.docs.get(key)));
    coll.docs.set(key, clone(replacement));
    record(db, collName, "replace", replacement);
    return { n: 1, nModified: modified ? 1 : 0 };
  }
  if (!upsert) return { n: 0, nModified: 0 };
  const inserted = u._id === undefined && q?._id !== undefined && typeof q._id !== "object" ? { _id: q._id, ...u } : u;
  insert(db, collName, inserted);
  return { n: 1, nModified: 0, upserted: inserted._id };
}

function writeCommand(db, collName, statements, apply, ordered) {
  const writeErrors = [];
  let n = 0,
    nModified = 0;
  const upserted = [];
  for (const [index, statement] of statements.entries()) {
    try {
      const result = apply(statement) ?? { n: 1 };
      n += result.n;
      nModified += result.nModified ?? 0;
      if (result.upserted !== undefined) upserted.push({ index, _id: result.upserted });
    } catch (e) {
      if (!(e instanceof CommandError)) throw e;
      writeErrors.push({ index, code: e.code, errmsg: e.message });
      if (ordered !== false) break;
    }
  }
  return { n, nModified, ...(upserted.length ? { upserted } : {}), ...(writeErrors.length ? { writeErrors } : {}), ok: 1 };
}

// ---- reads ----

function docsOf(db, collName) {
  return [...(collection(db, collName, false)?.docs.values() ?? [])];
}

/** A cursor's first batch; the rest, if any, is kept for getMore. */
function cursorReply(ns, rows, batchSize) {
  const size = batchSize ?? rows.length;
  let id = 0n;
  if (rows.length > size) {
    id = nextCursorId++;
    cursors.set(id, { ns, rows: rows.slice(size) });
  }
  return { cursor: { firstBatch: rows.slice(0, size), id: Long.fromBigInt(id), ns }, ok: 1 };
}

function aggregate(db, body) {
  const pipeline = body.pipeline ?? [];
  const ns = `${db}.${body.aggregate}`;
  if (pipeline[0]?.$changeStream) return openChangeStream(db, body.aggregate, pipeline);
  const rows = new Aggregator(pipeline, options).run(docsOf(db, body.aggregate));
  return cursorReply(ns, rows, body.cursor?.batchSize);
}

function find(db, body) {
  let cursor = new Query(body.filter ?? {}, options).find(docsOf(db, body.find), body.projection);
  if (body.sort) cursor = cursor.sort(body.sort);
  if (body.skip) cursor = cursor.skip(body.skip);
  if (body.limit) cursor = cursor.limit(Math.abs(body.limit));
  return cursorReply(`${db}.${body.find}`, cursor.all(), body.singleBatch ? undefined : body.batchSize);
}

// ---- change streams: an aggregate whose first stage is $changeStream, read by getMore from the oplog ----

const resumeToken = (position) => ({ _data: position.toString(16).padStart(16, "0") });

function openChangeStream(db, collName, pipeline) {
  const id = nextCursorId++;
  cursors.set(id, { ns: `${db}.${collName}`, changeStream: { db, coll: collName, rest: pipeline.slice(1), position: oplog.length } });
  return { cursor: { firstBatch: [], id: Long.fromBigInt(id), ns: `${db}.${collName}`, postBatchResumeToken: resumeToken(oplog.length) }, ok: 1 };
}

function changes(stream) {
  const events = oplog
    .slice(stream.position)
    .map((entry, i) => ({ entry, position: stream.position + i + 1 }))
    .filter(({ entry }) => entry.db === stream.db && entry.coll === stream.coll)
    .map(({ entry, position }) => ({
      _id: resumeToken(position),
      operationType: entry.operationType,
      clusterTime: new Timestamp({ t: Math.floor(entry.wallTime.getTime() / 1000), i: position }),
      wallTime: entry.wallTime,
      ns: { db: entry.db, coll: entry.coll },
      documentKey: { _id: entry.doc._id },
      fullDocument: entry.doc,
    }));
  stream.position = oplog.length;
  return stream.rest.length ? new Aggregator(stream.rest, options).run(events) : events;
}

async function getMore(body) {
  const id = BigInt(body.getMore.toString());
  const cursor = cursors.get(id);
  if (!cursor) throw new CommandError(43, "CursorNotFound", `cursor id ${id} not found`);
  if (!cursor.changeStream) {
    const size = body.batchSize ?? cursor.rows.length;
    const batch = cursor.rows.slice(0, size);
    cursor.rows = cursor.rows.slice(size);
    if (!cursor.rows.length) cursors.delete(id);
    return { cursor: { nextBatch: batch, id: Long.fromBigInt(cursor.rows.length ? id : 0n), ns: cursor.ns }, ok: 1 };
  }
  const stream = cursor.changeStream;
  if (stream.position === oplog.length) await waitForWrite(body.maxTimeMS ?? 1000);
  if (!cursors.has(id)) throw new CommandError(43, "CursorNotFound", `cursor id ${id} was killed`);
  const batch = changes(stream);
  return { cursor: { nextBatch: batch, id: Long.fromBigInt(id), ns: cursor.ns, postBatchResumeToken: resumeToken(stream.position) }, ok: 1 };
}

function waitForWrite(ms) {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      waiters.delete(done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    waiters.add(done);
  });
}

// ---- commands ----

function hello(port) {
  return {
    helloOk: true,
    ismaster: true,
    isWritablePrimary: true,
    setName: "mingo",
    setVersion: 1,
    hosts: [`127.0.0.1:${port}`],
    primary: `127.0.0.1:${port}`,
    me: `127.0.0.1:${port}`,
    maxBsonObjectSize: 16 * 1024 * 1024,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: connections,
    minWireVersion: 0,
    maxWireVersion: MAX_WIRE_VERSION,
    readOnly: false,
    ok: 1,
  };
}

async function run(body, port) {
  const name = Object.keys(body)[0];
  const db = body.$db ?? "admin";
  switch (name.toLowerCase()) {
    case "hello":
    case "ismaster":
      return hello(port);
    case "ping":
    case "endsessions":
      return { ok: 1 };
    case "buildinfo":
      return { version: "7.0.0-mingo", versionArray: [7, 0, 0, 0], maxBsonObjectSize: 16 * 1024 * 1024, ok: 1 };
    case "aggregate":
      return aggregate(db, body);
    case "find":
      return find(db, body);
    case "getmore":
      return getMore(body);
    case "killcursors":
      for (const id of body.cursors ?? []) cursors.delete(BigInt(id.toString()));
      for (const wake of waiters) wake();
      return { cursorsKilled: body.cursors ?? [], ok: 1 };
    case "insert":
      return writeCommand(db, body.insert, body.documents ?? [], (doc) => insert(db, body.insert, doc), body.ordered);
    case "update":
      return writeCommand(db, body.update, body.updates ?? [], (statement) => update(db, body.update, statement), body.ordered);
    case "createindexes": {
      const coll = collection(db, body.createIndexes);
      for (const index of body.indexes) {
        if (!coll.indexes.some((i) => i.name === index.name)) coll.indexes.push({ name: index.name, key: index.key, unique: index.unique === true });
      }
      return { numIndexesAfter: coll.indexes.length, ok: 1 };
    }
    case "dropdatabase":
      databases.delete(db);
      return { ok: 1 };
    default:
      throw new CommandError(59, "CommandNotFound", `no such command: '${name}' (not served by mingo-mongod)`);
  }
}

// ---- the wire protocol ----

function reply(socket, requestId, opCode, payload) {
  const header = Buffer.alloc(16);
  header.writeInt32LE(16 + payload.length, 0);
  header.writeInt32LE(0, 4);
  header.writeInt32LE(requestId, 8);
  header.writeInt32LE(opCode, 12);
  socket.write(Buffer.concat([header, payload]));
}

const serialize = (doc) => Buffer.from(BSON.serialize(doc, { ignoreUndefined: true }));

async function answer(body, port) {
  try {
    return await run(body, port);
  } catch (e) {
    if (e instanceof CommandError) return { ok: 0, errmsg: e.message, code: e.code, codeName: e.codeName };
    return { ok: 0, errmsg: `mingo: ${e.message}`, code: 1, codeName: "InternalError" };
  }
}

/** An OP_MSG's body: its kind-0 section, with each kind-1 document sequence added under its identifier. */
function readMessage(message) {
  let at = 4; // flag bits
  let body;
  const sequences = {};
  while (at < message.length) {
    const kind = message[at++];
    if (kind === 0) {
      const size = message.readInt32LE(at);
      body = read(message.subarray(at, at + size));
      at += size;
    } else {
      const size = message.readInt32LE(at);
      const end = at + size;
      const nameEnd = message.indexOf(0, at + 4);
      const name = message.toString("utf8", at + 4, nameEnd);
      const docs = [];
      for (let d = nameEnd + 1; d < end; ) {
        const docSize = message.readInt32LE(d);
        docs.push(read(message.subarray(d, d + docSize)));
        d += docSize;
      }
      sequences[name] = docs;
      at = end;
    }
  }
  return { ...body, ...sequences };
}

async function handle(socket, opCode, requestId, message, port) {
  if (opCode === OP_MSG) {
    const result = await answer(readMessage(message), port);
    reply(socket, requestId, OP_MSG, Buffer.concat([Buffer.alloc(4), Buffer.from([0]), serialize(result)]));
  } else if (opCode === OP_QUERY) {
    const nameEnd = message.indexOf(0, 4);
    const at = nameEnd + 1 + 8; // numberToSkip, numberToReturn
    const query = read(message.subarray(at, at + message.readInt32LE(at)));
    const result = await answer(query, port);
    const head = Buffer.alloc(20);
    head.writeInt32LE(0, 0); // response flags
    head.writeBigInt64LE(0n, 4); // cursor id
    head.writeInt32LE(0, 12); // starting from
    head.writeInt32LE(1, 16); // number returned
    reply(socket, requestId, OP_REPLY, Buffer.concat([head, serialize(result)]));
  } else {
    socket.destroy(new Error(`unsupported op code ${opCode}`));
  }
}

const server = net.createServer((socket) => {
  connections++;
  let pending = Buffer.alloc(0);
  let queue = Promise.resolve();
  socket.on("data", (chunk) => {
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 16 && pending.length >= pending.readInt32LE(0)) {
      const length = pending.readInt32LE(0);
      const requestId = pending.readInt32LE(4);
      const opCode = pending.readInt32LE(12);
      const message = pending.subarray(16, length);
      pending = pending.subarray(length);
      // One connection's requests are answered in order, as a server does.
      queue = queue.then(() => handle(socket, opCode, requestId, message, server.address().port)).catch((e) => socket.destroy(e));
    }
  });
  socket.on("error", () => {});
});

server.listen(0, "127.0.0.1", () => console.log(`listening ${server.address().port}`));
