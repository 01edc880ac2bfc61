"""FileService: a group's shared files (im dialect). Each method maps its request to a use
case (server/services/files.py) and the result to a response; auth, errors and statuses are
the interceptor's (server/api/edge.py)."""

from groupkit.file.v1 import file_service_pb2 as pb
from groupkit.file.v1 import file_service_pb2_grpc
from server.api import file_views as views
from server.api.edge import current_principal
from server.api.values import given
from server.services import files


class FileServicer(file_service_pb2_grpc.FileServiceServicer):
    def __init__(self, uow):
        self.uow = uow

    def GetImGroupFile(self, request, context):
        found = files.get(self.uow, current_principal(), request.group_id, request.file_id)
        return pb.GetImGroupFileResponse(code=200, data=views.group_file(found))

    def DeleteImGroupFiles(self, request, context):
        results = files.delete(self.uow, current_principal(), request.group_id, list(request.file_list))
        return pb.DeleteImGroupFilesResponse(code=200, data=views.file_results(results))

    def ListImGroupFiles(self, request, context):
        found = files.listing(self.uow, current_principal(), request.group_id)
        return pb.ListImGroupFilesResponse(code=200, data=[views.group_file(f) for f in found])

    def RenameImGroupFile(self, request, context):
        files.rename(self.uow, current_principal(), request.group_id, request.file_id, request.name)
        return pb.RenameImGroupFileResponse(code=200, data=True)

    def UploadImGroupFile(self, request, context):
        uploaded = files.upload(
            self.uow, current_principal(), request.group_id, request.name, given(request, "size"), request.type,
            request.url,
        )
        return pb.UploadImGroupFileResponse(code=200, data=views.group_file(uploaded))
