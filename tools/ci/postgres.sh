# Starts Debian's PostgreSQL 15 cluster on 127.0.0.1 and creates a superuser "portal" for tests.
# Sets PG_URL. Sourced by .ci/run (and by tests that need a real server).
start_postgres() {
  local SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if ! pg_lsclusters 2>/dev/null | grep -q "^15 *main"; then
    $SUDO pg_createcluster 15 main >/dev/null
  fi
  $SUDO pg_ctlcluster --skip-systemctl-redirect 15 main start 2>/dev/null || true
  for _ in $(seq 1 30); do
    pg_isready -h 127.0.0.1 -p 5432 -q && break
    sleep 1
  done
  local AS_PG=(sudo -u postgres); [ "$(id -u)" -eq 0 ] && AS_PG=(runuser -u postgres --)
  "${AS_PG[@]}" psql -h 127.0.0.1 -q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal'; END IF; END \$\$;" >/dev/null 2>&1 \
    || "${AS_PG[@]}" psql -q -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'portal') THEN CREATE ROLE portal LOGIN SUPERUSER PASSWORD 'portal'; END IF; END \$\$;" >/dev/null
  export PG_URL="postgresql://portal:portal@127.0.0.1:5432/postgres"
}
