"""Storage: the peewee models and everything that speaks SQL. Only this package imports peewee."""
