#!/usr/bin/env bash
# Lays out the runtime stage of docker/Dockerfile in a folder and starts it as the container would, without
# Docker: each COPY into OUT_DIR, each ENV exported, then ENTRYPOINT + CMD run from OUT_DIR with every absolute path
# of the image moved under it. The environment passes through, as `docker run -e` would pass it.
#
#   mvn -q -B -DskipTests -pl proxy-app -am package       # the build stage: proxy-app/target/imageguard.jar
#   IMAGEGUARD_ORIGIN_UPSTREAM=http://127.0.0.1:8000 docker/check-layout.sh /tmp/imageguard-image
#
# What differs from a real container: the user (USER is printed, not switched to), the network namespace (the
# ports are the host's), and the file system root: the image's /srv/site is OUT_DIR/srv/site, so unless the
# environment names an origin the script sets IMAGEGUARD_ORIGIN_ROOT to it. DockerLayoutIT runs this script.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
dockerfile="$repo/docker/Dockerfile"
out="${1:-$repo/docker/target/layout}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"

json_array() { # ["a", "b"] -> one element per line (our Dockerfile's arrays hold plain strings only)
  sed -E 's/^[[:space:]]*\[//; s/\][[:space:]]*$//' <<<"$1" | sed -E 's/"[[:space:]]*,[[:space:]]*"/"\n"/g' \
    | sed -E 's/^[[:space:]]*"//; s/"[[:space:]]*$//'
}

# The runtime stage: everything after the last FROM.
stage="$(awk '/^FROM /{buf=""} {buf=buf $0 "\n"} END{printf "%s", buf}' "$dockerfile")"
entrypoint=() cmd=()
while IFS= read -r line; do
  case "$line" in
    COPY\ --from=build\ *)
      read -r _ _ src dest <<<"$line"
      src="$repo/${src#/src/}"
      [ -e "$src" ] || { echo "check-layout: $src is missing; build it first: mvn -q -B -DskipTests -pl proxy-app -am package" >&2; exit 1; }
      mkdir -p "$(dirname "$out$dest")"; cp -R "$src" "$out$dest" ;;
    COPY\ *)
      read -r _ src dest <<<"$line"
      mkdir -p "$out$dest"; [ "${dest%/}" != "$dest" ] || rmdir "$out$dest"
      if [ -d "$repo/$src" ]; then cp -R "$repo/${src%/}/." "$out$dest"; else cp "$repo/$src" "$out$dest"; fi ;;
    ENV\ *)
      for pair in ${line#ENV }; do export "${pair?}"; done ;;
    USER\ *) echo "check-layout: the image runs as user ${line#USER } (not switched here)" >&2 ;;
    ENTRYPOINT\ *) mapfile -t entrypoint < <(json_array "${line#ENTRYPOINT }") ;;
    CMD\ *) mapfile -t cmd < <(json_array "${line#CMD }") ;;
  esac
done <<<"$stage"
[ ${#entrypoint[@]} -gt 0 ] || { echo "check-layout: no ENTRYPOINT [...] in the runtime stage of $dockerfile" >&2; exit 1; }

if [ -z "${IMAGEGUARD_ORIGIN_UPSTREAM:-}" ] && [ -z "${IMAGEGUARD_ORIGIN_ROOT:-}" ]; then
  export IMAGEGUARD_ORIGIN_ROOT="$out/srv/site"
fi
args=()
for arg in "${entrypoint[@]}" "${cmd[@]}"; do
  if [[ "$arg" == /* && -e "$out$arg" ]]; then args+=("$out$arg"); else args+=("$arg"); fi
done
cd "$out"
echo "check-layout: ${args[*]}" >&2
exec "${args[@]}"
