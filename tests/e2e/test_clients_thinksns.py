"""The ThinkSNS+ clients' circle calls, replayed byte for byte. The H5 client
(slimkit/plus-small-screen-client, release branch): every circle call its pages make, as its
two axios instances send them from a page on another origin. src/api/api.js (the group.js
calls) adds X-Requested-With; src/http.js ($http: the audit pages, my circles, the posting
picker) does not. Both send the stored "Bearer <jwt>" as Authorization, axios 0.18's Accept,
and a JSON object body as application/json;charset=utf-8 (joinGroup's config object becomes
the body "{}"). Then what the PC site (slimkit/plus-web) and the iOS and Android apps call
beyond it: the currency-groups join, transfer, role counts, the PATCH edit."""

import pytest

from tests.support.circles_setup import CircleAdmin, create_circle

ORIGIN = "http://h5.example.com"
BASE = "/api/v2"  # VUE_APP_API_HOST + /api/ + VUE_APP_API_VERSION


class H5:
    """One signed-in H5 client (or a guest, user None)."""

    def __init__(self, api, user=None):
        self.api, self.user = api, user

    def send(self, method, path, *, xhr=True, query=None, body=None):
        headers = {"Accept": "application/json, text/plain, */*", "Origin": ORIGIN}
        if xhr:
            headers["X-Requested-With"] = "XMLHttpRequest"
        if self.user is not None:
            headers["Authorization"] = f"Bearer {self.user.token}"
        if body is not None:
            headers["Content-Type"] = "application/json;charset=utf-8"
        url = self.api.stack.base_url + BASE + path  # axios appends params with & after a path's own query
        if query:
            url += ("&" if "?" in path else "?") + query
        return self.api.session.request(method, url, headers=headers, data=body, timeout=30)


@pytest.fixture(scope="module")
def world(api):
    """A founder with a public, a private and a paid circle; an administrator of the paid one."""
    admin = CircleAdmin(api)
    category, tag = admin.category(), admin.tag()
    founder, manager = api.user(name="圈主"), api.user(name="管理员")
    public = create_circle(founder, category, tag, summary="公开圈")
    private = create_circle(founder, category, tag, mode="private", summary="私密圈")
    paid = create_circle(founder, category, tag, mode="paid", money=30, summary="付费圈")
    h5_manager = H5(api, manager)
    assert h5_manager.send("PUT", f"/plus-group/groups/{public['id']}", body=b"{}").status_code == 201
    # The manager joins the paid circle as an administrator (approved by the founder first).
    admin.credit(manager, 30)
    assert h5_manager.send("PUT", f"/plus-group/groups/{paid['id']}", body=b"{}").status_code == 201
    pending = founder.get(f"/api/v2/plus-group/groups/{paid['id']}/members", params={"type": "audit"}).json()
    assert founder.patch(f"/api/v2/plus-group/groups/{paid['id']}/members/{pending[0]['id']}/audit",
                         {"status": 1}).status_code == 201
    assert api.request("PUT", f"/api/v2/plus-group/groups/{paid['id']}/managers/{pending[0]['id']}",
                       headers=founder.bearer).status_code == 201
    return {"admin": admin, "category": category, "founder": founder, "manager": manager, "public": public,
            "private": private, "paid": paid}


def _audits(client):
    """groupJoinAudit.vue onRefresh: $http GET user-group-audit-members, 200 only."""
    reply = client.send("GET", "/plus-group/user-group-audit-members", xhr=False)
    assert reply.status_code == 200, reply.text
    assert reply.headers["access-control-allow-origin"] in (ORIGIN, "*")
    return reply.json()


