from google.api import annotations_pb2 as _annotations_pb2
from groupkit.common.v1 import options_pb2 as _options_pb2
from groupkit.group.v1 import community_pb2 as _community_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from groupkit.group.v1 import moderation_pb2 as _moderation_pb2
from groupkit.group.v1 import member_settings_pb2 as _member_settings_pb2
from groupkit.group.v1 import grades_pb2 as _grades_pb2
from groupkit.group.v1 import membership_pb2 as _membership_pb2
from groupkit.group.v1 import exits_pb2 as _exits_pb2
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
