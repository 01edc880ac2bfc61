"""Notice and shared file rules, and their use cases on a real SQLite file: who may do
what, reads counted once, per-file delete outcomes, and what a dismissed group leaves."""

import pytest

from server.domain import errors
from server.domain import files as file_rules
from server.domain import notices as notice_rules
from server.domain.model import GroupKind, Role
from server.domain.texts import extension
from server.services import exits, files, groups, notices
from server.services.exits import ImGroupId
from server.storage.models import Member
from tests.unit.factories import a_member

OWNER, ADMIN, MEMBER, OTHER = 1, 2, 3, 4


@pytest.fixture
def group(uow, users):
    made = groups.create_group(
        uow, users(OWNER), kind=GroupKind.GROUP, name=None, avatar=None, describe=None, member_ids=[ADMIN, MEMBER]
    )
    with uow.write("default"):
        Member.update(role=int(Role.ADMIN)).where((Member.group == made.id) & (Member.user_id == ADMIN)).execute()
    return made


class TestTextRules:
    @pytest.mark.parametrize(
        ("name", "expected"),
        [("a.PDF", "pdf"), ("报告.tar.gz", "gz"), ("README", None), (".bashrc", None), ("a.", None), ("dir.d/file", None),
         ("a.b c", None), ("x." + "y" * 17, None)],
    )
    def test_extension(self, name, expected):
        assert extension(name) == expected

    @pytest.mark.parametrize("url", ["https://a.b/c", "HTTP://例え.jp/文件?q=✓#x", "http://127.0.0.1:8080/a"])
    def test_http_urls_pass(self, url):
        assert file_rules.check_url(url) == url

    @pytest.mark.parametrize(
        "url", ["", "ftp://a.b/c", "javascript:alert(1)", "https:///c", "a.b/c", "https://a.b/c d", "https://[::1/x", "https://a\x00"]
    )
    def test_other_urls_fail(self, url):
        with pytest.raises(errors.InvalidArgument) as caught:
            file_rules.check_url(url)
        assert caught.value.field == "url"

    def test_sizes_are_exact_json_numbers(self):
        assert file_rules.check_size(0) == 0 and file_rules.check_size(2**53 - 1) == 2**53 - 1
        for size in (None, -1, 2**53):
            with pytest.raises(errors.InvalidArgument):
                file_rules.check_size(size)

    def test_an_image_keeps_only_the_size_it_was_given(self):
        assert notice_rules.image_of("", None, None) is None
        image = notice_rules.image_of("图.JPG", None, 300)
        assert (image.width, image.height, image.mime) == (None, 300, "jpg")
        assert notice_rules.image_of("https://x.y/a.webp?s=1", None, None).mime == "webp"
        with pytest.raises(errors.InvalidArgument):
            notice_rules.image_of("", 10, None)

    def test_uploader_owner_and_admins_change_a_file(self):
        made = file_rules.GroupFile(1, 1, 1, MEMBER, "n", 1, "", "https://a.b", 0, 0)
        assert file_rules.may_change(MEMBER, Role.MEMBER, made)
        assert file_rules.may_change(ADMIN, Role.ADMIN, made) and file_rules.may_change(OWNER, Role.OWNER, made)
        assert not file_rules.may_change(OTHER, a_member(role=Role.MEMBER).role, made)