class TestJoinRequests:
    """message/children/audits/groupJoinAudit.vue and components/groupJoinAuditStatus.vue."""

    def test_the_founder_lists_pending_applications_of_every_circle_they_run(self, api, world):
        applicant, other = api.user(name="申请人"), api.user()
        h5 = H5(api, applicant)
        assert h5.send("PUT", f"/plus-group/groups/{world['private']['id']}", body=b"{}").json() == {
            "message": "申请已提交，等待管理员审核"}
        world["admin"].credit(other, 30)
        assert H5(api, other).send("PUT", f"/plus-group/groups/{world['paid']['id']}", body=b"{}").status_code == 201
        items = _audits(H5(api, world["founder"]))
        mine = [i for i in items if i["user_id"] in (applicant.id, other.id)]
        assert [(i["group_id"], i["user_id"]) for i in mine] == [
            (world["paid"]["id"], other.id), (world["private"]["id"], applicant.id)]  # newest first
        first = mine[1]
        assert first["member_id"] == first["id"] and first["status"] == 0
        assert (first["auditer"], first["audit_at"], first["audit_user"]) == (None, None, None)
        assert first["user"]["id"] == applicant.id and first["user"]["name"] == "申请人"
        assert first["member_info"] == {
            "id": first["member_id"], "group_id": world["private"]["id"], "user_id": applicant.id, "audit": 0,
            "role": "member", "disabled": 0, "created_at": first["created_at"], "updated_at": first["updated_at"]}
        group = first["group"]
        assert (group["id"], group["summary"], group["mode"]) == (world["private"]["id"], "私密圈", "private")
        assert group["avatar"] == "https://img.example.com/a.png"
        # An administrator sees the circles they run only; a plain member and a guest see nothing.
        managed = _audits(H5(api, world["manager"]))
        assert {i["group_id"] for i in managed} == {world["paid"]["id"]}
        assert _audits(H5(api, applicant)) == []
        guest = H5(api).send("GET", "/plus-group/user-group-audit-members", xhr=False)
        assert guest.status_code == 401 and guest.json() == {"message": "Unauthenticated."}

    def test_limit_and_after_page_by_id(self, api, world):
        for _ in range(3):
            assert H5(api, api.user()).send("PUT", f"/plus-group/groups/{world['private']['id']}",
                                            body=b"{}").status_code == 201
        client = H5(api, world["founder"])
        everything = _audits(client)
        page = client.send("GET", "/plus-group/user-group-audit-members", xhr=False, query="limit=2").json()
        assert [i["id"] for i in page] == [i["id"] for i in everything[:2]]
        rest = client.send("GET", "/plus-group/user-group-audit-members", xhr=False,
                           query=f"limit=2&after={page[-1]['id']}").json()
        assert [i["id"] for i in rest] == [i["id"] for i in everything[2:4]]

    def test_accepting_a_paid_application_pays_the_founder_and_counts_the_member(self, api, world):
        applicant = api.user()
        admin, paid = world["admin"], world["paid"]
        admin.credit(applicant, 100)
        founder_before = admin.wallet(world["founder"]).balance
        assert H5(api, applicant).send("PUT", f"/plus-group/groups/{paid['id']}", body=b"{}").status_code == 201
        assert admin.wallet(applicant).balance == 70  # charged when applying
        item = next(i for i in _audits(H5(api, world["founder"])) if i["user_id"] == applicant.id)
        count = api.request("GET", f"/api/v2/plus-group/groups/{paid['id']}").json()["users_count"]
        reply = H5(api, world["founder"]).send(
            "PATCH", f"/plus-group/currency-groups/{item['group_id']}/members/{item['member_id']}/audit",
            xhr=False, body=b'{"status":1}')
        assert reply.status_code == 201, reply.text
        assert reply.json() == {"message": "审核成功"}
        assert admin.wallet(world["founder"]).balance == founder_before + 30
        detail = H5(api, applicant).send("GET", f"/plus-group/groups/{paid['id']}").json()
        assert detail["users_count"] == count + 1 and detail["joined"]["audit"] == 1
        assert all(i["user_id"] != applicant.id for i in _audits(H5(api, world["founder"])))
        again = H5(api, world["founder"]).send(
            "PATCH", f"/plus-group/currency-groups/{item['group_id']}/members/{item['member_id']}/audit",
            xhr=False, body=b'{"status":1}')
        assert again.status_code == 409 and again.json() == {"message": "该成员已审核"}

    def test_rejecting_a_paid_application_refunds_it_and_lets_the_user_apply_again(self, api, world):
        applicant = api.user()
        admin, paid = world["admin"], world["paid"]
        admin.credit(applicant, 30)
        assert H5(api, applicant).send("PUT", f"/plus-group/groups/{paid['id']}", body=b"{}").status_code == 201
        assert admin.wallet(applicant).balance == 0
        item = next(i for i in _audits(H5(api, world["manager"])) if i["user_id"] == applicant.id)
        reply = H5(api, world["manager"]).send(  # an administrator audits too
            "PATCH", f"/plus-group/currency-groups/{item['group_id']}/members/{item['member_id']}/audit",
            xhr=False, body=b'{"status":2}')
        assert reply.status_code == 201, reply.text
        assert admin.wallet(applicant).balance == 30
        assert all(i["user_id"] != applicant.id for i in _audits(H5(api, world["founder"])))
        assert H5(api, applicant).send("PUT", f"/plus-group/groups/{paid['id']}", body=b"{}").status_code == 201

    def test_the_audit_keeps_its_rules_on_the_new_path(self, api, world):
        applicant, member = api.user(), H5(api, world["manager"])
        assert H5(api, applicant).send("PUT", f"/plus-group/groups/{world['private']['id']}",
                                       body=b"{}").status_code == 201
        item = next(i for i in _audits(H5(api, world["founder"])) if i["user_id"] == applicant.id)
        path = f"/plus-group/currency-groups/{item['group_id']}/members/{item['member_id']}/audit"
        refused = member.send("PATCH", path, xhr=False, body=b'{"status":1}')  # a plain member there
        assert refused.status_code == 403 and refused.json() == {"message": "权限不足"}
        bad = H5(api, world["founder"]).send("PATCH", path, xhr=False, body=b'{"status":3}')
        assert bad.status_code == 422 and bad.json()["errors"] == {"status": ["选定的 status 是无效的"]}
        other = f"/plus-group/currency-groups/{world['public']['id']}/members/{item['member_id']}/audit"
        assert H5(api, world["founder"]).send("PATCH", other, xhr=False, body=b'{"status":1}').status_code == 404


