#!/usr/bin/env bash
# Makes the CoAP/DTLS certificate of the ThingsBoard service in docker-compose.yml, with the
# openssl CLI: a CA, and a server certificate (EC P-256, SHA-256) for the names devices and
# Keysmith use to reach it: thingsboard (inside compose), localhost and 127.0.0.1.
#
#   make-dtls-cert.sh [DTLS_DIR [CA_DIR]]
#
# DTLS_DIR (default ./dtls of the repository) is the folder compose mounts into ThingsBoard. It gets
# only what ThingsBoard reads: server.pem (certificate + CA), server_key.pem and ca.pem (served by
# ThingsBoard's CA download). The CA's private key goes to CA_DIR (default: DTLS_DIR followed by -ca,
# i.e. ./dtls-ca), owner-only: ThingsBoard never needs it, and it signs any later server certificate.
set -euo pipefail
# The thingsboard/tb-postgres image runs as the user thingsboard, uid 799 and group 799.
thingsboard_group=799
out=${1:-"$(cd "$(dirname "$0")/../../.." && pwd)/dtls"}
out=${out%/}
ca_dir=${2:-"$out-ca"}
ca_dir=${ca_dir%/}
for existing in "$out/server.pem" "$ca_dir/ca_key.pem"; do
	if [ -e "$existing" ]; then
		echo "$existing exists: delete $out/ and $ca_dir/ to make new ones" >&2
		exit 1
	fi
done
mkdir -p "$out" "$ca_dir"
chmod 755 "$out"
chmod 700 "$ca_dir"
# keys are created owner-only from the first byte; public files are opened up below
umask 077
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
openssl ecparam -name prime256v1 -genkey -noout -out "$ca_dir/ca_key.pem"
openssl req -x509 -new -key "$ca_dir/ca_key.pem" -sha256 -days 3650 -subj "/CN=Keysmith compose DTLS CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$out/ca.pem"
openssl ecparam -name prime256v1 -genkey -noout -out "$out/server_key.pem"
openssl req -new -key "$out/server_key.pem" -subj "/CN=thingsboard" -out "$work/server.csr"
cat > "$work/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:thingsboard,DNS:localhost,IP:127.0.0.1
EXT
openssl x509 -req -in "$work/server.csr" -CA "$out/ca.pem" -CAkey "$ca_dir/ca_key.pem" \
	-CAserial "$work/ca.srl" -CAcreateserial -sha256 -days 825 -extfile "$work/server.ext" -out "$work/server_cert.pem"
cat "$work/server_cert.pem" "$out/ca.pem" > "$out/server.pem"
chmod 644 "$out/server.pem" "$out/ca.pem"
chmod 600 "$ca_dir/ca_key.pem"

echo "Made $out/server.pem (certificate + CA), $out/server_key.pem and $out/ca.pem for ThingsBoard."
echo "The CA's private key is $ca_dir/ca_key.pem (owner-only): it stays out of ThingsBoard's container."
# ThingsBoard reads the server key as uid 799 / gid 799: give it the key's group, and no one else.
key="$out/server_key.pem"
if chgrp "$thingsboard_group" "$key" 2>/dev/null; then
	chmod 640 "$key"
	echo "$key: group $thingsboard_group (the ThingsBoard container's user), mode 640: readable by ThingsBoard, by no one else."
else
	chmod 600 "$key"
	echo "$key is owner-only (600) for now: ThingsBoard's container runs as uid $thingsboard_group, gid $thingsboard_group"
	echo "and cannot read it yet. Give the key to that group once, as root:"
	echo "    sudo chgrp $thingsboard_group $key && chmod 640 $key"
fi
echo "In Keysmith, trust $out/ca.pem: on the server page fetch it from ThingsBoard, and confirm its fingerprint"
echo "against: openssl x509 -in $out/ca.pem -noout -fingerprint -sha256"
