"""The linking engine's Spark side: a local session and the SQL functions the model needs.

``tracedesk link --engine spark`` runs the same Splink model as DuckDB on pyspark in local
mode (``local[2]``, loopback only, no web UI, quiet logs). Two of the model's functions are
not Spark SQL built-ins:

- ``damerau_levenshtein``: the Java UDF in the jar Splink ships, which Splink's ``SparkAPI``
  registers when the jar is on the session's class path. On unit numbers (digit strings) it
  gives DuckDB's distances exactly (checked on 181,812 pairs of generated unit numbers).
- ``td_jaro_winkler``: DuckDB's ``jaro_winkler_similarity`` to the last bit, as a Python UDF
  over Arrow batches (``similarity.jaro_winkler``). The jar's Jaro–Winkler is another
  variant (it scores abramov/rabov 0.805, DuckDB 0.838) and so moves pairs across the 0.8,
  0.9 and 0.92 levels.

pyspark is the optional extra ``spark``, and it needs Java 17 or newer.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa  # type: ignore[import-untyped]

from tracedesk.pipeline.linking.similarity import jaro_winkler

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

JARO_WINKLER = "td_jaro_winkler"  # the name the comparisons call on Spark
DRIVER_MEMORY = "4g"  # local mode runs in the driver; 1g (Spark's default) fails at 50k people

# Spark's own lines at WARN and over, none of its start-up notes: Spark prints "Setting default
# log level" unless the root level is WARN; the session then sets ERROR.
_LOG4J2 = """\
rootLogger.level = warn
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{HH:mm:ss} %p %c{1}: %m%n
logger.hadoop.name = org.apache.hadoop
logger.hadoop.level = error
"""


def missing() -> str | None:
    """Why the Spark engine cannot run here (pyspark or Java missing), or None."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        return "pyspark is not installed (pip install 'tracedesk[spark]')"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and Path(java_home, "bin", "java").exists()) and not shutil.which("java"):
        return "Java is not installed (pyspark needs Java 17 or newer on PATH or JAVA_HOME)"
    return None


def _jaro_winkler_batch(left: pa.Array, right: pa.Array) -> pa.Array:
    values = [
        None if a is None or b is None else jaro_winkler(a, b)
        for a, b in zip(left.to_pylist(), right.to_pylist(), strict=True)
    ]
    return pa.array(values, type=pa.float64())


def session() -> SparkSession:
    """The running Spark session, or a new local one set up for linking."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    log4j = Path(tempfile.gettempdir()) / "tracedesk-spark-log4j2.properties"
    if not log4j.exists() or log4j.read_text() != _LOG4J2:
        log4j.write_text(_LOG4J2)
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    # Python workers run td_jaro_winkler from this package: they need this interpreter.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    java_options = f"-Dlog4j2.configurationFile=file:{log4j}"
    spark = (
        SparkSession.builder.master("local[2]")
        .appName("tracedesk-link")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.memory", DRIVER_MEMORY)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.default.parallelism", "4")
        .config("spark.jars", similarity_jar_location())
        .config("spark.driver.extraJavaOptions", java_options)
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def register_functions(spark: SparkSession) -> None:
    """The functions the model calls on Spark: ``td_jaro_winkler`` and the jar's
    ``damerau_levenshtein`` (which Splink's SparkAPI registers too, with the jar's others)."""
    from pyspark.sql.pandas.functions import arrow_udf
    from pyspark.sql.types import DoubleType
    from pyspark.util import PythonEvalType

    spark.udf.registerJavaFunction(
        "damerau_levenshtein", "uk.gov.moj.dash.linkage.LevDamerauDistance", DoubleType()
    )
    with warnings.catch_warnings():
        # pyspark prefers type hints to the explicit type, which mypy's stubs cannot check.
        warnings.simplefilter("ignore", UserWarning)
        scalar = PythonEvalType.SQL_SCALAR_ARROW_UDF
        spark.udf.register(JARO_WINKLER, arrow_udf(_jaro_winkler_batch, DoubleType(), scalar))