class TestCurrencyJoin:
    """The mobile apps' join (PUT currency-groups/{group}): the same join as PUT groups/{group}."""

    def test_joins_a_public_circle_and_applies_to_a_paid_one_with_the_charge(self, api, world):
        user = api.user()
        h5 = H5(api, user)
        reply = h5.send("PUT", f"/plus-group/currency-groups/{world['public']['id']}", body=b"{}")
        assert reply.status_code == 201 and reply.json() == {"message": "加入成功"}
        again = h5.send("PUT", f"/plus-group/currency-groups/{world['public']['id']}", body=b"{}")
        assert again.status_code == 409 and again.json() == {"message": "已加入该圈子或加圈申请正在审核中"}
        poor = h5.send("PUT", f"/plus-group/currency-groups/{world['paid']['id']}", body=b"{}")
        assert poor.status_code == 409 and poor.json() == {"message": "账户余额不足不能申请加入"}
        world["admin"].credit(user, 31)
        applied = h5.send("PUT", f"/plus-group/currency-groups/{world['paid']['id']}", body=b"{}")
        assert applied.status_code == 201 and applied.json() == {"message": "申请已提交，等待管理员审核"}
        assert world["admin"].wallet(user).balance == 1
        guest = H5(api).send("PUT", f"/plus-group/currency-groups/{world['public']['id']}", body=b"{}")
        assert guest.status_code == 401


