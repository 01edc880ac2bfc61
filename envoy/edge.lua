-- The REST face of the gRPC server's answers. The server names the HTTP status and,
-- on errors, the dialect's JSON envelope in x-http-code / x-http-body metadata; this
-- filter applies them and removes every grpc-* header. Native gRPC callers pass untouched.

function envoy_on_request(handle)
  local content_type = handle:headers():get("content-type") or ""
  if string.sub(content_type, 1, 16) == "application/grpc" then
    handle:streamInfo():dynamicMetadata():set("edge", "native", "1")
  end
end

function envoy_on_response(handle)
  local edge = handle:streamInfo():dynamicMetadata():get("edge") or {}
  if edge["native"] == "1" then
    return
  end
  local headers = handle:headers()
  local code, body = headers:get("x-http-code"), headers:get("x-http-body")
  -- Every header edit comes before handle:body(): edits made after it are not applied.
  headers:remove("x-http-code")
  headers:remove("x-http-body")
  headers:remove("grpc-status")
  headers:remove("grpc-message")
  headers:remove("grpc-status-details-bin")
  headers:remove("grpc-accept-encoding")
  headers:remove("grpc-encoding")
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
