"""Domain core: entities, rules and errors. Imports neither grpc nor peewee."""