class TestEveryOtherCircleCall:
    """The rest of what the H5 pages call, each as the page sends it."""

    def test_home_lists_and_detail(self, api, world):
        user = api.user()
        h5, public = H5(api, user), world["public"]
        assert h5.send("GET", "/plus-group/groups/count").json()["count"] >= 3  # getGroupTotalNumber
        assert any(c["id"] == world["category"] for c in h5.send("GET", "/plus-group/categories").json())
        assert h5.send("GET", "/plus-group/recommend/groups", query="type=random").status_code == 200
        by_cate = h5.send("GET", f"/plus-group/groups?category_id={world['category']}", query="limit=15&offset=0")
        assert [c["id"] for c in by_cate.json()] == [public["id"], world["private"]["id"], world["paid"]["id"]]
        assert h5.send("GET", "/plus-group/recommend/groups", query="limit=15&offset=0").status_code == 200
        assert h5.send("PUT", f"/plus-group/groups/{public['id']}", body=b"{}").status_code == 201  # joinGroup
        assert [c["id"] for c in h5.send("GET", "/plus-group/user-groups").json()] == [public["id"]]
        detail = h5.send("GET", f"/plus-group/groups/{public['id']}").json()  # getGroupInfoById
        assert detail["joined"]["user_id"] == user.id and "message" not in detail
        users = h5.send("GET", "/plus-group/groups/users", query=f"user_id={user.id}&limit=15&offset=0")
        assert [c["id"] for c in users.json()] == [public["id"]]  # getGroupsByUser (no type)

    def test_the_detail_pages_post_list_is_empty_not_an_error(self, api, world):
        """GroupDetail.vue loads the circle's posts after every detail (getGroudFeedsByType); a
        failure there toasts 请求错误 over the page. Posts are not part of this service."""
        for client in (H5(api), H5(api, api.user())):
            reply = client.send("GET", f"/plus-group/groups/{world['public']['id']}/posts",
                                query="type=latest_post&offset=0&limit=10")
            assert reply.status_code == 200, reply.text
            assert reply.content == b'{"pinneds":[],"posts":[]}'
        missing = H5(api).send("GET", "/plus-group/groups/999999999/posts", query="type=latest_post&offset=0&limit=10")
        assert missing.status_code == 404 and missing.json() == {"message": "内容不存在"}
        bad = H5(api).send("GET", f"/plus-group/groups/{world['public']['id']}/posts", query="limit=-1")
        assert bad.status_code == 422

    def test_profile_pages_and_the_posting_picker(self, api, world):
        user = api.user()
        h5 = H5(api, user)
        assert h5.send("PUT", f"/plus-group/groups/{world['public']['id']}", body=b"{}").status_code == 201
        assert h5.send("PUT", f"/plus-group/groups/{world['private']['id']}", body=b"{}").status_code == 201
        joined = h5.send("GET", "/plus-group/user-groups?type=join", xhr=False).json()
        assert [c["id"] for c in joined] == [world["public"]["id"]]
        audit = h5.send("GET", "/plus-group/user-groups?type=audit", xhr=False).json()
        assert [c["id"] for c in audit] == [world["private"]["id"]] and audit[0]["join_at"].endswith("Z")
        allowed = h5.send("GET", "/plus-group/user-groups?type=allow_post", xhr=False).json()
        assert [c["id"] for c in allowed] == [world["public"]["id"]]


class App:
    """The PC site (slimkit/plus-web, @nuxtjs/axios: Accept application/json, the token as
    Bearer, JSON bodies) and the iOS and Android apps, which call the same paths."""

    def __init__(self, api, user):
        self.api, self.user = api, user

    def send(self, method, path, body=None):
        headers = {"Accept": "application/json", "Authorization": f"Bearer {self.user.token}"}
        if body is not None:
            headers["Content-Type"] = "application/json;charset=utf-8"
        return self.api.session.request(method, self.api.stack.base_url + BASE + path, headers=headers, data=body,
                                        timeout=30)


