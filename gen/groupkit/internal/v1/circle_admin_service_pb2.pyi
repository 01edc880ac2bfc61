from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from typing import ClassVar as _ClassVar, Optional as _Optional

DESCRIPTOR: _descriptor.FileDescriptor

class UpsertCircleCategoryRequest(_message.Message):
    __slots__ = ("id", "name", "sort_by", "status")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    SORT_BY_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    sort_by: int
    status: int
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., sort_by: _Optional[int] = ..., status: _Optional[int] = ...) -> None: ...

class UpsertCircleCategoryResponse(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class UpsertCircleTagRequest(_message.Message):
    __slots__ = ("id", "name", "tag_category_id", "weight")
    ID_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    TAG_CATEGORY_ID_FIELD_NUMBER: _ClassVar[int]
    WEIGHT_FIELD_NUMBER: _ClassVar[int]
    id: int
    name: str
    tag_category_id: int
    weight: int
    def __init__(self, id: _Optional[int] = ..., name: _Optional[str] = ..., tag_category_id: _Optional[int] = ..., weight: _Optional[int] = ...) -> None: ...

class UpsertCircleTagResponse(_message.Message):
    __slots__ = ("id",)
    ID_FIELD_NUMBER: _ClassVar[int]
    id: int
    def __init__(self, id: _Optional[int] = ...) -> None: ...

class SetCircleRecommendationRequest(_message.Message):
    __slots__ = ("circle_id", "recommended", "sort_by")
    CIRCLE_ID_FIELD_NUMBER: _ClassVar[int]
    RECOMMENDED_FIELD_NUMBER: _ClassVar[int]
    SORT_BY_FIELD_NUMBER: _ClassVar[int]
    circle_id: int
    recommended: bool
    sort_by: int
    def __init__(self, circle_id: _Optional[int] = ..., recommended: _Optional[bool] = ..., sort_by: _Optional[int] = ...) -> None: ...

class SetCircleRecommendationResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetCircleProtocolRequest(_message.Message):
    __slots__ = ("protocol",)
    PROTOCOL_FIELD_NUMBER: _ClassVar[int]
    protocol: str
    def __init__(self, protocol: _Optional[str] = ...) -> None: ...

class SetCircleProtocolResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class ReviewCircleRequest(_message.Message):
    __slots__ = ("circle_id", "audit")
    CIRCLE_ID_FIELD_NUMBER: _ClassVar[int]
    AUDIT_FIELD_NUMBER: _ClassVar[int]
    circle_id: int
    audit: int
    def __init__(self, circle_id: _Optional[int] = ..., audit: _Optional[int] = ...) -> None: ...

class ReviewCircleResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
