"""Several invalid fields at once: the circles 422 lists each, gRPC's BadRequest too."""

from google.rpc import error_details_pb2

from server.api.edge import CIRCLES, COMMUNITY, _rich_status, envelope
from server.domain import errors


def test_the_circles_envelope_lists_every_violation():
    exc = errors.InvalidArguments({"avatar": "必须上传头像", "name": "圈子名称不能为空"})
    assert (exc.field, exc.message) == ("avatar", "必须上传头像")
    assert isinstance(exc, errors.InvalidArgument)
    body = envelope(CIRCLES, 422, exc.message, exc.field, exc.violations)
    assert body == {"message": "提交的信息验证错误", "errors": {"avatar": ["必须上传头像"], "name": ["圈子名称不能为空"]}}
    # one field as before; other dialects keep the first reason
    assert envelope(CIRCLES, 422, "x 必须是个整数", "x") == {"message": "提交的信息验证错误", "errors": {"x": ["x 必须是个整数"]}}
    assert envelope(COMMUNITY, 400, exc.message, exc.field, exc.violations)["msg"] == "必须上传头像"


def test_grpc_callers_get_a_field_violation_per_field():
    import grpc

    status = _rich_status(grpc.StatusCode.INVALID_ARGUMENT, "INVALID_ARGUMENT", "必须上传头像", "avatar",
                          {"avatar": "必须上传头像", "tags": "请选择标签"})
    request = error_details_pb2.BadRequest()
    assert status.details[1].Unpack(request)
    assert [(v.field, v.description) for v in request.field_violations] == [("avatar", "必须上传头像"), ("tags", "请选择标签")]
