# bench/nginx.sh — sourced by the benchmarks: start_nginx DIR serves the
# files of DIR/www (one worker, gzip level 5 as a production nginx would) on
# a free loopback port, sets $nport, and checks every page comes back as
# 200 with Content-Encoding: gzip before anything is measured (a reference
# serving errors would make every ratio meaningless).  The caller kills
# $(cat DIR/nginx.pid) when done.
start_nginx() {
  local dir=$1
  nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  cat >"$dir/nginx.conf" <<NGINX
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  types { text/html html; }
  gzip on; gzip_comp_level 5; gzip_min_length 512;
  server { listen 127.0.0.1:$nport; root $dir/www; }
}
NGINX
  # nginx's worker runs as an unprivileged user: it must be able to read the copy
  chmod 755 "$dir" "$dir/www"
  chmod 644 "$dir"/www/*
  nginx -c "$dir/nginx.conf" -p "$dir"
  sleep 0.3
  local f check
  for f in "$dir"/www/*.html; do
    check=$(curl -s -o /dev/null -w '%{http_code} %header{content-encoding}' -H 'Accept-Encoding: gzip' "http://127.0.0.1:$nport/$(basename "$f")")
    [ "$check" = "200 gzip" ] || { echo "bench: nginx does not serve $(basename "$f") gzip-compressed ($check)"; exit 1; }
  done
}
