from google.protobuf import struct_pb2 as _struct_pb2
from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class ListUpgradeRulesRequest(_message.Message):
    __slots__ = ("limit", "offset")
    LIMIT_FIELD_NUMBER: _ClassVar[int]
    OFFSET_FIELD_NUMBER: _ClassVar[int]
    limit: int
    offset: int
    def __init__(self, limit: _Optional[int] = ..., offset: _Optional[int] = ...) -> None: ...

class UpgradeRule(_message.Message):
    __slots__ = ("id", "level", "max_members", "max_admins", "coin", "price")
    ID_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    MAX_ADMINS_FIELD_NUMBER: _ClassVar[int]
    COIN_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    id: float
    level: int
    max_members: int
    max_admins: int
    coin: str
    price: float
    def __init__(self, id: _Optional[float] = ..., level: _Optional[int] = ..., max_members: _Optional[int] = ..., max_admins: _Optional[int] = ..., coin: _Optional[str] = ..., price: _Optional[float] = ...) -> None: ...

class UpgradeDescriptions(_message.Message):
    __slots__ = ("upgrade_desc", "transfer_desc")
    UPGRADE_DESC_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_DESC_FIELD_NUMBER: _ClassVar[int]
    upgrade_desc: str
    transfer_desc: str
    def __init__(self, upgrade_desc: _Optional[str] = ..., transfer_desc: _Optional[str] = ...) -> None: ...

class UpgradeRules(_message.Message):
    __slots__ = ("rules", "desc")
    RULES_FIELD_NUMBER: _ClassVar[int]
    DESC_FIELD_NUMBER: _ClassVar[int]
    rules: _containers.RepeatedCompositeFieldContainer[UpgradeRule]
    desc: UpgradeDescriptions
    def __init__(self, rules: _Optional[_Iterable[_Union[UpgradeRule, _Mapping]]] = ..., desc: _Optional[_Union[UpgradeDescriptions, _Mapping]] = ...) -> None: ...

class ListUpgradeRulesResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: UpgradeRules
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[UpgradeRules, _Mapping]] = ...) -> None: ...

class UpgradeGroupRequest(_message.Message):
    __slots__ = ("group_id", "id", "pay_pass")
    GROUP_ID_FIELD_NUMBER: _ClassVar[int]
    ID_FIELD_NUMBER: _ClassVar[int]
    PAY_PASS_FIELD_NUMBER: _ClassVar[int]
    group_id: int
    id: int
    pay_pass: str
    def __init__(self, group_id: _Optional[int] = ..., id: _Optional[int] = ..., pay_pass: _Optional[str] = ...) -> None: ...

class UpgradeGroupResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: _struct_pb2.NullValue
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[_struct_pb2.NullValue, str]] = ...) -> None: ...

class GetGroupConditionsRequest(_message.Message):
    __slots__ = ("type",)
    TYPE_FIELD_NUMBER: _ClassVar[int]
    type: str
    def __init__(self, type: _Optional[str] = ...) -> None: ...

class GroupCondition(_message.Message):
    __slots__ = ("key", "name", "extra", "status")
    KEY_FIELD_NUMBER: _ClassVar[int]
    NAME_FIELD_NUMBER: _ClassVar[int]
    EXTRA_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    key: str
    name: str
    extra: _struct_pb2.Struct
    status: bool
    def __init__(self, key: _Optional[str] = ..., name: _Optional[str] = ..., extra: _Optional[_Union[_struct_pb2.Struct, _Mapping]] = ..., status: _Optional[bool] = ...) -> None: ...

class GroupConditions(_message.Message):
    __slots__ = ("conditions", "status")
    CONDITIONS_FIELD_NUMBER: _ClassVar[int]
    STATUS_FIELD_NUMBER: _ClassVar[int]
    conditions: _containers.RepeatedCompositeFieldContainer[GroupCondition]
    status: bool
    def __init__(self, conditions: _Optional[_Iterable[_Union[GroupCondition, _Mapping]]] = ..., status: _Optional[bool] = ...) -> None: ...

class GetGroupConditionsResponse(_message.Message):
    __slots__ = ("msg", "code", "data")
    MSG_FIELD_NUMBER: _ClassVar[int]
    CODE_FIELD_NUMBER: _ClassVar[int]
    DATA_FIELD_NUMBER: _ClassVar[int]
    msg: str
    code: int
    data: GroupConditions
    def __init__(self, msg: _Optional[str] = ..., code: _Optional[int] = ..., data: _Optional[_Union[GroupConditions, _Mapping]] = ...) -> None: ...
