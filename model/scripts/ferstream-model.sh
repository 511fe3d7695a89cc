#!/usr/bin/env bash
# Runs the model commands (train, release) from the built module without the deploy launcher:
#   model/scripts/ferstream-model.sh train --arch ref4 --out .ferstream/runs/ref4-s42
# Run from anywhere after `mvn -o -q -pl model install`. The module jar is copied (by content hash) to
# .ferstream/lib/ so that a rebuild of model/target during a long training run cannot disturb it; the dependency
# classpath is cached in .ferstream/lib/runtime.classpath. JAVA_OPTS adds JVM options (default -Xmx6g);
# OMP_NUM_THREADS defaults to the number of cores.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
lib="$root/.ferstream/lib"
mkdir -p "$lib"
jar="$root/model/target/ferstream-model-0.1.0-SNAPSHOT.jar"
[[ -f "$jar" ]] || { echo "build first: mvn -o -q -pl model install" >&2; exit 2; }
frozen="$lib/ferstream-model-$(sha256sum "$jar" | cut -c1-12).jar"
[[ -f "$frozen" ]] || cp "$jar" "$frozen"
cp_file="$lib/runtime.classpath"
if [[ ! -s "$cp_file" || "$root/model/pom.xml" -nt "$cp_file" || "$root/pom.xml" -nt "$cp_file" ]]; then
  (cd "$root" && mvn -o -q -pl model dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$cp_file" >/dev/null)
fi
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}"
exec java ${JAVA_OPTS:--Xmx6g} -Dferstream.repo.root="$root" -Dlogback.configurationFile="$root/model/scripts/logback.xml" \
  -cp "$frozen:$(cat "$cp_file")" io.ferstream.model.cli.ModelCli "$@"
