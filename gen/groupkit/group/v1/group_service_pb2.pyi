from google.api import annotations_pb2 as _annotations_pb2
from groupkit.common.v1 import options_pb2 as _options_pb2
from groupkit.group.v1 import community_pb2 as _community_pb2
from groupkit.group.v1 import im_pb2 as _im_pb2
from google.protobuf import descriptor as _descriptor
from typing import ClassVar as _ClassVar

DESCRIPTOR: _descriptor.FileDescriptor
