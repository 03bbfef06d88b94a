"""The batch API on Spark: mapInArrow over a local[2] cluster gives what one process gives.

PySpark is a test-only dependency (bindings/python/ci.sh installs it); without it, or without
Java, these tests are skipped. One SparkSession serves the whole test session."""

from __future__ import annotations

import os
import pickle
import shutil
import sys
from typing import Any, Iterator

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("numpy")
pyspark = pytest.importorskip("pyspark")
if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
    pytest.skip("Spark needs Java", allow_module_level=True)

from o2okit import batch, datasets  # noqa: E402

PLAN = datasets.plan()


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("o2okit-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "Asia/Shanghai")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def spark_schema(table: Any) -> Any:
    """The Spark schema of an Arrow schema (decimal, string, timestamp, list, struct)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(table.schema)


def test_split_with_map_in_arrow_equals_one_process(spark: Any) -> None:
    orders = datasets.orders(6_000, seed=21, batch_size=2_500)
    frame = spark.createDataFrame(orders).repartition(4)
    plan = batch.CompiledPlan(PLAN)  # shipped to the workers by pickling
    expected = batch.split(orders, plan, currency="CNY")

    def split_partition(batches: Iterator[Any]) -> Iterator[Any]:
        for b in batches:
            yield from batch.split(b, plan, currency="CNY").to_batches()

    result = frame.mapInArrow(split_partition, spark_schema(expected))
    got = result.toArrow().sort_by("order_id")
    want = expected.sort_by("order_id")
    assert got.num_rows == 6_000
    for name in want.column_names:
        assert got.column(name).to_pylist() == want.column(name).to_pylist(), name


def test_long_output_and_aggregation_on_spark(spark: Any) -> None:
    orders = datasets.orders(3_000, seed=22)
    frame = spark.createDataFrame(orders).repartition(3)
    schema = spark_schema(batch.split(orders.slice(0, 1), PLAN, currency="CNY", shape="long"))

    def long_partition(batches: Iterator[Any]) -> Iterator[Any]:
        for b in batches:
            yield from batch.split(b, PLAN, currency="CNY", shape="long").to_batches()

    per_role = {r["role"]: r["total"] for r in frame.mapInArrow(long_partition, schema)
                .groupBy("role").sum("amount").withColumnRenamed("sum(amount)", "total").collect()}
    long = batch.split(orders, PLAN, currency="CNY", shape="long")
    expected = {r["role"]: r["amount_sum"] for r in long.group_by("role").aggregate([("amount", "sum")]).to_pylist()}
    assert per_role == expected


def test_everything_a_worker_needs_pickles() -> None:
    compiled = batch.CompiledPlan(PLAN)
    assert pickle.loads(pickle.dumps(compiled)).rule_ids == compiled.rule_ids
    promotions = datasets.promotions("weekend")
    assert pickle.loads(pickle.dumps(promotions)) == promotions
    stores = datasets.stores(3)
    assert pickle.loads(pickle.dumps(stores)) == stores
