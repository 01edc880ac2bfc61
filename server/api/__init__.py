"""The gRPC edge: servicers, the proto mappers of each dialect, auth and the interceptor.
The only package that imports the generated code and grpc."""
