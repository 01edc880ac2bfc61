-- Checks on an authenticated REST request before the transcoder reads it:
--  * a JSON body must be strict JSON (RFC 8259): the transcoder's parser also takes
--    trailing commas, and a lenient edge would accept what clients must fix;
--  * an im request's app_id header must name the token's app (401, like a bad token);
--  * an im boolean (IM_BOOLEAN_FIELDS, made from the descriptor and put before this file by
--    server/cli/envoy_config.py) is also taken as 0/1 or "true"/"false", as MaxIM's Java server
--    binds it and its web SDK sends it: rewritten to true/false for the transcoder. Anything
--    else is refused in the transcoder's own words, so edge.lua names the field.
-- Refusals are plain texts that edge.lua turns into the dialect's envelope and words.

local find, byte = string.find, string.byte
local MAX_DEPTH = 256

local function skip_space(text, i)
  local _, last = find(text, "^[ \t\r\n]*", i)
  return last + 1
end

local function string_end(text, i)  -- text[i] is the opening quote
  i = i + 1
  while true do
    local _, last = find(text, '^[^"\\%z\1-\31]*', i)
    i = last + 1
    local c = byte(text, i)
    if c == 34 then
      return i + 1
    elseif c ~= 92 then
      return nil  -- a control character, or the end of the text
    elseif find(text, '^["\\/bfnrt]', i + 1) then
      i = i + 2
    elseif find(text, "^u%x%x%x%x", i + 1) then
      i = i + 6
    else
      return nil
    end
  end
end

local function number_end(text, i)
  if byte(text, i) == 45 then
    i = i + 1
  end
  if byte(text, i) == 48 then
    i = i + 1
  else
    local _, last = find(text, "^[1-9]%d*", i)
    if not last then
      return nil
    end
    i = last + 1
  end
  local _, last = find(text, "^%.%d+", i)
  if last then
    i = last + 1
  end
  _, last = find(text, "^[eE][+-]?%d+", i)
  if last then
    i = last + 1
  end
  return i
end

local value_end

local function container_end(text, i, depth, close, member)
  i = skip_space(text, i + 1)
  if byte(text, i) == close then
    return i + 1
  end
  while true do
    if member then
      if byte(text, i) ~= 34 then
        return nil
      end
      i = string_end(text, i)
      if not i then
        return nil
      end
      i = skip_space(text, i)
      if byte(text, i) ~= 58 then
        return nil
      end
      i = i + 1
    end
    i = value_end(text, i, depth + 1)
    if not i then
      return nil
    end
    i = skip_space(text, i)
    local c = byte(text, i)
    if c == close then
      return i + 1
    elseif c ~= 44 then
      return nil
    end
    i = skip_space(text, i + 1)
  end
end

value_end = function(text, i, depth)
  if depth > MAX_DEPTH then
    return nil
  end
  i = skip_space(text, i)
  local c = byte(text, i)
  if c == 123 then
    return container_end(text, i, depth, 125, true)
  elseif c == 91 then
    return container_end(text, i, depth, 93, false)
  elseif c == 34 then
    return string_end(text, i)
  elseif c == 116 then
    return find(text, "^true", i) and i + 4 or nil
  elseif c == 102 then
    return find(text, "^false", i) and i + 5 or nil
  elseif c == 110 then
    return find(text, "^null", i) and i + 4 or nil
  end
  return number_end(text, i)
end

local function strict_json(text)
  local i = value_end(text, 1, 0)
  return i ~= nil and skip_space(text, i) > #text
end

local BOOLEANS = {["0"] = "false", ["1"] = "true", ['"false"'] = "false", ['"true"'] = "true"}

