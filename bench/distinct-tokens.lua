-- wrk: POST a JSON body (BODY) with a Bearer token taken in turn from the file TOKENS (one a line);
-- each wrk thread starts at its own offset so concurrent connections do not share a token.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do tokens[#tokens + 1] = line end
local body = os.getenv("BODY") or '{"type":"passkey-list"}'
local i = 0
local offset = 0

function setup(thread)
  thread:set("offset", math.random(1, 1000000))
end

function init(args)
  i = tonumber(offset) or 0
end

request = function()
  i = i + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[(i % #tokens) + 1]}, body)
end
