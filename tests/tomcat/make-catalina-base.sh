#!/usr/bin/env bash
# Makes a private CATALINA_BASE for Debian's stock Tomcat 10.1 (package tomcat10) holding one plain web application,
# ROOT, with ImageGuard installed the drop-in way: the -all jar in WEB-INF/lib and the filter declared in web.xml.
# Used by run-stock-tomcat.sh (by hand) and StockTomcatIT (in `mvn verify`), so both run the same site.
#
# Usage: make-catalina-base.sh BASE_DIR PORT FILTER_ALL_JAR
#   BASE_DIR  created (must not exist yet): conf/ logs/ temp/ work/ webapps/ROOT/
#   PORT      the HTTP connector's port, on 127.0.0.1 only; no shutdown port (-1): stop Tomcat with a signal
# Environment: CATALINA_HOME (default /usr/share/tomcat10); EXIFTOOL and CONVERT (default: from PATH) make the
# photo, a 160x120 JPEG carrying GPS coordinates in EXIF, so that a leak would show.
set -euo pipefail

[ $# -eq 3 ] || { echo "usage: $0 BASE_DIR PORT FILTER_ALL_JAR" >&2; exit 2; }
base=$1 port=$2 jar=$3
here="$(cd "$(dirname "$0")" && pwd)"
catalina_home=${CATALINA_HOME:-/usr/share/tomcat10}
exiftool=${EXIFTOOL:-exiftool}
convert=${CONVERT:-convert}

[[ $port =~ ^[0-9]+$ ]] || { echo "PORT must be a number, found '$port'" >&2; exit 2; }
[ -f "$jar" ] || { echo "$jar not found; build it with: mvn -DskipTests -pl filter -am package" >&2; exit 1; }
[ ! -e "$base" ] || { echo "$base already exists" >&2; exit 1; }
# Debian keeps the pristine configuration in $CATALINA_HOME/etc and the administrator's copy in /etc/tomcat10.
conf_source="$catalina_home/etc"
[ -f "$conf_source/server.xml" ] || conf_source=/etc/tomcat10
[ -f "$conf_source/server.xml" ] || { echo "no Tomcat configuration in $catalina_home/etc or /etc/tomcat10;" \
  "install Debian's tomcat10 package" >&2; exit 1; }

mkdir -p "$base"/{conf,logs,temp,work,webapps}
cp -r "$conf_source"/. "$base/conf/"
# Every Connector listens on 127.0.0.1:PORT (the package's 8080 belongs to the system service); no shutdown port.
sed -i -e "s/port=\"8080\"/address=\"127.0.0.1\" port=\"$port\"/g" -e 's/<Server port="[0-9-]*"/<Server port="-1"/' \
  "$base/conf/server.xml"
grep -q "port=\"$port\"" "$base/conf/server.xml" || { echo "no HTTP connector on 8080 in $conf_source/server.xml" >&2
  exit 1; }

root="$base/webapps/ROOT"
cp -r "$here/webapp" "$root"
mkdir -p "$root/WEB-INF/lib" "$root/images"
cp "$jar" "$root/WEB-INF/lib/"
"$convert" -size 160x120 gradient:'#3366cc-#ffcc33' -quality 90 "$root/images/photo.jpg"
"$exiftool" -q -overwrite_original -GPSLatitude=48.858370 -GPSLatitudeRef=N -GPSLongitude=2.294481 \
  -GPSLongitudeRef=E -SerialNumber=SN-0042 "$root/images/photo.jpg"
