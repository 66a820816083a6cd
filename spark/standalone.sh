#!/usr/bin/env bash
# spark/standalone.sh — starts a Spark standalone master and two workers (one core each) on
# 127.0.0.1 from the Maven jars, trains on them, and stops them again.
#
#   spark/standalone.sh [--submit] [--workers N] [--average-every K] [recur train options ...]
#
# Default: `recur train --spark spark://127.0.0.1:PORT` (the command line as the driver), shipping
# Recur's jars to the executors as on any cluster (spark.jars). With --submit: the same run as an
# application of its own, handed to Spark's submit (org.apache.spark.deploy.SparkSubmit, what the
# spark-submit script runs) with the example main io.recur.spark.example.SparkCharacterModel; then
# the options after --submit are that program's: EPOCHS WORKERS AVERAGE_EVERY [OUT].
#
# The workers' Spark home (spark/target/standalone/home) holds Spark's jars but not Recur's or ND4J's,
# like a cluster's. Logs: spark/target/standalone/logs. Environment: RECUR_SPARK_PORT (7077),
# RECUR_SPARK_WORKER_MEMORY (2g).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BASE="$ROOT/spark/target/standalone"
PORT="${RECUR_SPARK_PORT:-7077}"
MEMORY="${RECUR_SPARK_WORKER_MEMORY:-2g}"
MASTER="spark://127.0.0.1:$PORT"

SUBMIT=0
if [ "${1:-}" = "--submit" ]; then SUBMIT=1; shift; fi

# Build the command line (examples/target/lib holds Spark) and the jars an application ships (spark/target).
"$ROOT/recur" --version >/dev/null
if [ ! -f "$ROOT/spark/target/recur-spark.jar" ] || [ ! -d "$ROOT/spark/target/lib" ]; then
  (cd "$ROOT" && mvn -q -B -DskipTests -pl spark -am package)
fi
LIBS="$(ls "$ROOT"/spark/target/lib/*.jar | paste -sd, -)"

# A Spark home: a RELEASE file and jars/ (Spark and its dependencies; Recur's stack is shipped instead).
rm -rf "$BASE/home" && mkdir -p "$BASE/home/jars" "$BASE/logs" "$BASE/work"
echo "Spark (Maven jars) for Recur's standalone script" > "$BASE/home/RELEASE"
for jar in "$ROOT"/examples/target/lib/*.jar; do
  case "$(basename "$jar")" in
    recur-*|nd4j-*|javacpp-*|openblas-*|onnxruntime-*|tribuo-*|guice-*|gson-*|picocli-*|progressbar-*|xchart-*|flatbuffers-*) ;;
    *) ln -s "$jar" "$BASE/home/jars/" ;;
  esac
done

export SPARK_HOME="$BASE/home" SPARK_LOCAL_IP=127.0.0.1 SPARK_SCALA_VERSION=2.13
PIDS=()
stop() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap stop EXIT

java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.master.Master --host 127.0.0.1 --port "$PORT" --webui-port 0 \
  > "$BASE/logs/master.log" 2>&1 &
PIDS+=($!)
for i in 1 2; do
  java -cp "$SPARK_HOME/jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 --cores 1 --memory "$MEMORY" \
    --webui-port 0 --work-dir "$BASE/work" "$MASTER" > "$BASE/logs/worker-$i.log" 2>&1 &
  PIDS+=($!)
done
for _ in $(seq 1 120); do
  [ "$(grep -c 'Registering worker' "$BASE/logs/master.log" 2>/dev/null || true)" -ge 2 ] && break
  sleep 1
done
if [ "$(grep -c 'Registering worker' "$BASE/logs/master.log" || true)" -lt 2 ]; then
  echo "standalone.sh: the master at $MASTER did not see two workers within 120 s; see $BASE/logs" >&2
  exit 1
fi
echo "standalone.sh: master $MASTER with 2 workers (1 core, $MEMORY each); logs in $BASE/logs" >&2

# Executors: one core and the workers' memory each, one OpenMP thread (SparkTrainer sets that for
# its own contexts; the submitted application gets it here).
SPARK_OPTS=(-Dspark.driver.host=127.0.0.1 -Dspark.driver.bindAddress=127.0.0.1 -Dspark.executor.cores=1
  -Dspark.executor.memory="$MEMORY" -Dspark.ui.enabled=false)
if [ "$SUBMIT" = 1 ]; then
  java -cp "$SPARK_HOME/jars/*" "${SPARK_OPTS[@]}" -Dspark.executorEnv.OMP_NUM_THREADS=1 \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.log.io.recur=info \
    org.apache.spark.deploy.SparkSubmit --master "$MASTER" --class io.recur.spark.example.SparkCharacterModel \
    --jars "$LIBS" "$ROOT/spark/target/recur-spark.jar" "$@"
else
  JAVA_OPTS="${JAVA_OPTS:-} ${SPARK_OPTS[*]} -Dspark.jars=$ROOT/spark/target/recur-spark.jar,$LIBS" \
    "$ROOT/recur" train --spark "$MASTER" "$@"
fi
