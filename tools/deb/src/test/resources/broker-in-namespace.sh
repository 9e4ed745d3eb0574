#!/bin/bash
# The packaged rig on its packaged broker, for real: installs the .deb with dpkg in a private mount AND
# network namespace (/etc, /var, /usr and /run throw-away; a network of its own whose only interface is
# loopback, so the broker's fixed ports 8883 and 8884 meet nothing on the machine), starts Debian's
# Mosquitto with the configuration the package installed (directly: no systemd here) and the service
# as the liana-rig user on the virtual rig, then attacks it with the mosquitto clients. Run by
# PackagedBrokerIT as
#   unshare -m -n --propagation private broker-in-namespace.sh DEB JAVA_HOME
# Prints "SETUP-OK" once the namespace is ready, "step NAME" before each step, and one line per
# finding; the IT judges them. Everything vanishes when the namespace ends.
set -euo pipefail
deb="$1"
java_home="$2"
scratch="$(mktemp -d)"
mount -t tmpfs tmpfs "$scratch"
for d in etc var usr; do
    mkdir -p "$scratch/$d-up" "$scratch/$d-work"
    mount -t overlay overlay -o "lowerdir=/$d,upperdir=$scratch/$d-up,workdir=$scratch/$d-work" "/$d"
done
# a /run of our own: Mosquitto's pid file, and no machine systemd for the maintainer scripts to reach
mount -t tmpfs tmpfs /run
mkdir -p "$scratch/tmp" && chmod 1777 "$scratch/tmp"
ip link set lo up
touch /etc/.liana-rig-broker-namespace-probe
echo SETUP-OK
rm -f /var/lib/man-db/auto-update

as_rig() {
    setpriv --reuid=liana-rig --regid=liana-rig --init-groups \
        env -i HOME=/var/lib/liana-rig JAVA_HOME="$java_home" PATH=/usr/bin:/bin sh -c "$*"
}
R=liana/v1/my-studio/rig-1
CA=/etc/mosquitto/liana-rig/ca.pem
T="$scratch/tmp"
# a client of the broker's TLS listener: pub/sub/rr USER PASSWORD ARGS...
mq() {
    tool="$1" user="$2" password="$3"
    shift 3
    "mosquitto_$tool" -h 127.0.0.1 -p 8883 --cafile "$CA" -u "$user" -P "$password" "$@"
}
cleanup() {
    [ -n "${rig_pid:-}" ] && kill -9 "$rig_pid" 2>/dev/null || true
    [ -n "${broker_pid:-}" ] && kill "$broker_pid" 2>/dev/null || true
}
trap cleanup EXIT

echo "step install"
# the Java dependency is checked by DebPackageIT; this machine's JDK may not come from a package
dpkg --force-depends -i "$deb" >/dev/null
dpkg-query -W -f='status ${Status}\n' liana-rig
stat -c 'file %n %U:%G %a' $CA /etc/mosquitto/liana-rig/ca.key /etc/mosquitto/liana-rig/server.pem \
    /etc/mosquitto/liana-rig/server.key /etc/mosquitto/liana-rig/passwd /etc/liana-rig/mqtt-password \
    /etc/liana-rig/mqtt-pairing-password \
    /var/lib/mosquitto/liana-rig-dynsec.json /etc/mosquitto/conf.d/liana-rig-dynsec.conf
echo "verify $(openssl verify -CAfile $CA /etc/mosquitto/liana-rig/server.pem)"
openssl x509 -in /etc/mosquitto/liana-rig/server.pem -noout -ext subjectAltName | tail -1 | sed 's/^ */san /'
grep -c '^liana-rig:\$7\$' /etc/mosquitto/liana-rig/passwd | sed 's/^/rig password lines /'
grep -c '^liana-rig-pairing:\$7\$' /etc/mosquitto/liana-rig/passwd | sed 's/^/pairing password lines /'

echo "step reinstall"
# an upgrade (here: the same version again) keeps the certificate and the rig's password
sum_before="$(md5sum $CA /etc/mosquitto/liana-rig/server.pem /etc/liana-rig/mqtt-password)"
dpkg --force-depends -i "$deb" >/dev/null
[ "$sum_before" = "$(md5sum $CA /etc/mosquitto/liana-rig/server.pem /etc/liana-rig/mqtt-password)" ] && echo "certificate and password kept"

