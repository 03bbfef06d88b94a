"""The batch split on a Spark cluster: revenue per role over orders stored as Parquet.

    # locally (local[*]), on generated orders:
    python examples/python/spark_split.py --generate 1000000 --out /tmp/revenue
    # on a cluster (every executor needs the o2okit wheel: pip install it there, or ship it
    # with --py-files / a packed virtualenv through spark.archives):
    spark-submit --master yarn --deploy-mode cluster \
        --conf spark.sql.execution.arrow.pyspark.enabled=true \
        examples/python/spark_split.py --orders hdfs:///o2o/orders/2026q3 --out hdfs:///o2o/revenue/2026q3

Each executor receives the compiled plan (it pickles as its wire JSON) and splits its
partitions with ``o2okit.batch.split`` through ``mapInArrow``: Arrow batches in, Arrow
batches out, no Python object per order. The input needs the batch API's split columns
(``order_id``, ``at`` as a timestamp, ``paid`` as a decimal, and optionally the party,
discount and journey columns); Spark's TimestampType arrives as a tz-aware timestamp.
The result is the ledger in long form (one row per line), written as Parquet, and revenue
per role summed by Spark.
"""

from __future__ import annotations

import argparse
from typing import Any, Iterator

from o2okit import batch, datasets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", help="a Parquet path of orders (the split input columns)")
    parser.add_argument("--generate", type=int, help="generate this many orders instead")
    parser.add_argument("--out", required=True, help="where to write the ledger lines (Parquet)")
    parser.add_argument("--commission", default="8", help="the platform's percent")
    parser.add_argument("--master", default=None, help="e.g. local[2] when run without spark-submit")
    args = parser.parse_args()

    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("o2okit-split")
    if args.master:
        builder = builder.master(args.master)
    spark = builder.config("spark.sql.execution.arrow.pyspark.enabled", "true").getOrCreate()

    if args.orders:
        orders = spark.read.parquet(args.orders)
    else:
        orders = spark.createDataFrame(datasets.orders(args.generate or 100_000))

    plan = batch.CompiledPlan(datasets.plan(args.commission))
    sample = datasets.orders(1)
    from pyspark.sql.pandas.types import from_arrow_schema

    schema = from_arrow_schema(batch.split(sample, plan, currency="CNY", shape="long").schema)

    def split_partition(batches: Iterator[Any]) -> Iterator[Any]:
        for b in batches:
            yield from batch.split(b, plan, currency="CNY", shape="long").to_batches()

    lines = orders.mapInArrow(split_partition, schema)
    lines.write.mode("overwrite").parquet(args.out)
    written = spark.read.parquet(args.out)
    failed = written.where("error_code IS NOT NULL").select("order_id").distinct().count()
    print(f"orders that could not be split: {failed}")
    for row in written.groupBy("role").sum("amount").orderBy("role").collect():
        print(f"{row['role']:20} {row['sum(amount)']:>20,.2f}")
    spark.stop()


if __name__ == "__main__":
    main()
