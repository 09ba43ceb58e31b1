-- The one wrk script of every scenario (bench/http/run.sh). BENCH_REQUESTS names a file of requests, one a line:
-- METHOD <tab> PATH <tab> body, as scenarios.py writes them. One request is sent as it is; several are sent in turn,
-- each as often as the others. Accept is BENCH_ACCEPT (lib.sh's); Accept-Encoding is BENCH_ENCODING when set (run.sh
-- --encoding), else none, and answers are not compressed.
--
-- An error is a socket error or timeout (wrk's own counts), a status other than 2xx, or a 2xx answer whose body
-- holds "errors". done() prints one line, "RESULT " and a JSON object, which run.sh reads rather than wrk's text, and
-- one line "LATENCY " with every latency measured and its count.
local ffi = require("ffi")
ffi.cdef [[ void *memmem(const void *haystack, size_t haystacklen, const void *needle, size_t needlelen); ]]

local accept = assert(os.getenv("BENCH_ACCEPT"), "BENCH_ACCEPT is not set")
local encoding = os.getenv("BENCH_ENCODING")
if encoding == "" then encoding = nil end

local function headers(method)
  return {
    ["Accept"] = accept,
    ["Accept-Encoding"] = encoding,
    ["Content-Type"] = method == "POST" and "application/json" or nil,
  }
end

local file = assert(os.getenv("BENCH_REQUESTS"), "BENCH_REQUESTS names no file")
local requests = {}
for line in io.lines(file) do
  local method, path, body = line:match("^(%u+)\t([^\t]+)\t(.*)$")
  assert(method, "not a request: " .. line)
  requests[#requests + 1] = { method = method, path = path, body = body ~= "" and body or nil }
end
assert(#requests > 0, "no requests in " .. file)

if #requests == 1 then
  -- wrk formats a lone request once and sends the same bytes every time.
  wrk.method, wrk.path, wrk.body, wrk.headers = requests[1].method, requests[1].path, requests[1].body, headers(requests[1].method)
else
  local formatted, turn = {}, 0
  function request()
    turn = turn % #requests + 1
    if not formatted[turn] then
      local r = requests[turn]
      formatted[turn] = wrk.format(r.method, r.path, headers(r.method), r.body)
    end
    return formatted[turn]
  end
end

-- Per thread (each has its own Lua state); done() adds them up.
failed = 0

function response(status, headers, body)
  -- memmem, not string.find: find stops at every quote of the 97 KB results map, 0.1 ms an answer (about what the
  -- bound takes to serve one); memmem takes 15 µs. A compressed answer cannot be searched: it must be in the coding
  -- asked for (run.sh checks each scenario's answer, uncompressed, before the load).
  local wrong = encoding and headers["Content-Encoding"] ~= encoding or not encoding and ffi.C.memmem(body, #body, '"errors"', 8) ~= nil
  if status < 200 or status > 299 or wrong then
    failed = failed + 1
  end
end

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
end

function done(summary, latency, _)
  local answers = 0
  for _, thread in ipairs(threads) do answers = answers + thread:get("failed") end
  local e = summary.errors
  local sockets = e.connect + e.read + e.write + e.timeout
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,"p50_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"errors":%d,"socket_errors":%d,"failed_answers":%d}\n',
    summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1e3, latency:percentile(99) / 1e3,
    latency.max / 1e3, sockets + answers, sockets, answers))
  -- The latencies themselves (µs, and how many took each), so that runs measured in turns can be added up (turns.py).
  local counts = {}
  for i = 1, #latency do
    local us, n = latency(i)
    counts[#counts + 1] = string.format("%d:%d", us, n)
  end
  io.write("LATENCY ", table.concat(counts, " "), "\n")
end
