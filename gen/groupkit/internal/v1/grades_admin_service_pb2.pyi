from google.protobuf.internal import containers as _containers
from google.protobuf import descriptor as _descriptor
from google.protobuf import message as _message
from collections.abc import Iterable as _Iterable, Mapping as _Mapping
from typing import ClassVar as _ClassVar, Optional as _Optional, Union as _Union

DESCRIPTOR: _descriptor.FileDescriptor

class UpsertUpgradeRuleRequest(_message.Message):
    __slots__ = ("level", "max_members", "max_admins", "price")
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    MAX_MEMBERS_FIELD_NUMBER: _ClassVar[int]
    MAX_ADMINS_FIELD_NUMBER: _ClassVar[int]
    PRICE_FIELD_NUMBER: _ClassVar[int]
    level: int
    max_members: int
    max_admins: int
    price: int
    def __init__(self, level: _Optional[int] = ..., max_members: _Optional[int] = ..., max_admins: _Optional[int] = ..., price: _Optional[int] = ...) -> None: ...

class UpsertUpgradeRuleResponse(_message.Message):
    __slots__ = ("id", "created")
    ID_FIELD_NUMBER: _ClassVar[int]
    CREATED_FIELD_NUMBER: _ClassVar[int]
    id: int
    created: bool
    def __init__(self, id: _Optional[int] = ..., created: _Optional[bool] = ...) -> None: ...

class SetUpgradeDescriptionsRequest(_message.Message):
    __slots__ = ("upgrade_desc", "transfer_desc")
    UPGRADE_DESC_FIELD_NUMBER: _ClassVar[int]
    TRANSFER_DESC_FIELD_NUMBER: _ClassVar[int]
    upgrade_desc: str
    transfer_desc: str
    def __init__(self, upgrade_desc: _Optional[str] = ..., transfer_desc: _Optional[str] = ...) -> None: ...

class SetUpgradeDescriptionsResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class CreditWalletRequest(_message.Message):
    __slots__ = ("user_id", "amount", "reason")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    amount: int
    reason: str
    def __init__(self, user_id: _Optional[int] = ..., amount: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class CreditWalletResponse(_message.Message):
    __slots__ = ("balance",)
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    balance: int
    def __init__(self, balance: _Optional[int] = ...) -> None: ...

class GetWalletRequest(_message.Message):
    __slots__ = ("user_id",)
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    def __init__(self, user_id: _Optional[int] = ...) -> None: ...

class WalletEntry(_message.Message):
    __slots__ = ("amount", "reason")
    AMOUNT_FIELD_NUMBER: _ClassVar[int]
    REASON_FIELD_NUMBER: _ClassVar[int]
    amount: int
    reason: str
    def __init__(self, amount: _Optional[int] = ..., reason: _Optional[str] = ...) -> None: ...

class GetWalletResponse(_message.Message):
    __slots__ = ("balance", "has_pay_pass", "entries")
    BALANCE_FIELD_NUMBER: _ClassVar[int]
    HAS_PAY_PASS_FIELD_NUMBER: _ClassVar[int]
    ENTRIES_FIELD_NUMBER: _ClassVar[int]
    balance: int
    has_pay_pass: bool
    entries: _containers.RepeatedCompositeFieldContainer[WalletEntry]
    def __init__(self, balance: _Optional[int] = ..., has_pay_pass: _Optional[bool] = ..., entries: _Optional[_Iterable[_Union[WalletEntry, _Mapping]]] = ...) -> None: ...

class SetPayPasswordRequest(_message.Message):
    __slots__ = ("user_id", "pay_pass")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    PAY_PASS_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    pay_pass: str
    def __init__(self, user_id: _Optional[int] = ..., pay_pass: _Optional[str] = ...) -> None: ...

class SetPayPasswordResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...

class SetUserStatsRequest(_message.Message):
    __slots__ = ("user_id", "invites", "level", "ore", "invited_group_creators", "invited_group_member_counts")
    USER_ID_FIELD_NUMBER: _ClassVar[int]
    INVITES_FIELD_NUMBER: _ClassVar[int]
    LEVEL_FIELD_NUMBER: _ClassVar[int]
    ORE_FIELD_NUMBER: _ClassVar[int]
    INVITED_GROUP_CREATORS_FIELD_NUMBER: _ClassVar[int]
    INVITED_GROUP_MEMBER_COUNTS_FIELD_NUMBER: _ClassVar[int]
    user_id: int
    invites: int
    level: int
    ore: int
    invited_group_creators: int
    invited_group_member_counts: _containers.RepeatedScalarFieldContainer[int]
    def __init__(self, user_id: _Optional[int] = ..., invites: _Optional[int] = ..., level: _Optional[int] = ..., ore: _Optional[int] = ..., invited_group_creators: _Optional[int] = ..., invited_group_member_counts: _Optional[_Iterable[int]] = ...) -> None: ...

class SetUserStatsResponse(_message.Message):
    __slots__ = ()
    def __init__(self) -> None: ...
