#!/usr/bin/env bash
# Makes the CoAP/DTLS certificate of the ThingsBoard service in docker-compose.yml, with the
# openssl CLI: a CA, and a server certificate (EC P-256, SHA-256) for the names devices and
# Keysmith use to reach it: thingsboard (inside compose), localhost and 127.0.0.1.
# Writes ca.pem, server.pem (certificate + CA) and server_key.pem into ./dtls of the repository,
# or into the folder given as the first argument.
set -euo pipefail
out=${1:-"$(cd "$(dirname "$0")/../../.." && pwd)/dtls"}
mkdir -p "$out"
if [ -e "$out/server.pem" ]; then
	echo "$out/server.pem exists: delete $out/ to make new ones" >&2
	exit 1
fi
openssl ecparam -name prime256v1 -genkey -noout -out "$out/ca_key.pem"
openssl req -x509 -new -key "$out/ca_key.pem" -sha256 -days 3650 -subj "/CN=Keysmith compose DTLS CA" \
	-addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" -out "$out/ca.pem"
openssl ecparam -name prime256v1 -genkey -noout -out "$out/server_key.pem"
openssl req -new -key "$out/server_key.pem" -subj "/CN=thingsboard" -out "$out/server.csr"
cat > "$out/server.ext" <<EXT
basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:thingsboard,DNS:localhost,IP:127.0.0.1
EXT
openssl x509 -req -in "$out/server.csr" -CA "$out/ca.pem" -CAkey "$out/ca_key.pem" -CAcreateserial -sha256 \
	-days 825 -extfile "$out/server.ext" -out "$out/server_cert.pem"
cat "$out/server_cert.pem" "$out/ca.pem" > "$out/server.pem"
rm -f "$out/server.csr" "$out/server.ext" "$out/server_cert.pem" "$out/ca.srl"
# the ThingsBoard container runs as its own user: it must be able to read the key
chmod 644 "$out/server_key.pem"
chmod 600 "$out/ca_key.pem"
echo "Made $out/server.pem and $out/server_key.pem; trust $out/ca.pem in Keysmith (server page: paste or fetch it)."
