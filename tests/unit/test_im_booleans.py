"""The edge's table of im boolean fields (issue 17): made from the descriptor Envoy loads, so
every boolean of every im route takes 0/1 and "true"/"false", and a new one needs no edit."""

from server.cli.envoy_config import DESCRIPTOR, PUBLIC_SERVICES, im_boolean_fields, request_checks_lua, routes


def test_every_im_setting_switch_and_handle_route_is_in_the_table():
    table = {(f.verb, f.template): f.body for f in im_boolean_fields(DESCRIPTOR, PUBLIC_SERVICES)}
    for verb in ("PUT", "POST"):
        for switch in ("allow_member_invitation", "allow_member_modify", "enable_read_ack", "history_visible", "hide_member_info"):
            assert table[(verb, f"/group/settings/{switch}")] == ("value",)
        assert table[(verb, "/group/apply/handle")] == ("approval",)
        assert table[(verb, "/group/invite/handle")] == ("approval",)
    assert len(table) == 14


def test_only_im_routes_and_no_query_booleans():
    im_paths = {r.template for r in routes(DESCRIPTOR, PUBLIC_SERVICES)}
    for fields in im_boolean_fields(DESCRIPTOR, PUBLIC_SERVICES):
        assert fields.template in im_paths and fields.template.startswith("/group/")
        assert fields.query == ()  # the lua rewrites bodies only; request_checks_lua refuses to render otherwise


def test_the_lua_source_starts_with_the_table():
    source = request_checks_lua(DESCRIPTOR, PUBLIC_SERVICES)
    assert source.startswith("local IM_BOOLEAN_FIELDS = {\n")
    assert '["POST /group/settings/hide_member_info"] = {"value"},' in source
    assert "function envoy_on_request(handle)" in source
