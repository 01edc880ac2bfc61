"""Im dialect (document 003) shared group files: upload, get, list, rename and delete,
with their documented shapes and failures, validation, exact Unicode, and files going
with a destroyed group."""

import time

import pytest

from tests.support import documented_files as doc
from tests.support.assertions import assert_im_error
from tests.support.notices_setup import count_rows, ranked_group, set_times, upload
from tests.support.shapes import assert_shape

NO_SUCH_GROUP = 99_999_999_999_999
G = "G"  # stands for the group's IM id in parametrized bodies
VALID = {"name": "a", "size": 1, "url": "https://x.y/a"}


def assert_im_ok(reply, shape):
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert_shape(body, shape)
    assert (body["code"], body["message"]) == (200, None)
    return body["data"]


def anonymous(api, method, path, **kw):
    """An im call with app_id but no token."""
    return api.request(method, path, headers={"app_id": "default"}, **kw)


def listed(user, im_id):
    return assert_im_ok(user.im("GET", "/group/file/list", params={"group_id": im_id}), doc.LIST_FILES)


def with_group(fields: dict, im_id: int) -> dict:
    """fields with G replaced by the group's IM id and None-valued keys left out."""
    return {k: im_id if v == G else v for k, v in fields.items() if v is not None}


@pytest.fixture
def ranked(api):
    return ranked_group(api, "im")


@pytest.fixture
def foreign(api):
    """An im group of another app, with one file."""
    owner = api.user(app="acme")
    im_id = int(api.im_group(owner)["group_id"])
    return im_id, upload(owner, im_id)


class TestUpload:
    def test_a_member_uploads_with_the_documented_answer(self, api, ranked):
        body = {"group_id": ranked.im_id, "name": "季度报告 Q3.PDF", "size": 123456789, "url": "https://files.example.com/q3.pdf"}
        data = assert_im_ok(ranked.member.im("POST", "/group/file/upload", body), doc.UPLOAD_FILE)
        assert {k: data[k] for k in ("group_id", "name", "size", "type", "uploader", "url")} == {
            "group_id": ranked.im_id, "name": "季度报告 Q3.PDF", "size": 123456789, "type": "pdf",
            "uploader": ranked.member.id, "url": "https://files.example.com/q3.pdf",
        }
        assert data["created_at"] == data["updated_at"] and abs(data["created_at"] - time.time() * 1000) < 120_000
        assert listed(ranked.owner, ranked.im_id) == [data]

    def test_the_given_type_is_kept_and_a_name_without_extension_has_none(self, api, ranked):
        assert upload(ranked.member, ranked.im_id, name="a.tar.gz", type="application/gzip")["type"] == "application/gzip"
        assert upload(ranked.member, ranked.im_id, name="a.tar.GZ")["type"] == "gz"
        assert upload(ranked.member, ranked.im_id, name="README")["type"] == ""
        assert upload(ranked.member, ranked.im_id, name=".bashrc")["type"] == ""

    def test_size_zero_and_the_largest_exact_size_are_numbers(self, api, ranked):
        assert upload(ranked.member, ranked.im_id, size=0)["size"] == 0
        big = upload(ranked.member, ranked.im_id, size=2**53 - 1)
        assert big["size"] == 2**53 - 1 and isinstance(big["size"], int)
        assert upload(ranked.member, ranked.im_id, size="42")["size"] == 42  # a JSON string of digits, as the transcoder takes int64

    def test_any_unicode_name_and_url_are_stored_and_echoed_exactly(self, api, ranked):
        name = "📁 Résumé e\u0301 — 简历（最终版）\u200b.docx"
        url = "http://例え.jp/文件/résumé.docx?q=✓#片段"
        data = upload(ranked.member, ranked.im_id, name=name, url=url)
        assert (data["name"], data["url"], data["type"]) == (name, url, "docx")
        got = ranked.owner.im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": data["file_id"]}).json()["data"]
        assert (got["name"], got["url"]) == (name, url)

    def test_an_outsider_may_not_upload(self, api, ranked):
        assert_im_error(api.user().im("POST", "/group/file/upload", {"group_id": ranked.im_id, **VALID}), 403)
        assert listed(ranked.owner, ranked.im_id) == []

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        their_group, _ = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            reply = ranked.owner.im("POST", "/group/file/upload", {"group_id": group_id, **VALID})
            assert_im_error(reply, 404)

    @pytest.mark.parametrize(
        "body",
        [
            {}, {**VALID}, {**VALID, "group_id": "x"}, {**VALID, "group_id": G, "name": None},
            {**VALID, "group_id": G, "name": ""}, {**VALID, "group_id": G, "name": "   "}, {**VALID, "group_id": G, "size": None},
            {**VALID, "group_id": G, "url": None}, {**VALID, "group_id": G, "url": ""}, {**VALID, "group_id": G, "size": -1},
            {**VALID, "group_id": G, "size": 1.5}, {**VALID, "group_id": G, "size": "big"}, {**VALID, "group_id": G, "size": 2**53},
            {**VALID, "group_id": G, "size": [1]}, {**VALID, "group_id": G, "name": 7}, {**VALID, "group_id": G, "url": "ftp://x.y/a"},
            {**VALID, "group_id": G, "url": "javascript:alert(1)"}, {**VALID, "group_id": G, "url": "https:///nohost"},
            {**VALID, "group_id": G, "url": "x.y/a"}, {**VALID, "group_id": G, "url": "https://x.y/a b"},
            {**VALID, "group_id": G, "url": "https://x.y/" + "a" * 2048}, {**VALID, "group_id": G, "name": "a" * 256},
            {**VALID, "group_id": G, "name": "a\u0000b"}, {**VALID, "group_id": G, "type": "t" * 256},
        ],
    )
    def test_missing_wrong_typed_and_invalid_fields_are_400(self, api, ranked, body):
        assert_im_error(ranked.member.im("POST", "/group/file/upload", with_group(body, ranked.im_id)), 400)
        assert listed(ranked.owner, ranked.im_id) == []

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "POST", "/group/file/upload", json={"group_id": 1, **VALID}), 401)


