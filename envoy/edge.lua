-- The REST face of every answer. The server names the HTTP status and, on errors, the
-- dialect's JSON envelope in x-http-code / x-http-body metadata; this filter applies them and
-- removes every grpc-* header. Envoy's own replies (no token, bad JSON or types, unknown
-- path, body too large, no upstream) get the dialect's envelope and words here too.
-- Native gRPC callers never reach it: their route does not create this filter.
-- It runs on responses only (issue 20): the dialect of a REST path is its route's metadata
-- (server/cli/envoy_config.py DIALECT_PREFIXES), read only when Envoy's own reply needs it.

local COMMUNITY, IM, CIRCLES = "community", "im", "circles"

local ESCAPES = {['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\r'] = '\\r', ['\t'] = '\\t'}

local function quote(text)
  local escaped = string.gsub(text, '[%z\1-\31"\\]', function(c)
    return ESCAPES[c] or string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. escaped .. '"'
end

local TYPE_WORDS = {
  STRING = "字符串", BOOL = "布尔值", DOUBLE = "数字", FLOAT = "数字", ENUM = "有效的枚举值", MESSAGE = "对象",
}

-- Envoy's and the transcoder's English reply texts, in the dialects' words. Returns the
-- reason and, for a field of the wrong type, the field's name.
local function reason_of(status, text)
  local field, kind = string.match(text, "^([%w_%.%[%]]+): invalid value .* for type TYPE_(%u+)")
  if field then
    field = string.gsub(field, "%[%d+%]", "")
    -- POST /group/application_list maps its body to the request's `filter` (its query takes
    -- cursor, limit and version): the client sent `group_list`, not `filter.group_list`.
    field = string.gsub(field, "^filter%.", "")
    local expected = TYPE_WORDS[kind] or (string.find(kind, "INT") and "整数") or "正确的格式"
    return field .. " 的类型不正确，应为" .. expected, field
  end
  if status == 400 then
    if text == "edge: malformed JSON" or string.find(text, "^Unexpected") or string.find(text, "^Expected") then
      return "请求体不是合法的 JSON"
    elseif text == "edge: URL not UTF-8" then
      return "URL 不是合法的 UTF-8：非 ASCII 字符须先按 UTF-8 百分号编码（如 中 写作 %E4%B8%AD）"
    end
    return "请求参数格式不正确"
  elseif status == 401 then
    if string.find(text, "expired") then
      return "令牌已过期"
    elseif string.find(text, "missing") then
      return "未登录或缺少令牌"
    elseif text == "edge: app_id" then
      return "app_id 与令牌不符"
    elseif text == "edge: no app_id" then
      return "缺少请求头 app_id"  -- the server's words (principal.identify)
    end
    return "令牌无效"
  elseif status == 403 then
    return "没有权限"
  elseif status == 404 then
    return "接口不存在"
  elseif status == 405 then
    return "不支持该请求方法"
  elseif status == 408 or status == 504 then
    return "请求超时，请稍后再试"
  elseif status == 413 then
    return "请求体过大"
  elseif status == 429 then
    return "请求过于频繁，请稍后再试"
  elseif status == 502 or status == 503 then
    return "服务暂不可用，请稍后再试"
  end
  return "服务器内部错误"
end

local function envelope(dialect, status, reason, field)
  if dialect == COMMUNITY then
    return '{"msg":' .. quote(reason) .. ',"code":' .. status .. ',"data":null}'
  elseif dialect == IM then
    return '{"code":' .. status .. ',"data":null,"message":' .. quote(reason) .. '}'
  elseif dialect == CIRCLES then
    if status == 401 then
      return '{"message":"Unauthenticated."}'
    elseif status == 404 then
      return '{"message":"内容不存在"}'
    elseif status == 422 then
      return '{"message":"提交的信息验证错误","errors":{' .. quote(field or "request") .. ':[' .. quote(reason) .. ']}}'
    end
  end
  return '{"message":' .. quote(reason) .. '}'
end

-- The server's envelope travels in a header, which must be ASCII, so its JSON escapes every
-- other character (\uXXXX). Written back as UTF-8 here, the body has the documents' bytes, as
-- the transcoder's answers and Envoy's own replies do. Kept escaped: ASCII (quotes, controls),
-- surrogate halves and U+2028/2029 (JavaScript line breaks), and "\\u..." (an escaped backslash).
local function utf8_char(code)
  if code < 0x800 then
    return string.char(0xC0 + math.floor(code / 0x40), 0x80 + code % 0x40)
  end
  return string.char(0xE0 + math.floor(code / 0x1000), 0x80 + math.floor(code / 0x40) % 0x40, 0x80 + code % 0x40)
end

local function unescaped(json)
  return (string.gsub(json, "(\\+)u(%x%x%x%x)", function(slashes, hex)
    local code = tonumber(hex, 16)
    if #slashes % 2 == 0 or code < 0x80 or (code >= 0xD800 and code <= 0xDFFF) or code == 0x2028 or code == 0x2029 then
      return nil
    end
    return string.sub(slashes, 2) .. utf8_char(code)
  end))
