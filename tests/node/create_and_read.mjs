// The generated TypeScript client (gen/ts, protoc-gen-es) with Connect, against the running stack
// through Envoy: creates an im group over gRPC (Node, HTTP/2) and reads it back over gRPC and over
// gRPC-web (the browser's protocol, through Envoy's grpc_web filter on the same port).
// Run by tests/e2e/test_ecosystem.py: BASE_URL, TOKEN and MEMBER in the environment; prints JSON.
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import { createGrpcWebTransport } from "@connectrpc/connect-web";
import { GroupService } from "../../gen/ts/groupkit/group/v1/group_service_pb.js";

const baseUrl = process.env.BASE_URL;
const headers = { authorization: `Bearer ${process.env.TOKEN}` };
const grpc = createClient(GroupService, createGrpcTransport({ baseUrl }));
const web = createClient(GroupService, createGrpcWebTransport({ baseUrl, httpVersion: "1.1" }));

const created = await grpc.createImGroup({ name: "node群", userList: [BigInt(process.env.MEMBER)] }, { headers });
const groupId = BigInt(created.data.groupId);
const read = await grpc.getImGroupInfo({ groupId }, { headers });
const viaWeb = await web.getImGroupInfo({ groupId }, { headers });
let denied = null;
try {
  await web.getImGroupInfo({ groupId });
} catch (error) {
  denied = error.code; // ConnectError: Code.Unauthenticated = 16
}
console.log(JSON.stringify({
  created: { groupId: created.data.groupId, name: created.data.name, count: created.data.count, owner: created.data.ownerId },
  read: { groupId: read.data.groupId, name: read.data.name, count: read.data.count },
  web: { groupId: viaWeb.data.groupId, name: viaWeb.data.name },
  denied,
}));
