-- wrk: POST BODY with a different ID token from TOKENS (a file, one per line) on every request, so
-- neither side can serve a repeated token from a cache. Each thread starts at its own offset.
local tokens, next_index = {}, 1
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = "Bearer " .. line end
  next_index = (offset or 0) % #tokens + 1
  wrk.method = "POST"
  wrk.body = os.getenv("BODY")
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  wrk.headers["Authorization"] = tokens[next_index]
  next_index = next_index % #tokens + 1
  return wrk.format()
end