class TestGetFile:
    def test_a_member_reads_one_with_the_documented_shape(self, api, ranked):
        made = upload(ranked.admin, ranked.im_id)
        reply = ranked.member.im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": made["file_id"]})
        assert assert_im_ok(reply, doc.GET_FILE) == made

    def test_another_groups_file_named_with_this_group_is_404(self, api, ranked):
        elsewhere = ranked_group(api, "im")
        theirs = upload(elsewhere.member, elsewhere.im_id)
        assert_im_error(ranked.owner.im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": theirs["file_id"]}), 404)

    def test_unknown_and_other_apps_are_404(self, api, ranked, foreign):
        their_group, theirs = foreign
        for group_id, file_id in ((ranked.im_id, 987654321), (their_group, theirs["file_id"]), (ranked.im_id, theirs["file_id"])):
            assert_im_error(ranked.owner.im("GET", "/group/file", params={"group_id": group_id, "file_id": file_id}), 404)

    def test_an_outsider_may_not_read(self, api, ranked):
        made = upload(ranked.member, ranked.im_id)
        assert_im_error(api.user().im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": made["file_id"]}), 403)

    @pytest.mark.parametrize(
        "params", [{}, {"group_id": G}, {"file_id": 1}, {"group_id": "x", "file_id": 1}, {"group_id": G, "file_id": "x"}]
    )
    def test_missing_or_wrong_typed_parameters_are_400(self, api, ranked, params):
        assert_im_error(ranked.owner.im("GET", "/group/file", params=with_group(params, ranked.im_id)), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "GET", "/group/file", params={"group_id": 1, "file_id": 1}), 401)


class TestListFiles:
    def test_newest_first_ties_by_id_and_empty(self, api, ranked):
        assert listed(ranked.member, ranked.im_id) == []
        ids = [upload(ranked.member, ranked.im_id, name=f"f{i}.txt")["file_id"] for i in range(3)]
        assert [f["file_id"] for f in listed(ranked.member, ranked.im_id)] == ids[::-1]
        set_times(api, "group_file", ids, 1_700_000_000_000)
        data = listed(ranked.member, ranked.im_id)
        assert [f["file_id"] for f in data] == ids[::-1]
        assert {f["created_at"] for f in data} == {1_700_000_000_000}

    def test_an_outsider_may_not_list(self, api, ranked):
        assert_im_error(api.user().im("GET", "/group/file/list", params={"group_id": ranked.im_id}), 403)

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        their_group, _ = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            assert_im_error(ranked.owner.im("GET", "/group/file/list", params={"group_id": group_id}), 404)

    @pytest.mark.parametrize("params", [{}, {"group_id": "x"}, {"group_id": 0}])
    def test_missing_or_wrong_typed_group_is_400(self, api, ranked, params):
        assert_im_error(ranked.owner.im("GET", "/group/file/list", params=params), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "GET", "/group/file/list", params={"group_id": 1}), 401)