-- The body with the named top-level members' 0/1/"true"/"false" as JSON booleans; nil and
-- the member's name and text when one is no boolean at all. text is strict JSON.
local function coerce_booleans(text, names)
  local i = skip_space(text, 1)
  if byte(text, i) ~= 123 then
    return text
  end
  local wanted = {}
  for _, name in ipairs(names) do
    wanted['"' .. name .. '"'] = name
  end
  local parts, from = {}, 1
  i = skip_space(text, i + 1)
  while byte(text, i) == 34 do
    local key_end = string_end(text, i)
    local name = wanted[string.sub(text, i, key_end - 1)]
    local value_start = skip_space(text, skip_space(text, key_end) + 1)
    local after = value_end(text, value_start, 1)
    if name then
      local value = string.sub(text, value_start, after - 1)
      if BOOLEANS[value] then
        parts[#parts + 1] = string.sub(text, from, value_start - 1)
        parts[#parts + 1] = BOOLEANS[value]
        from = after
      elseif value ~= "true" and value ~= "false" and value ~= "null" then
        return nil, name, value
      end
    end
    i = skip_space(text, after)
    if byte(text, i) ~= 44 then
      break
    end
    i = skip_space(text, i + 1)
  end
  if from == 1 then
    return text
  end
  parts[#parts + 1] = string.sub(text, from)
  return table.concat(parts)
end

-- Whether text is UTF-8 as protobuf takes it for a string field (no overlongs, no surrogates).
local function valid_utf8(text)
  local i, n = 1, #text
  while i <= n do
    local c = string.byte(text, i)
    local len
    if c < 0x80 then
      len = 1
    elseif c >= 0xC2 and c <= 0xDF then
      len = 2
    elseif c >= 0xE0 and c <= 0xEF then
      len = 3
    elseif c >= 0xF0 and c <= 0xF4 then
      len = 4
    else
      return false
    end
    for k = i + 1, i + len - 1 do
      local b = string.byte(text, k)
      if b == nil or b < 0x80 or b > 0xBF then
        return false
      end
    end
    local b2 = string.byte(text, i + 1) or 0
    if (c == 0xE0 and b2 < 0xA0) or (c == 0xED and b2 > 0x9F) or (c == 0xF0 and b2 < 0x90) or (c == 0xF4 and b2 > 0x8F) then
      return false
    end
    i = i + len
  end
  return true
end

-- The query's bytes, raw (HTTP/2 takes them) or percent-encoded, as the transcoder puts them
-- into string fields: not UTF-8, the server could not even read the request (issue 21).
local function utf8_url(path)
  if not find(path, "[%%\128-\255]") then
    return true
  end
  return valid_utf8((string.gsub(path, "%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end)))
end

local function refuse(handle, status, text, malformed)
  if malformed then
    handle:streamInfo():dynamicMetadata():set("edge", "malformed", "1")
  elseif status == 401 then
    handle:streamInfo():dynamicMetadata():set("edge", "app_id", "1")  -- the token itself is good
  end
  handle:respond({[":status"] = tostring(status), ["content-type"] = "text/plain"}, text)
end

function envoy_on_request(handle)
  local headers = handle:headers()
  local content_type = headers:get("content-type") or ""
  if string.sub(content_type, 1, 16) == "application/grpc" then
    return
  end
  local path = headers:get(":path") or ""
  local im = (string.sub(path, 1, 7) == "/group/" and string.sub(path, 1, 13) ~= "/group/manage")
    or string.sub(path, 1, 12) == "/app/qrcode/"
  local booleans = nil
  if im then
    local route = string.gsub(string.match(path, "^[^?]*"), "(.)/$", "%1")  -- the transcoder takes a trailing slash
    booleans = IM_BOOLEAN_FIELDS[(headers:get(":method") or "") .. " " .. route]
    local jwt = handle:streamInfo():dynamicMetadata():get("envoy.filters.http.jwt_authn")
    local claims = jwt and jwt["jwt_payload"]
    if claims then
      local app = claims["app"]
      if app == nil or app == "" then
        app = "default"
      end
      app = tostring(app)
      local app_id = headers:get("app_id")
      if app_id == nil or app_id == "" then
        refuse(handle, 401, "edge: no app_id", false)
        return
      elseif app_id ~= app then
        refuse(handle, 401, "edge: app_id", false)
        return
      end
    end
    if not utf8_url(path) then
      refuse(handle, 400, "edge: URL not UTF-8", true)
      return
    end
  end
  local method = headers:get(":method")
  if method == "GET" or method == "HEAD" or method == "OPTIONS" then
    return
  end
  -- Circles forms and uploads are parsed by the server. Everywhere else the transcoder reads
  -- the body as JSON whatever its content-type (curl -d sends JSON as a form).
  local form = find(content_type, "^multipart/") or find(content_type, "^application/x%-www%-form%-urlencoded")
  if form and string.sub(path, 1, 8) == "/api/v2/" then
    return
  end
  local body = handle:body()
  if body == nil or body:length() == 0 then
    return
  end
  local text = body:getBytes(0, body:length())
  if find(text, "^[ \t\r\n]*$") then
    return
  end
  if not strict_json(text) then
    refuse(handle, 400, "edge: malformed JSON", true)
    return
  end
  if booleans then
    local coerced, name, value = coerce_booleans(text, booleans)
    if coerced == nil then
      -- The transcoder's words for a value of the wrong type: edge.lua names the field.
      refuse(handle, 400, name .. ": invalid value " .. string.sub(value, 1, 64) .. " for type TYPE_BOOL", false)
    elseif coerced ~= text then
      body:setBytes(coerced)
    end
  end
end
