from django.apps import AppConfig


class BenchConfig(AppConfig):
    """Benchmarks and evaluation scripts; installed only for the seed_bench command."""

    name = "bench"