echo "step users"
# as docs/install.md tells a studio: a password for each panel and studio system (and a second studio
# system, with its own block in the acl)
for u in trainer-tablet studio monitor; do
    mosquitto_passwd -b /etc/mosquitto/liana-rig/passwd "$u" "pw-$u"
done
printf '\nuser monitor\ntopic read liana/v1/#\ntopic deny liana/v1/+/+/panel/#\n' >> /etc/mosquitto/liana-rig/acl

echo "step broker"
mkdir -p /run/mosquitto && chown mosquitto:mosquitto /run/mosquitto
mosquitto -c /etc/mosquitto/mosquitto.conf &
broker_pid=$!
for _ in $(seq 1 50); do
    mq pub monitor pw-monitor -t "$R/probe" -m x 2>/dev/null && break
    sleep 0.2
done
grep -q 'Opening ipv4 listen socket on port 8883' /var/log/mosquitto/mosquitto.log && echo "listening 8883"
grep -q 'Opening websockets listen socket on port 8884' /var/log/mosquitto/mosquitto.log && echo "listening 8884"

echo "step plain"
# TLS only: plain MQTT on the studio listener is refused, and nothing listens on 1883
mosquitto_pub -h 127.0.0.1 -p 8883 -u monitor -P pw-monitor -t "$R/probe" -m x -q 1 2>/dev/null \
    && echo "plain MQTT accepted on 8883" || echo "plain MQTT refused on 8883"
mosquitto_pub -h 127.0.0.1 -p 1883 -u monitor -P pw-monitor -t "$R/probe" -m x 2>/dev/null \
    && echo "1883 open" || echo "1883 closed"
mq pub monitor wrong-password -t "$R/probe" -m x 2>/dev/null && echo "wrong password accepted" || echo "wrong password refused"
mosquitto_pub -h 127.0.0.1 -p 8883 --cafile "$CA" -t "$R/probe" -m x 2>/dev/null \
    && echo "anonymous accepted" || echo "anonymous refused"
# the secure WebSocket listener: a TLS handshake the rig CA verifies, and an MQTT WebSocket upgrade
echo | openssl s_client -connect 127.0.0.1:8884 -CAfile "$CA" -verify_return_error 2>/dev/null \
    | grep -m1 'Verify return code' | sed 's/^ */wss /'
here="$(dirname "$(readlink -f "$0")")"
/usr/bin/python3 "$here/wss-connect.py" 127.0.0.1 8884 "$CA" monitor pw-monitor | sed 's/^/wss /'
/usr/bin/python3 "$here/wss-connect.py" 127.0.0.1 8884 "$CA" monitor wrong-password | sed 's/^/wss wrong password /'

echo "step service"
# the web panel on loopback (plain HTTP is allowed there), its page pointed at the broker's WebSocket
# listener, and pairing giving each device its broker login (the commented block of the packaged rig file)
cat >> /etc/liana-rig/rig.yaml <<'YAML'
web:
  host: 127.0.0.1
  port: 8080
  brokerUrl: wss://127.0.0.1:8884/mqtt
  pairedUsers:
    username: liana-rig-pairing
    passwordFile: /etc/liana-rig/mqtt-pairing-password
YAML
# started directly, not through as_rig: setpriv, env, the launcher and the JVM then all exec in turn,
# so $! is the JVM itself (kill -9 below, and the clean-up, must reach the JVM, not a shell around it)
setpriv --reuid=liana-rig --regid=liana-rig --init-groups env -i HOME=/var/lib/liana-rig JAVA_HOME="$java_home" \
    PATH=/usr/bin:/bin rig run --config /etc/liana-rig/rig.yaml --virtual > "$T/rig.out" 2>&1 &
rig_pid=$!
for _ in $(seq 1 180); do
    grep -q 'service started' "$T/rig.out" && break
    kill -0 "$rig_pid" 2>/dev/null || break
    sleep 0.5