class TestRenameFile:
    @pytest.mark.parametrize(("method", "who"), [("PUT", "member"), ("POST", "member"), ("PUT", "owner"), ("POST", "admin")])
    def test_the_uploader_owner_and_admins_rename(self, api, ranked, method, who):
        made = upload(ranked.member, ranked.im_id, name="old.txt")
        body = {"group_id": ranked.im_id, "file_id": made["file_id"], "name": "新名字 ✨.md"}
        assert assert_im_ok(getattr(ranked, who).im(method, "/group/file/update_name", body), doc.RENAME_FILE) is True
        [renamed] = listed(ranked.member, ranked.im_id)
        assert (renamed["name"], renamed["type"], renamed["url"]) == ("新名字 ✨.md", "txt", made["url"])
        assert renamed["updated_at"] >= made["updated_at"] and renamed["created_at"] == made["created_at"]

    def test_another_member_may_not_rename(self, api, ranked):
        made = upload(ranked.admin, ranked.im_id)
        body = {"group_id": ranked.im_id, "file_id": made["file_id"], "name": "x"}
        assert_im_error(ranked.member.im("PUT", "/group/file/update_name", body), 403)
        assert_im_error(api.user().im("PUT", "/group/file/update_name", body), 403)
        assert listed(ranked.owner, ranked.im_id)[0]["name"] == made["name"]

    def test_unknown_other_groups_and_other_apps_files_are_404(self, api, ranked, foreign):
        their_group, theirs = foreign
        elsewhere = ranked_group(api, "im")
        other = upload(elsewhere.member, elsewhere.im_id)
        for group_id, file_id in ((ranked.im_id, 987654321), (ranked.im_id, other["file_id"]), (their_group, theirs["file_id"])):
            reply = ranked.owner.im("PUT", "/group/file/update_name", {"group_id": group_id, "file_id": file_id, "name": "x"})
            assert_im_error(reply, 404)
        assert listed(elsewhere.owner, elsewhere.im_id)[0]["name"] == other["name"]

    @pytest.mark.parametrize(
        "body",
        [{}, {"group_id": G, "name": "x"}, {"group_id": G, "file_id": "F"}, {"group_id": G, "file_id": "F", "name": ""},
         {"group_id": G, "file_id": "F", "name": 5}, {"group_id": G, "file_id": "x", "name": "n"}, {"file_id": "F", "name": "n"},
         {"group_id": G, "file_id": "F", "name": "n" * 256}],
    )
    def test_missing_wrong_typed_and_invalid_fields_are_400(self, api, ranked, body):
        made = upload(ranked.member, ranked.im_id)
        body = {k: made["file_id"] if v == "F" else v for k, v in with_group(body, ranked.im_id).items()}
        assert_im_error(ranked.member.im("POST", "/group/file/update_name", body), 400)
        assert listed(ranked.owner, ranked.im_id)[0]["name"] == made["name"]

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "PUT", "/group/file/update_name", json={"group_id": 1, "file_id": 1, "name": "x"}), 401)