end

local function strip_grpc(headers)
  headers:remove("x-http-code")
  headers:remove("x-http-body")
  headers:remove("grpc-status")
  headers:remove("grpc-message")
  headers:remove("grpc-status-details-bin")
  headers:remove("grpc-accept-encoding")
  headers:remove("grpc-encoding")
end

-- The filter context (server/cli/envoy_config.py edge_context), the same for every request:
-- read once per worker, on the first error reply that needs it.
local context

local function setting(handle, name)
  if context == nil then
    local found = handle:filterContext()
    context = {allow = found:get("allow") or {}, im_errors_as_200 = found:get("im_errors_as_200") == true}
  end
  return context[name]
end

-- The Allow of a path in the tree of known paths: a literal segment first, then {x}, then the
-- rest ({x=**}), backtracking; nil for a path no route knows.
local function walk(node, segments, i)
  if i > #segments then
    local allow = node["="]
    return type(allow) == "string" and allow or nil
  end
  for _, key in ipairs({segments[i], "{}"}) do
    local child = node[key]
    if type(child) == "table" then
      local found = walk(child, segments, i + 1)
      if found then
        return found
      end
    end
  end
  local rest = node["{**}"]
  return type(rest) == "table" and type(rest["="]) == "string" and rest["="] or nil
end

local function allowed_methods(handle, path)
  local segments = {}
  for segment in string.gmatch(path, "[^/]+") do
    segments[#segments + 1] = segment
  end
  return walk(setting(handle, "allow"), segments, 1)
end

-- An error Envoy answered itself (or a gRPC failure the server did not describe): only the
-- status is known before the body is read, and headers cannot change after it is, except in
-- the transcoder's own 404, which has its body with its headers.
local function rewrite_envoy_reply(handle, headers, status)
  local dialect = handle:metadata():get("dialect")
  local edge = handle:streamInfo():dynamicMetadata():get("edge") or {}
  local text
  if status == 404 then
    -- A path some route knows, with none of its methods: 405 with Allow (issue 17).
    local body = handle:body(true)
    text = body and body:getBytes(0, body:length()) or ""
    headers = handle:headers()  -- the one taken before body() is out of scope now
    local path = string.match(text, "^Could not resolve (.+) to a method%.$")
    local allow = path and allowed_methods(handle, path)
    if allow then
      status = 405
      headers:replace(":status", "405")
      headers:replace("allow", allow)
    end
  end
  local type_error = status == 400 and edge["malformed"] ~= "1"
  if dialect == CIRCLES and type_error then
    status = 422  -- Laravel answers invalid input with 422
    headers:replace(":status", "422")
  end
  local code = status  -- the envelope's code
  if dialect == IM and setting(handle, "im_errors_as_200") then
    -- IM_ERRORS_AS_200=1 (issue 17): HTTP 200 and the status in the body; a missing, expired or
    -- invalid token is 402, on which MaxIM's SDK logs in again (a wrong app_id stays 401).
    if status == 401 and edge["app_id"] ~= "1" then
      code = 402
    end
    headers:replace(":status", "200")
    headers:remove("www-authenticate")
  end
  strip_grpc(headers)
  headers:replace("content-type", "application/json")
  headers:remove("content-length")
  local body = handle:body(true)
  if body == nil then
    return
  end
  local reason, field = reason_of(status, text or body:getBytes(0, body:length()))
  body:setBytes(envelope(dialect, code, reason, field))
end

function envoy_on_response(handle)
  local headers = handle:headers()
  local code, body = headers:get("x-http-code"), headers:get("x-http-body")
  if body then
    body = unescaped(body)
  end
  local status = tonumber(headers:get(":status")) or 500
  if headers:get("x-edge-envelope") == "any-dialect" then
    -- HTTP/1's codec refused the request line (envoy.yaml local_reply_config): no path, no
    -- dialect; the mapper's envelope, readable in every dialect, stays as it is.
    headers:remove("x-edge-envelope")
    return
  end
  if body == nil and status >= 400 then
    rewrite_envoy_reply(handle, headers, status)
    return
  end
  -- Every header edit comes before handle:body(): edits made after it are not applied.
  strip_grpc(headers)
  if code then
    headers:replace(":status", code)
  end
  local empty = (code == "204" or code == "304")
  if empty then
    headers:remove("content-type")
    headers:remove("content-length")
  elseif body then
    headers:replace("content-type", "application/json")
    headers:replace("content-length", tostring(#body))
  end
  if empty then
    handle:body(true):setBytes("")
  elseif body then
    handle:body(true):setBytes(body)
  end
  if handle:streamInfo():protocol() == "HTTP/2" then
    -- HTTP/2 clients would otherwise see the gRPC trailers.
    local trailers = handle:trailers()
    if trailers then
      trailers:remove("grpc-status")
      trailers:remove("grpc-message")
      trailers:remove("grpc-status-details-bin")
      trailers:remove("x-http-code")
      trailers:remove("x-http-body")
    end
  end
end