done
grep -q 'service started' "$T/rig.out" && echo "service started" || { echo "service did not start"; cat "$T/rig.out"; exit 1; }
echo "rig status $(mq sub monitor pw-monitor -t "$R/status" -C 1 -W 10)"

echo "step panel"
# a configured panel commands: the rig replies on its reply topic
echo "panel reply $(mq rr trainer-tablet pw-trainer-tablet -t "$R/cmd/trainer-tablet" -e "$R/reply/trainer-tablet" \
    -m '{"command":"hello"}' -W 10 || echo none)"

echo "step web pairing"
# rig panel-pair makes a code, the phone redeems it on the web panel, gets its id and secret and
# commands the rig over the packaged broker; revoked from the command line, the broker shuts it out
code="$(as_rig "rig panel-pair --config /etc/liana-rig/rig.yaml --no-qr" | sed -n 's/.*device: \([0-9]\{4\} [0-9]\{4\}\).*/\1/p')"
curl -sS --max-time 20 -X POST -H 'Content-Type: application/json' -d "{\"code\":\"$code\",\"deviceName\":\"phone\"}" \
    http://127.0.0.1:8080/api/pair > "$T/pair.json" 2>&1 || true
web_id="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["panelId"])' "$T/pair.json" 2>/dev/null || true)"
web_secret="$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["secret"])' "$T/pair.json" 2>/dev/null || true)"
echo "web paired ${web_id:-none: $(cat "$T/pair.json")}"
echo "web paired reply $(mq rr "$web_id" "$web_secret" -t "$R/cmd/$web_id" -e "$R/reply/$web_id" \
    -m '{"command":"hello"}' -W 10 || echo none)"
as_rig "rig panel-pair --config /etc/liana-rig/rig.yaml --revoke $web_id" > /dev/null
revoked_after=none
for i in $(seq 1 40); do
    if ! mq pub "$web_id" "$web_secret" -t "$R/cmd/$web_id" -m '{"command":"hello"}' 2>/dev/null; then
        revoked_after="$((i * 250)) ms"
        break
    fi
    sleep 0.25
done
echo "web revoked refused within $revoked_after"

echo "step acl"
# a studio user cannot put a command on a panel's topic: the broker drops it, the rig never replies
mq sub monitor pw-monitor -t "$R/reply/#" -t "$R/cmd/#" -v -W 6 > "$T/acl.txt" 2>/dev/null &
watcher=$!
sleep 1
mq pub studio pw-studio -t "$R/cmd/trainer-tablet" -m '{"command":"stop","note":"from-studio"}'
mq pub studio pw-studio -t "$R/cmd/studio" -m '{"command":"stop","note":"from-studio"}'
# nor can a panel on another panel's topic
mq pub trainer-tablet pw-trainer-tablet -t "$R/cmd/tech-laptop" -m '{"command":"stop","note":"from-trainer-tablet"}'
# nor can anyone but the rig write the rig's topics
mq pub studio pw-studio -t "$R/status" -r -m '{"status":"offline","reason":"spoofed"}'
mq pub trainer-tablet pw-trainer-tablet -t "$R/reply/trainer-tablet" -m '{"spoofed":true}'
# while the panel's own command goes through and is answered (the watcher does see what passes)
mq pub trainer-tablet pw-trainer-tablet -t "$R/cmd/trainer-tablet" -m '{"command":"hello"}'
wait "$watcher" || true
sed 's/^/acl seen /' "$T/acl.txt"
echo "status after spoof $(mq sub monitor pw-monitor -t "$R/status" -C 1 -W 5)"

echo "step takeover"
# clients asking for the rig's client id (its default id, and its user name) get their own user name
# as id instead: the rig's connection stays
mq sub trainer-tablet pw-trainer-tablet -t "$R/status" -v -W 8 > "$T/takeover.txt" 2>/dev/null &
watcher=$!
sleep 1
mq sub studio pw-studio -i liana-v1-my-studio-rig-1 -t "$R/status" -W 2 > /dev/null 2>&1 || true
mq sub studio pw-studio -i liana-rig -t "$R/status" -W 2 > /dev/null 2>&1 || true
mq pub liana-rig wrong-password -t "$R/status" -m x 2>/dev/null && echo "rig user with a wrong password accepted" \
    || echo "rig user with a wrong password refused"
