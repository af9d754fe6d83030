#!/usr/bin/env bash
# Serves SITE (a build made with --base-url /ruimte/) with deploy/nginx/ruimte.conf on 127.0.0.1:PORT,
# in the foreground, without touching the system's nginx: its own prefix, pid and logs in a temp dir.
# Usage: serve-nginx.sh SITE PORT
set -euo pipefail
site=$(cd "$1" && pwd)
port=$2
conf_dir=$(mktemp -d)
repo=$(cd "$(dirname "$0")/../.." && pwd)
sed -e "s#/srv/ruimte/public/#$site/#g" -e "s#listen 127.0.0.1:8080;#listen 127.0.0.1:$port;#" \
  "$repo/deploy/nginx/ruimte.conf" > "$conf_dir/ruimte.conf"
# ngx_brotli's static module, for brotli_static (Debian: libnginx-mod-http-brotli-static), by its
# full path: the system's own load lines are relative to its prefix, not this one.
brotli=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so
cat > "$conf_dir/nginx.conf" <<CONF
$([ -e "$brotli" ] && echo "load_module $brotli;")
worker_processes 1;
daemon off;
pid $conf_dir/nginx.pid;
error_log $conf_dir/error.log;
events {}
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path $conf_dir/body;
  proxy_temp_path $conf_dir/proxy;
  fastcgi_temp_path $conf_dir/fastcgi;
  uwsgi_temp_path $conf_dir/uwsgi;
  scgi_temp_path $conf_dir/scgi;
  include $conf_dir/ruimte.conf;
}
CONF
exec nginx -p "$conf_dir" -c "$conf_dir/nginx.conf"
