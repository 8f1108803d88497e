#!/usr/bin/env bash
# The relay measured as a new user meets it: the built jar started cold with a 512 MB heap on its embedded H2
# file database (or PostgreSQL: DATABASE=postgres), a CSV audience imported over HTTP, a 1.2 KB HTML newsletter,
# 4 lanes, Postfix's smtp-sink as the MTA; beside Postfix's smtp-source sending as many messages over 4 sessions
# to the same sink before and after (the faster counts). Needs the jar (./mvnw -DskipTests package), postfix, curl.
# Usage: bench/cold-jar.sh [recipients]   (default 100000)
set -euo pipefail
N=${1:-100000}
DIR=$(cd "$(dirname "$0")/.." && pwd)
JAR=$(ls "$DIR"/target/campaign-delivery-*.jar | grep -v plain | head -1)
WORK=$(mktemp -d)
SINK_PORT=${SINK_PORT:-25250}
APP_PORT=${APP_PORT:-8097}
API="http://127.0.0.1:$APP_PORT"
trap 'kill $APP $SINK 2>/dev/null || true; wait $APP 2>/dev/null || true; rm -rf "$WORK"' EXIT

/usr/sbin/smtp-sink -u postfix 127.0.0.1:$SINK_PORT 1024 & SINK=$!
sleep 0.5
source_seconds() {
  local s e
  s=$(date +%s.%N)
  /usr/sbin/smtp-source -s 4 -m "$N" -l 2000 -f news@example.com -t r@example.com 127.0.0.1:$SINK_PORT
  e=$(date +%s.%N)
  echo "$e - $s" | bc
}
REF1=$(source_seconds)

{
  echo "email,firstName,lastName,city"
  for ((i = 0; i < N; i++)); do echo "reader$i@example.com,First$i,Last$i,City$((i % 100))"; done
} > "$WORK/audience.csv"
HTML='<html><head><meta charset="utf-8"><title>News</title></head><body style="font-family:sans-serif"><h1>Hello {{firstName}} {{lastName}}</h1><p>Our spring collection has arrived in {{city}}. This week only, members get a tenth off every order, with free delivery above fifty euros and returns within thirty days.</p><table width="100%"><tr><td><a href="https://shop.example.com/new?c={{city}}">New arrivals</a></td><td><a href="https://shop.example.com/sale">The sale</a></td><td><a href="https://shop.example.com/stores">Find a store</a></td></tr></table><p>Your member number is {{email}}: show it at the till or enter it at checkout to get your discount. Opening hours, events and workshops near you are on our site. Members also hear first about private sales, repairs and the recycling of clothes worn out, in every store and online.</p><p>See you soon, the Example Shop team</p><p style="font-size:small;color:#666">You receive this newsletter because you subscribed on shop.example.com. Example Shop, 1 Market Street, 75001 Paris. <a href="https://shop.example.com/unsubscribe">Unsubscribe</a></p></body></html>'

DB_ARGS=()
if [ "${DATABASE:-h2}" = postgres ]; then
  psql -h 127.0.0.1 -U postgres -qc "drop database if exists cold_jar" -c "create database cold_jar" >/dev/null
  DB_ARGS=(--spring.profiles.active=postgres --spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/cold_jar
    --spring.datasource.username=postgres --spring.datasource.password=)
fi
START=$(date +%s.%N)
(cd "$WORK" && exec java -Xmx512m ${JAVA_OPTS:-} -jar "$JAR" --server.port=$APP_PORT --spring.mail.host=127.0.0.1 \
  --spring.mail.port=$SINK_PORT --delivery.mta.sandbox.enabled=false --logging.level.root=WARN "${DB_ARGS[@]}" \
  > "$WORK/app.log" 2>&1) & APP=$!
until curl -sf "$API/actuator/health" >/dev/null; do sleep 0.2; done
echo "started in $(echo "$(date +%s.%N) - $START" | bc) s"

AUDIENCE=$(curl -sf -u preparer:preparer -H 'Content-Type: text/csv' --data-binary @"$WORK/audience.csv" \
  "$API/api/audiences?name=cold" | sed 's/.*"id":"\([^"]*\)".*/\1/')
BODY=$(printf '{"label":"Cold start","from":"news@example.com","subject":"Hello {{firstName}}","html":"%s","audienceId":"%s","approvalMode":"AUTOMATIC"}' \
  "$(printf '%s' "$HTML" | sed 's/"/\\"/g')" "$AUDIENCE")
ID=$(curl -sf -u preparer:preparer -H 'Content-Type: application/json' -d "$BODY" "$API/api/deliveries" \
  | sed 's/.*"id":"\([^"]*\)".*/\1/')
status() { curl -sf -u preparer:preparer "$API/api/deliveries/$ID" | sed 's/.*"status":"\([A-Z_]*\)".*/\1/'; }
until [ "$(status)" = AWAITING_CONFIRMATION ]; do sleep 0.2; done
T0=$(date +%s.%N)
curl -sf -u starter:starter -H 'Content-Type: application/json' -d '{"confirmed":true}' \
  "$API/api/deliveries/$ID/confirmation"
until [ "$(status)" = SENT ]; do sleep 0.2; done
RELAY=$(echo "$(date +%s.%N) - $T0" | bc)

REF2=$(source_seconds)
REF=$(echo "if ($REF1 < $REF2) $REF1 else $REF2" | bc)
printf 'cold jar, %d recipients, %s, -Xmx512m, 4 lanes, smtp-sink\n' "$N" "${DATABASE:-h2}"
printf '  relay (confirmation to SENT)        %8.0f messages/s (%.1f s)\n' "$(echo "$N / $RELAY" | bc -l)" "$RELAY"
printf '  reference: smtp-source, 4 sessions  %8.0f messages/s (%.1f s, faster of %.1f and %.1f s)\n' \
  "$(echo "$N / $REF" | bc -l)" "$REF" "$REF1" "$REF2"
printf '  relay / reference = %.2f\n' "$(echo "$REF / $RELAY" | bc -l)"
