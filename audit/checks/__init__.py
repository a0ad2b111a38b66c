"""Checker families.  Each module registers its rules with :mod:`audit.checks.registry`;
every module in this package is imported by ``registry.load_all()``."""