class TestNotices:
    @pytest.mark.parametrize(("who", "allowed"), [(OWNER, True), (ADMIN, True), (MEMBER, False), (OTHER, False)])
    def test_owner_and_admins_publish(self, uow, users, group, who, allowed):
        if allowed:
            assert notices.publish(uow, users(who), group.id, "t", "c").user_id == who
        else:
            with pytest.raises(errors.PermissionDenied):
                notices.publish(uow, users(who), group.id, "t", "c")

    def test_reads_count_once_per_user(self, uow, users, group):
        notice = notices.publish(uow, users(OWNER), group.id, "t", "c")
        assert [notices.read(uow, users(MEMBER), notice.id) for _ in range(3)] == [True, False, False]
        assert notices.read(uow, users(ADMIN), notice.id) is True
        assert notices.page(uow, users(MEMBER), group.id, None, None)[0].read_count == 2
        with pytest.raises(errors.PermissionDenied):
            notices.read(uow, users(OTHER), notice.id)

    def test_another_groups_notice_is_not_found_by_this_groups_id(self, uow, users, group):
        other = groups.create_group(uow, users(OTHER), kind=GroupKind.GROUP, name=None, avatar=None, describe=None, member_ids=[])
        theirs = notices.publish(uow, users(OTHER), other.id, "t", "c")
        with pytest.raises(errors.NotFound):
            notices.announcement(uow, users(OWNER), group.im_id, theirs.id)
        with pytest.raises(errors.NotFound):
            notices.delete(uow, users(OWNER), theirs.id, ImGroupId(group.im_id))
        assert notices.announcement(uow, users(OTHER), other.im_id, theirs.id).id == theirs.id

    def test_another_apps_notice_is_not_found(self, uow, users, group):
        mine = notices.publish(uow, users(OWNER), group.id, "t", "c")
        with pytest.raises(errors.NotFound):
            notices.read(uow, users(OWNER, "acme"), mine.id)

    def test_latest_unread_skips_read_and_own_notices(self, uow, users, group):
        first = notices.publish(uow, users(OWNER), group.id, "1", "c")
        second = notices.publish(uow, users(ADMIN), group.id, "2", "c")
        assert notices.latest_unread(uow, users(MEMBER), group.id).id == second.id
        assert notices.latest_unread(uow, users(ADMIN), group.id).id == first.id
        notices.read(uow, users(MEMBER), second.id)
        notices.read(uow, users(MEMBER), first.id)
        assert notices.latest_unread(uow, users(MEMBER), group.id) is None

    def test_a_dismissed_groups_notices_and_files_are_deleted(self, uow, users, group):
        notice = notices.publish(uow, users(OWNER), group.id, "t", "c")
        notices.read(uow, users(MEMBER), notice.id)
        files.upload(uow, users(MEMBER), group.im_id, "a.txt", 1, "", "https://a.b/a.txt")
        exits.dismiss(uow, users(OWNER), group.id)
        with uow.read("default") as store:
            assert store.notice(notice.id) is None
            assert store.group_files(group) == []
            assert store.latest_unread_notice(group, OTHER) is None


class TestFiles:
    def test_delete_judges_each_file(self, uow, users, group):
        mine = files.upload(uow, users(MEMBER), group.im_id, "a.txt", 1, "", "https://a.b/a.txt")
        owners = files.upload(uow, users(OWNER), group.im_id, "b.txt", 1, "", "https://a.b/b.txt")
        results = files.delete(uow, users(MEMBER), group.im_id, [owners.id, 999, mine.id, mine.id])
        assert [(r.id, r.ok) for r in results] == [(owners.id, False), (999, False), (mine.id, True)]
        assert [f.id for f in files.listing(uow, users(MEMBER), group.im_id)] == [owners.id]

    def test_type_defaults_to_the_extension(self, uow, users, group):
        assert files.upload(uow, users(MEMBER), group.im_id, "照片.JPEG", 5, "", "https://a.b/x").type == "jpeg"
        assert files.upload(uow, users(MEMBER), group.im_id, "照片.JPEG", 5, "image/jpeg", "https://a.b/x").type == "image/jpeg"

    def test_outsiders_may_not_upload_and_members_may_not_rename_others_files(self, uow, users, group):
        with pytest.raises(errors.PermissionDenied):
            files.upload(uow, users(OTHER), group.im_id, "a", 1, "", "https://a.b/a")
        owners = files.upload(uow, users(OWNER), group.im_id, "b.txt", 1, "", "https://a.b/b.txt")
        with pytest.raises(errors.PermissionDenied):
            files.rename(uow, users(MEMBER), group.im_id, owners.id, "mine.txt")
        files.rename(uow, users(ADMIN), group.im_id, owners.id, "renamed.txt")
        assert files.get(uow, users(MEMBER), group.im_id, owners.id).name == "renamed.txt"
