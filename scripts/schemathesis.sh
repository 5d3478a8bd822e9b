#!/usr/bin/env bash
# Runs schemathesis (pinned, in its own virtualenv) against a fresh `aula serve` on SQLite, as an
# admin, checking that no generated request gets a 5xx. Usage: scripts/schemathesis.sh [AULA_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."

# schemathesis 3.39 breaks with hypothesis releases after 6.115 ('many' object has no 'more').
VERSION=3.39.16
HYPOTHESIS=6.115.0
VENV="$HOME/.cache/aula-schemathesis-venv"
if ! "$VENV/bin/python" -c "import importlib.metadata as m; assert m.version('schemathesis') == '$VERSION' and m.version('hypothesis') == '$HYPOTHESIS'" 2>/dev/null; then
  echo "schemathesis: installing schemathesis==$VERSION hypothesis==$HYPOTHESIS"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q --no-cache-dir "schemathesis==$VERSION" "hypothesis==$HYPOTHESIS"
fi

AULA="${1:-${CARGO_TARGET_DIR:-target}/debug/aula}"
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export AULA_DATABASE_URL="sqlite://$work/aula.db?mode=rwc" AULA_LOG=warn
"$AULA" migrate
"$AULA" user create --email st-admin@aula.test --password "schemathesis pass" \
  --first-name Schema --last-name Thesis --role admin >/dev/null
"$AULA" serve --listen "127.0.0.1:$port" >"$work/serve.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.2; done
token=$(curl -fs -X POST "http://127.0.0.1:$port/api/auth/login" -H 'content-type: application/json' \
  -d '{"email":"st-admin@aula.test","password":"schemathesis pass"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')

# Logging out would end the run's own session; everything else is fair game.
"$VENV/bin/schemathesis" run "http://127.0.0.1:$port/api/openapi.json" \
  --experimental=openapi-3.1 \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
  --exclude-path /api/auth/logout \
  --header "Authorization: Bearer $token" \
  --hypothesis-max-examples "${SCHEMATHESIS_EXAMPLES:-30}" \
  --hypothesis-seed 20261203 \
  --hypothesis-suppress-health-check all \
  --no-color