class TestPcAndMobileApps:
    """What the PC site and the apps call beyond the H5 client: transferring a circle
    (GroupMembers.vue transfer, the apps' 转让圈子), the role counts (Android) and the iOS
    app's PATCH edit."""

    def test_the_founder_transfers_the_circle_to_a_member(self, api, world):
        founder, heir, applicant = api.user(), api.user(name="继任者"), api.user()
        circle = create_circle(founder, world["category"], world["admin"].tag(), mode="private")["id"]
        pc = App(api, founder)
        assert pc.send("PUT", f"/plus-group/groups/{circle}", b"{}").status_code == 409  # already the founder
        assert App(api, heir).send("PUT", f"/plus-group/groups/{circle}", b"{}").status_code == 201
        pending = founder.get(f"/api/v2/plus-group/groups/{circle}/members", params={"type": "audit"}).json()
        body = f'{{"target":{heir.id}}}'.encode()
        waiting = pc.send("PATCH", f"/plus-group/groups/{circle}/owner", body)
        assert waiting.status_code == 409 and waiting.json() == {"message": "圈子内还有待审核人员，不能转让"}
        assert pc.send("PATCH", f"/plus-group/groups/{circle}/members/{pending[0]['id']}/audit",
                       b'{"status":1}').status_code == 201
        stranger = pc.send("PATCH", f"/plus-group/groups/{circle}/owner", f'{{"target":{applicant.id}}}'.encode())
        assert stranger.status_code == 422 and stranger.json()["errors"] == {"target": ["被转让人必须是圈内成员"]}
        refused = App(api, heir).send("PATCH", f"/plus-group/groups/{circle}/owner", f'{{"target":{heir.id}}}'.encode())
        assert refused.status_code == 403 and refused.json() == {"message": "没有权限操作"}
        reply = pc.send("PATCH", f"/plus-group/groups/{circle}/owner", body)
        assert reply.status_code == 201 and reply.json() == {"message": "操作成功"}
        detail = App(api, founder).send("GET", f"/plus-group/groups/{circle}").json()
        assert detail["founder"]["user_id"] == heir.id and detail["founder"]["user"]["name"] == "继任者"
        assert detail["joined"]["role"] == "member" and detail["user_id"] == founder.id  # the creator stays
        assert "join_income_count" not in detail  # the founder's figures went with the circle
        assert App(api, heir).send("GET", f"/plus-group/groups/{circle}").json()["join_income_count"] == 0
        assert pc.send("DELETE", f"/plus-group/groups/{circle}/exit").status_code == 204  # now they may leave
        assert App(api, heir).send("PATCH", f"/plus-group/groups/{circle}/permissions",
                                   b'{"permissions":["founder"]}').status_code == 201

    def test_the_founder_reads_the_income_records(self, api, world):
        """manage/income.vue: type, limit, after, and start/end as axios writes the date
        picker's Date objects (ISO 8601)."""
        founder, payers = api.user(), [api.user(name=f"付费{n}") for n in range(3)]
        circle = create_circle(founder, world["category"], world["admin"].tag(), mode="paid", money=5)["id"]
        for payer in payers:
            world["admin"].credit(payer, 5)
            assert App(api, payer).send("PUT", f"/plus-group/currency-groups/{circle}", b"{}").status_code == 201
        for item in reversed(_audits(H5(api, founder))):  # in the order they applied
            assert App(api, founder).send("PATCH", f"/plus-group/currency-groups/{circle}/members/{item['member_id']}"
                                          "/audit", b'{"status":1}').status_code == 201
        pc = App(api, founder)
        reply = pc.send("GET", f"/plus-group/groups/{circle}/incomes?limit=2&type=all")
        assert reply.status_code == 200, reply.text
        first = reply.json()
        assert [r["user_id"] for r in first] == [payers[2].id, payers[1].id]  # newest first
        assert {k: first[0][k] for k in ("group_id", "subject", "type", "amount")} == {
            "group_id": circle, "subject": '"付费2"加入圈子', "type": 1, "amount": 5}
        assert first[0]["user"]["name"] == "付费2"
        rest = pc.send("GET", f"/plus-group/groups/{circle}/incomes?limit=2&type=all&after={first[-1]['id']}").json()
        assert [r["user_id"] for r in rest] == [payers[0].id]
        assert pc.send("GET", f"/plus-group/groups/{circle}/incomes?type=pinned").json() == []
        window = "start=2000-01-01T00:00:00.000Z&end=2100-01-01T00:00:00.000Z"
        assert len(pc.send("GET", f"/plus-group/groups/{circle}/incomes?type=join&{window}").json()) == 3
        assert pc.send("GET", f"/plus-group/groups/{circle}/incomes?start=4102444800").json() == []  # 2100
        assert pc.send("GET", f"/plus-group/groups/{circle}/incomes?start=tomorrow").status_code == 422
        refused = App(api, payers[0]).send("GET", f"/plus-group/groups/{circle}/incomes")
        assert refused.status_code == 403 and refused.json() == {"message": "无权查看"}

    def test_blacklist_by_membership_id_and_role_counts_without_it(self, api, world):
        founder, admin_user, members = api.user(), api.user(), [api.user() for _ in range(3)]
        circle = create_circle(founder, world["category"], world["admin"].tag())["id"]
        for user in (admin_user, *members):
            assert App(api, user).send("PUT", f"/plus-group/currency-groups/{circle}", b"{}").status_code == 201
        rows = founder.get(f"/api/v2/plus-group/groups/{circle}/members", params={"type": "member"}).json()
        made = next(r["id"] for r in rows if r["user_id"] == admin_user.id)
        assert App(api, founder).send("PUT", f"/plus-group/groups/{circle}/managers/{made}").status_code == 201
        banned = next(r["id"] for r in rows if r["user_id"] == members[0].id)
        assert App(api, founder).send("PUT", f"/plus-group/groups/{circle}/blacklist/{banned}").status_code == 201
        listed = App(api, founder).send("GET", f"/plus-group/groups/{circle}/members?type=blacklist").json()
        assert [m["user_id"] for m in listed] == [members[0].id]  # the membership's user, not user #{banned}
        reply = App(api, members[1]).send("GET", f"/plus-group/groups/{circle}/role/count")
        assert reply.status_code == 200 and reply.json() == {"member_count": 2, "admin_count": 2}
        assert H5(api).send("GET", "/plus-group/groups/999999999/role/count").status_code == 404
        assert App(api, founder).send("DELETE", f"/plus-group/groups/{circle}/blacklist/{banned}").status_code == 204
        assert App(api, members[1]).send("GET", f"/plus-group/groups/{circle}/role/count").json() == {
            "member_count": 3, "admin_count": 2}

    def test_member_pages_follow_after(self, api, world):
        """GroupMembers.vue's "more": type=member, limit, and after = the last item's id."""
        founder, helper, members = api.user(), api.user(), [api.user() for _ in range(4)]
        circle = create_circle(founder, world["category"], world["admin"].tag())["id"]
        for user in (helper, *members):
            assert App(api, user).send("PUT", f"/plus-group/groups/{circle}", b"{}").status_code == 201
        everyone = App(api, founder).send("GET", f"/plus-group/groups/{circle}/members?limit=15").json()
        made = next(m["id"] for m in everyone if m["user_id"] == helper.id)
        assert App(api, founder).send("PUT", f"/plus-group/groups/{circle}/managers/{made}").status_code == 201
        pc = App(api, founder)
        first = pc.send("GET", f"/plus-group/groups/{circle}/members?limit=2&type=member").json()
        more = pc.send("GET", f"/plus-group/groups/{circle}/members?limit=2&type=member&after={first[-1]['id']}").json()
        assert [m["user_id"] for m in first + more] == [m.id for m in members]
        # The whole list (founder, administrators, members) pages the same way across roles.
        seen, after = [], 0
        while True:
            page = pc.send("GET", f"/plus-group/groups/{circle}/members?limit=2" + (f"&after={after}" if after else ""))
            assert page.status_code == 200, page.text
            if not page.json():
                break
            seen += page.json()
            after = page.json()[-1]["id"]
        assert [m["user_id"] for m in seen] == [founder.id, helper.id, *(m.id for m in members)]
        assert pc.send("GET", f"/plus-group/groups/{circle}/members?after=-1").status_code == 422

    def test_the_ios_app_edits_with_patch(self, api, world):
        founder = api.user()
        circle = create_circle(founder, world["category"], world["admin"].tag())["id"]
        reply = App(api, founder).send("PATCH", f"/plus-group/groups/{circle}", '{"summary":"新的简介"}'.encode())
        assert reply.status_code == 201, reply.text
        assert reply.json()["message"] == "修改成功" and reply.json()["group"]["summary"] == "新的简介"
        member = api.user()
        assert App(api, member).send("PUT", f"/plus-group/groups/{circle}", b"{}").status_code == 201
        assert App(api, member).send("PATCH", f"/plus-group/groups/{circle}", b'{"summary":"x"}').status_code == 403
