#!/usr/bin/env bash
# Tries the drop-in filter jar in Debian's stock Tomcat 10.1 by hand: builds the jar, makes a private CATALINA_BASE
# under tests/target/stock-tomcat (see make-catalina-base.sh), prints the URLs to try and runs Tomcat in the
# foreground until Ctrl-C. Needs the Debian packages tomcat10, imagemagick and libimage-exiftool-perl.
#
# Usage: tests/tomcat/run-stock-tomcat.sh [PORT]     (default 8080)
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${1:-8080}
export CATALINA_HOME=${CATALINA_HOME:-/usr/share/tomcat10}
[ -x "$CATALINA_HOME/bin/catalina.sh" ] || { echo "no Tomcat in $CATALINA_HOME: apt-get install tomcat10" >&2; exit 1; }

mvn -q -DskipTests -pl filter -am package
jars=(filter/target/imageguard-filter-*-all.jar)
[ ${#jars[@]} -eq 1 ] || { echo "expected one -all jar in filter/target, found: ${jars[*]}" >&2; exit 1; }

base=tests/target/stock-tomcat
rm -rf "$base"
tests/tomcat/make-catalina-base.sh "$base" "$port" "${jars[0]}"
export CATALINA_BASE="$PWD/$base"

cat <<MESSAGE
CATALINA_BASE=$CATALINA_BASE (logs in $CATALINA_BASE/logs)
Try:
  curl -sI http://127.0.0.1:$port/images/photo.jpg        # X-ImageGuard, X-Robots-Tag, tdm-reservation
  curl -s http://127.0.0.1:$port/images/photo.jpg | exiftool -b -XMP -    # plus:DataMining, dc:rights
  curl -s http://127.0.0.1:$port/images/photo.jpg | exiftool -gps:all -   # nothing: GPS stripped
  curl -s -o /dev/null -w '%{http_code}\n' -A GPTBot/1.2 http://127.0.0.1:$port/images/photo.jpg   # 403
  curl -s http://127.0.0.1:$port/robots.txt
Stop with Ctrl-C.
MESSAGE
exec "$CATALINA_HOME/bin/catalina.sh" run
