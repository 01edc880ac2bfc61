from google.api import annotations_pb2 as _annotations_pb2
from google.protobuf import struct_pb2 as _struct_pb2
from groupkit.common.v1 import options_pb2 as _options_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class NoticeUser(_message.Message):
    __slots__ = ("id", "name", "avatar")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    AVATAR_FIELD_NUMBER: _ClassVar[int]
    id: float
    name: str
    avatar: _struct_pb2.Value
    def __init__(self, id: _Optional[float] = ..., name: _Optional[str] = ..., avatar: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class NoticeData(_message.Message):
    __slots__ = ("image",)
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    image: _struct_pb2.Value
    def __init__(self, image: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class ListNoticesRequest(_message.Message):
    __slots__ = ("limit", "offset", "group_id")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    group_id: int
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class NoticeItem(_message.Message):
    __slots__ = ("id", "title", "content", "data", "group_id", "user_id", "read_count", "created_at", "updated_at", "user", "publisher")
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    READ_COUNT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    USER_FIELD_NUMBER: _ClassVar[int]
    PUBLISHER_FIELD_NUMBER: _ClassVar[int]
    id: float
    title: str
    content: str
    data: NoticeData
    group_id: float
    user_id: float
    read_count: int
    created_at: str
    updated_at: str
    user: NoticeUser
    publisher: _struct_pb2.Value
    def __init__(self, id: _Optional[float] = ..., title: _Optional[str] = ..., content: _Optional[str] = ..., data: _Optional[_Union[NoticeData, _Mapping]] = ..., group_id: _Optional[float] = ..., user_id: _Optional[float] = ..., read_count: _Optional[int] = ..., created_at: _Optional[str] = ..., updated_at: _Optional[str] = ..., user: _Optional[_Union[NoticeUser, _Mapping]] = ..., publisher: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class ListNoticesResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _containers.RepeatedCompositeFieldContainer[NoticeItem]
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[NoticeItem, _Mapping]]] = ...) -> None: ...

class CreateNoticeRequest(_message.Message):
    __slots__ = ("title", "content", "image", "group_id", "image_width", "image_height")
    TITLE_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    IMAGE_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    IMAGE_WIDTH_FIELD_NUMBER: _ClassVar[int]
    IMAGE_HEIGHT_FIELD_NUMBER: _ClassVar[int]
    title: str
    content: str
    image: str
    group_id: int
    image_width: int
    image_height: int
    def __init__(self, title: _Optional[str] = ..., content: _Optional[str] = ..., image: _Optional[str] = ..., group_id: _Optional[int] = ..., image_width: _Optional[int] = ..., image_height: _Optional[int] = ...) -> None: ...

class CreatedNotice(_message.Message):
    __slots__ = ("user_id", "title", "data", "content", "group_id", "updated_at", "created_at", "id")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    UPDATED_AT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    user_id: float
    title: str
    data: NoticeData
    content: str
    group_id: float
    updated_at: str
    created_at: str
    id: float
    def __init__(self, user_id: _Optional[float] = ..., title: _Optional[str] = ..., data: _Optional[_Union[NoticeData, _Mapping]] = ..., content: _Optional[str] = ..., group_id: _Optional[float] = ..., updated_at: _Optional[str] = ..., created_at: _Optional[str] = ..., id: _Optional[float] = ...) -> None: ...

class CreateNoticeResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: CreatedNotice
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[CreatedNotice, _Mapping]] = ...) -> None: ...

class DeleteNoticeRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class DeleteNoticeResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ReadNoticeRequest(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class ReadNoticeResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetLatestNoticeRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class GetLatestNoticeResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.Value
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ...) -> None: ...

class ImAnnouncement(_message.Message):
    __slots__ = ("author", "content", "created_at", "group_id", "id", "title")
    AUTHOR_FIELD_NUMBER: _ClassVar[int]
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    CREATED_AT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    author: float
    content: str
    created_at: float
    group_id: float
    id: float
    title: str
    def __init__(self, author: _Optional[float] = ..., content: _Optional[str] = ..., created_at: _Optional[float] = ..., group_id: _Optional[float] = ..., id: _Optional[float] = ..., title: _Optional[str] = ...) -> None: ...

class GetImAnnouncementRequest(_message.Message):
    __slots__ = ("announcement_id", "group_id")
    ANNOUNCEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    announcement_id: int
    group_id: int
    def __init__(self, announcement_id: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class GetImAnnouncementResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImAnnouncement
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImAnnouncement, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class DeleteImAnnouncementRequest(_message.Message):
    __slots__ = ("announcement_id", "group_id")
    ANNOUNCEMENT_ID_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    announcement_id: int
    group_id: int
    def __init__(self, announcement_id: _Optional[int] = ..., group_id: _Optional[int] = ...) -> None: ...

class ImAnnouncementDeleted(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class DeleteImAnnouncementResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImAnnouncementDeleted
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImAnnouncementDeleted, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class EditImAnnouncementRequest(_message.Message):
    __slots__ = ("content", "group_id", "title")
    CONTENT_FIELD_NUMBER: _ClassVar[int]
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    TITLE_FIELD_NUMBER: _ClassVar[int]
    content: str
    group_id: int
    title: str
    def __init__(self, content: _Optional[str] = ..., group_id: _Optional[int] = ..., title: _Optional[str] = ...) -> None: ...

class EditImAnnouncementResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: ImAnnouncement
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[ImAnnouncement, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetLastImAnnouncementRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class GetLastImAnnouncementResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _struct_pb2.Value
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.Value, _Mapping]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class ListImAnnouncementsRequest(_message.Message):
    __slots__ = ("group_id",)
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    def __init__(self, group_id: _Optional[int] = ...) -> None: ...

class ListImAnnouncementsResponse(_message.Message):
    __slots__ = ("code", "data", "message")
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    MESSAGE_FIELD_NUMBER: _ClassVar[int]
    code: int
    data: _containers.RepeatedCompositeFieldContainer[ImAnnouncement]
    message: _struct_pb2.NullValue
    def __init__(self, code: _Optional[int] = ..., data: _Optional[_Iterable[_Union[ImAnnouncement, _Mapping]]] = ..., message: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...