wait "$watcher" || true
echo "takeover offline seen $(grep -c offline "$T/takeover.txt" || true)"
echo "takeover rig dropped $(grep -c 'already connected, closing old connection' /var/log/mosquitto/mosquitto.log || true)"
echo "after takeover reply $(mq rr trainer-tablet pw-trainer-tablet -t "$R/cmd/trainer-tablet" -e "$R/reply/trainer-tablet" \
    -m '{"command":"hello"}' -W 10 || echo none)"

echo "step paired"
# a device paired with the web panel is a dynamic-security client the pairing user makes (as the
# service does when it pairs one): it may publish its own command topic only; deleting it shuts it out.
# A studio user cannot make one (the rig's own user cannot either: DebPackageIT reads the ACL; a
# second connection as the rig's user here would replace the rig's).
pairing_pw="$(cat /etc/liana-rig/mqtt-pairing-password)"
ctrl() {
    mosquitto_ctrl -h 127.0.0.1 -p 8883 --cafile "$CA" -u "$1" -P "$2" dynsec "${@:3}" 2>/dev/null
}
ctrl liana-rig-pairing "$pairing_pw" createRole panel-web-7kq2xp
ctrl liana-rig-pairing "$pairing_pw" addRoleACL panel-web-7kq2xp publishClientSend "$R/cmd/web-7kq2xp" allow
ctrl liana-rig-pairing "$pairing_pw" createClient web-7kq2xp -p pw-web
ctrl liana-rig-pairing "$pairing_pw" addClientRole web-7kq2xp panel-web-7kq2xp
ctrl studio pw-studio createClient web-intruder -p pw-intruder || true
mq sub monitor pw-monitor -t "$R/cmd/#" -v -W 5 > "$T/paired.txt" 2>/dev/null &
watcher=$!
sleep 1
mq pub web-7kq2xp pw-web -t "$R/cmd/web-7kq2xp" -m '{"command":"hello"}' && echo "paired connected"
mq pub web-7kq2xp pw-web -t "$R/cmd/trainer-tablet" -m '{"command":"stop"}' || true
mq pub web-intruder pw-intruder -t "$R/cmd/web-7kq2xp" -m x 2>/dev/null && echo "intruder connected" || echo "intruder refused"
wait "$watcher" || true
sed 's/^/paired seen /' "$T/paired.txt"
ctrl liana-rig-pairing "$pairing_pw" deleteClient web-7kq2xp
mq pub web-7kq2xp pw-web -t "$R/cmd/web-7kq2xp" -m x 2>/dev/null && echo "revoked accepted" || echo "revoked refused"

echo "step crash"
# kill -9: no controlled stop, no goodbye; the broker publishes the rig's retained last will
mq sub monitor pw-monitor -t "$R/status" -v -W 15 > "$T/crash.txt" 2>/dev/null &
watcher=$!
sleep 1
if ! kill -0 "$rig_pid" 2>/dev/null; then
    echo "the service ended before the crash step:"
    tail -40 "$T/rig.out"
    exit 1
fi
tr '\0' ' ' < "/proc/$rig_pid/cmdline" | grep -q 'rig.jar run' && echo "kill -9 reaches the JVM"
kill -9 "$rig_pid"
wait "$rig_pid" 2>/dev/null || true
rig_pid=""
for _ in $(seq 1 50); do
    grep -q offline "$T/crash.txt" && break
    sleep 0.2
done
kill "$watcher" 2>/dev/null || true
grep offline "$T/crash.txt" | sed 's/^/crash /' || { echo "no will:"; cat "$T/crash.txt"; tail -30 /var/log/mosquitto/mosquitto.log; }
echo "retained $(mq sub monitor pw-monitor -t "$R/status" -C 1 -W 5)"
grep -i -E 'error|warning' /var/log/mosquitto/mosquitto.log | sed 's/^/broker log /' || true
echo "step done"