class TestDeleteFiles:
    @pytest.mark.parametrize("method", ["DELETE", "POST"])
    def test_each_file_succeeds_or_fails_alone_with_a_reason(self, api, ranked, method):
        mine, admins = upload(ranked.member, ranked.im_id), upload(ranked.admin, ranked.im_id)
        elsewhere = ranked_group(api, "im")
        other_group = upload(elsewhere.member, elsewhere.im_id)
        file_list = [mine["file_id"], 987654321, admins["file_id"], other_group["file_id"]]
        reply = ranked.member.im(method, "/group/file/delete", {"group_id": ranked.im_id, "file_list": file_list})
        data = assert_im_ok(reply, doc.DELETE_FILES)
        assert [(r["file_id"], r["result"]) for r in data] == [
            (mine["file_id"], "success"), (987654321, "fail"), (admins["file_id"], "fail"), (other_group["file_id"], "fail"),
        ]
        assert data[0]["reason"] is None and all(isinstance(r["reason"], str) and r["reason"] for r in data[1:])
        assert [f["file_id"] for f in listed(ranked.owner, ranked.im_id)] == [admins["file_id"]]
        assert len(listed(elsewhere.owner, elsewhere.im_id)) == 1

    @pytest.mark.parametrize("who", ["owner", "admin"])
    def test_the_owner_and_admins_delete_anyones(self, api, ranked, who):
        files = [upload(ranked.member, ranked.im_id)["file_id"], upload(ranked.owner, ranked.im_id)["file_id"]]
        reply = getattr(ranked, who).im("DELETE", "/group/file/delete", {"group_id": ranked.im_id, "file_list": files + files})
        assert [(r["file_id"], r["result"], r["reason"]) for r in assert_im_ok(reply, doc.DELETE_FILES)] == [
            (files[0], "success", None), (files[1], "success", None),
        ]
        assert listed(ranked.member, ranked.im_id) == []

    def test_an_outsider_may_not_delete(self, api, ranked):
        made = upload(ranked.member, ranked.im_id)
        assert_im_error(api.user().im("POST", "/group/file/delete", {"group_id": ranked.im_id, "file_list": [made["file_id"]]}), 403)
        assert len(listed(ranked.owner, ranked.im_id)) == 1

    def test_unknown_other_apps_and_primary_key_groups_are_404(self, api, ranked, foreign):
        their_group, theirs = foreign
        for group_id in (NO_SUCH_GROUP, their_group, ranked.pk):
            reply = ranked.owner.im("POST", "/group/file/delete", {"group_id": group_id, "file_list": [theirs["file_id"]]})
            assert_im_error(reply, 404)

    @pytest.mark.parametrize(
        "body",
        [{}, {"file_list": [1]}, {"group_id": G}, {"group_id": G, "file_list": []}, {"group_id": G, "file_list": ["x"]},
         {"group_id": G, "file_list": "1,2"}, {"group_id": G, "file_list": [0]}, {"group_id": "x", "file_list": [1]},
         {"group_id": G, "file_list": list(range(1, 102))}],
    )
    def test_missing_or_wrong_typed_fields_are_400(self, api, ranked, body):
        assert_im_error(ranked.owner.im("POST", "/group/file/delete", with_group(body, ranked.im_id)), 400)

    def test_needs_a_token(self, api):
        assert_im_error(anonymous(api, "DELETE", "/group/file/delete", json={"group_id": 1, "file_list": [1]}), 401)


def test_a_destroyed_groups_files_are_gone(api, ranked):
    made = upload(ranked.member, ranked.im_id)
    assert ranked.owner.im("POST", "/group/destroy", params={"group_id": ranked.im_id}).status_code == 200
    assert_im_error(ranked.owner.im("GET", "/group/file/list", params={"group_id": ranked.im_id}), 404)
    assert_im_error(ranked.member.im("GET", "/group/file", params={"group_id": ranked.im_id, "file_id": made["file_id"]}), 404)
    assert count_rows(api, "group_file", "group_id", ranked.pk) == 0
