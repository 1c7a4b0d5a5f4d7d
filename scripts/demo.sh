#!/usr/bin/env bash
# The demo without Docker in one command: starts PostgreSQL and the S3 test server if they are not
# running, builds the jar if there is none, and runs the service with the demo school on
# http://localhost:8080 (logins as in README.md). Ctrl-C stops the service; `scripts/services.sh stop`
# stops the rest.
set -euo pipefail
cd "$(dirname "$0")/.."
env_lines=$(scripts/services.sh start)
eval "$env_lines"
[ -f routes/target/journal-archive.jar ] || ./mvnw -B -q -DskipTests package
exec java -jar routes/target/journal-archive.jar serve --spring.profiles.active=demo "$@"
