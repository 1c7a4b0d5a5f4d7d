#!/usr/bin/env bash
# Starts what the tests and a local run need and is not running yet: PostgreSQL and the S3 test
# server (Ceph radosgw, which enforces object lock; see ../shared/docs/STACK.md). Prints the
# environment to use. Usage: scripts/services.sh start|stop|status|s3-stop|s3-start
# (s3-stop and s3-start take only the S3 gateway down and up again: the tests' outage of S3.)
set -euo pipefail

STATE=${JA_SERVICES_DIR:-/var/tmp/journal-archive-services}
CEPH_DIR="$STATE/ceph"
PG_USER=journal_archive
PG_DB=journal_archive
S3_PORT=7480
S3_ACCESS_KEY=journal-archive-test
S3_SECRET_KEY=journal-archive-test-secret
mkdir -p "$STATE"

log() { echo "services: $*" >&2; }

pg_running() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

start_postgres() {
  if ! pg_running; then
    command -v pg_ctlcluster >/dev/null || { log "PostgreSQL is not installed (apt-get install postgresql)"; exit 1; }
    local version
    version=$(ls /etc/postgresql | sort -V | tail -1)
    if ! pg_lsclusters -h | awk '{print $2}' | grep -qx main; then pg_createcluster "$version" main; fi
    log "starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
    for _ in $(seq 30); do pg_running && break; sleep 1; done
    echo "$version" > "$STATE/postgres-started"
  fi
  # A role that may create the tests' throw-away databases.
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'\"" | grep -q 1 \
    || su postgres -c "psql -qc \"CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_USER'\""
  su postgres -c "psql -qtAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DB'\"" | grep -q 1 \
    || su postgres -c "createdb -O $PG_USER $PG_DB"
}

s3_running() { curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" 2>/dev/null; }

start_radosgw() {
  if s3_running; then return; fi
  if ! command -v radosgw >/dev/null; then
    log "Ceph radosgw is not installed: apt-get install ceph-mon ceph-osd radosgw uuid-runtime"
    return 1
  fi
  log "starting Ceph radosgw (S3 with object lock) on 127.0.0.1:$S3_PORT"
  touch "$STATE/radosgw-started"
  mkdir -p "$CEPH_DIR"/{mon,osd,rgw,run,log}
  local fsid conf="$CEPH_DIR/ceph.conf"
  fsid=$(cat "$CEPH_DIR/fsid" 2>/dev/null || { uuidgen | tee "$CEPH_DIR/fsid"; })
  cat > "$conf" <<CONF
[global]
fsid = $fsid
mon host = [v2:127.0.0.1:3300,v1:127.0.0.1:6789]
mon initial members = a
public addr = 127.0.0.1
osd crush chooseleaf type = 0
auth cluster required = none
auth service required = none
auth client required = none
ms mon client mode = crc
osd pool default size = 1
osd pool default min size = 1
mon allow pool size one = true
mon warn on pool no redundancy = false
osd objectstore = memstore
memstore device bytes = 2147483648
run dir = $CEPH_DIR/run
log file = $CEPH_DIR/log/\$name.log
[mon.a]
mon data = $CEPH_DIR/mon
[osd.0]
osd data = $CEPH_DIR/osd
[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:$S3_PORT
rgw data = $CEPH_DIR/rgw
client mount timeout = 30
ms mon client mode = crc
CONF
  if [ ! -f "$CEPH_DIR/mon/done" ]; then
    monmaptool --create --clobber --addv a '[v2:127.0.0.1:3300,v1:127.0.0.1:6789]' --fsid "$fsid" "$CEPH_DIR/monmap" >/dev/null
    ceph-mon -c "$conf" --mkfs -i a --monmap "$CEPH_DIR/monmap"
    touch "$CEPH_DIR/mon/done"
  fi
  ceph-mon -c "$conf" -i a 2>>"$CEPH_DIR/log/daemons.err"
  if [ ! -f "$CEPH_DIR/osd/done" ]; then
    local osd_uuid
    osd_uuid=$(uuidgen)
    ceph -c "$conf" osd create "$osd_uuid" 0 >/dev/null
    ceph-osd -c "$conf" -i 0 --mkfs --osd-uuid "$osd_uuid" 2>>"$CEPH_DIR/log/daemons.err"
    touch "$CEPH_DIR/osd/done"
  fi
  ceph-osd -c "$conf" -i 0 2>>"$CEPH_DIR/log/daemons.err"
  start_gateway || { log "see $CEPH_DIR/log"; return 1; }
  # The first user creation can time out while the cluster is still creating rgw's pools.
  for attempt in 1 2 3 4 5; do
    radosgw-admin -c "$conf" user info --uid=journal-archive >/dev/null 2>&1 && return 0
    radosgw-admin -c "$conf" user create --uid=journal-archive --display-name="Journal archive tests" \
      --access-key="$S3_ACCESS_KEY" --secret-key="$S3_SECRET_KEY" >/dev/null 2>>"$CEPH_DIR/log/daemons.err" && return 0
    log "creating the S3 user failed (attempt $attempt), trying again"
    sleep 5
  done
  log "could not create the S3 user; see $CEPH_DIR/log"; return 1
}

# The gateway alone, for outage tests: the cluster behind it (mon, osd) keeps the data.
stop_gateway() {
  pkill -9 -f "radosgw -c $CEPH_DIR" || true
  for _ in $(seq 15); do s3_running || return 0; sleep 1; done
  log "radosgw still answers"; return 1
}

# A slow machine may need minutes for the first start, which also creates rgw's pools.
start_gateway() {
  s3_running && return 0
  radosgw -c "$CEPH_DIR/ceph.conf" -n client.rgw.a 2>>"$CEPH_DIR/log/daemons.err"
  for _ in $(seq 180); do s3_running && return 0; sleep 1; done
  log "radosgw did not answer within 180 s"; return 1
}

stop_all() {
  if [ -f "$STATE/radosgw-started" ]; then
    local pattern="(radosgw|ceph-osd|ceph-mon) -c $CEPH_DIR"
    pkill -f "$pattern" || true
    for _ in $(seq 15); do pgrep -f "$pattern" >/dev/null || break; sleep 1; done
    pkill -9 -f "$pattern" || true
    rm -rf "$CEPH_DIR" "$STATE/radosgw-started"
  fi
  if [ -f "$STATE/postgres-started" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(cat "$STATE/postgres-started")" main stop || true
    rm -f "$STATE/postgres-started"
  fi
}

print_env() {
  cat <<ENV
export DB_URL=jdbc:postgresql://127.0.0.1:5432/$PG_DB
export DB_USER=$PG_USER
export DB_PASSWORD=$PG_USER
export S3_ENDPOINT=http://127.0.0.1:$S3_PORT
export S3_ACCESS_KEY=$S3_ACCESS_KEY
export S3_SECRET_KEY=$S3_SECRET_KEY
export S3_REGION=us-east-1
ENV
}

case "${1:-}" in
  start) start_postgres; start_radosgw; print_env ;;
  stop) stop_all ;;
  status)
    pg_running && log "PostgreSQL: running" || log "PostgreSQL: not running"
    s3_running && log "S3 (radosgw): running on $S3_PORT" || log "S3 (radosgw): not running"
    print_env ;;
  s3-stop) stop_gateway ;;
  s3-start) start_gateway ;;
  *) echo "usage: $0 start|stop|status|s3-stop|s3-start" >&2; exit 64 ;;
esac
