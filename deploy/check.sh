#!/bin/bash
# Kiểm tra cổng thông tin đang chạy (danh mục kiểm tra cuối deploy/README.md).
#
#   deploy/check.sh                                  # địa chỉ lấy từ PORTAL_BASE_URL trong /etc/portal/portal.env
#   deploy/check.sh https://sonoivu.kontum.gov.vn
#   deploy/check.sh --insecure https://…            # khi còn dùng chứng chỉ tự ký (trước certbot)
#
# Chạy trên máy chủ với quyền root để kiểm tra thêm việc làm mới bộ nhớ đệm sau khi đăng
# bài (đăng lại phiên bản đang hiển thị của trang chủ: nội dung không đổi). Chỉ đọc trang,
# gửi một lượt đếm truy cập (beacon) và, nếu được, đăng lại trang chủ. Mã thoát 0 khi mọi
# mục đạt; mục "BỎ QUA" (chưa có video, tài liệu…) không tính là lỗi.
set -uo pipefail

insecure=()
if [ "${1:-}" = "--insecure" ]; then
  insecure=(-k)
  shift
fi
base="${1:-}"
if [ -z "$base" ] && [ -r /etc/portal/portal.env ]; then
  base="$(sed -n 's/^PORTAL_BASE_URL=//p' /etc/portal/portal.env | tail -n1)"
fi
base="${base%/}"
if [ -z "$base" ]; then
  echo "Cách dùng: deploy/check.sh [--insecure] https://tên-miền" >&2
  exit 2
fi
host="$(printf '%s' "$base" | sed -E 's#^[a-z]+://([^/:]+).*#\1#')"
here="$(cd "$(dirname "$(readlink -f "$0")")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
failures=0

ok() { printf '  ĐẠT     %s\n' "$*"; }
bad() {
  printf '  LỖI     %s\n' "$*"
  failures=$((failures + 1))
}
skip() { printf '  BỎ QUA  %s\n' "$*"; }
c() { curl -sS "${insecure[@]}" --max-time 20 "$@"; }
# status URL [curl options…] → HTTP status; headers in $tmp/h, body in $tmp/b
status() {
  local url="$1"
  shift
  c -o "$tmp/b" -D "$tmp/h" -w '%{http_code}' "$@" "$url" 2>/dev/null || true
}
header() { grep -i "^$1:" "$tmp/h" | tail -n1 | cut -d: -f2- | tr -d '\r' | sed 's/^ *//'; }

echo "Kiểm tra $base"

echo "1. Trang"
for path in / /gioi-thieu/ /tin-tuc/ /tin-video/ /ke-hoach/ /thi-dua-khen-thuong/ /lien-he/ /en/ /sitemap.xml /robots.txt; do
  code="$(status "$base$path")"
  [ "$code" = 200 ] && ok "$path 200" || bad "$path trả $code (cần 200)"
done
code="$(status "$base/")"
grep -q "Welcome to your new Wagtail site" "$tmp/b" && bad "trang chủ còn là trang mẫu của Wagtail: chạy manage.py setup_site"
grep -q "$base/" "$tmp/b" && ok "liên kết trên trang dùng địa chỉ công khai $base" ||
  bad "trang chủ không có liên kết tới $base/ (PORTAL_BASE_URL, setup_site?)"

echo "2. TLS và tiêu đề bảo mật"
if [[ "$base" == https://* ]]; then
  code="$(c -o /dev/null -w '%{http_code} %{redirect_url}' "http://$host/" 2>/dev/null || true)"
  [[ "$code" == "301 https://$host/"* ]] && ok "http:// chuyển sang https:// (301)" || bad "http://$host/ trả \"$code\""
  for v in 1.2 1.3; do
    if c -o /dev/null --tlsv$v --tls-max $v "$base/" 2>/dev/null; then ok "TLS $v"; else bad "TLS $v không bắt tay được"; fi
  done
  if c -o /dev/null --tlsv1 --tls-max 1.1 "$base/" 2>/dev/null; then bad "TLS 1.1 vẫn được chấp nhận"; else ok "TLS 1.0/1.1 bị từ chối"; fi
  ver="$(c -o /dev/null -w '%{http_version}' --http2 "$base/" 2>/dev/null || true)"
  [ "$ver" = 2 ] && ok "HTTP/2" || bad "không dùng HTTP/2 ($ver)"
  expiry="$(echo | openssl s_client -servername "$host" -connect "$host:443" 2>/dev/null | openssl x509 -noout -enddate 2>/dev/null | cut -d= -f2)"
  [ -n "$expiry" ] && ok "chứng chỉ hết hạn: $expiry" || bad "không đọc được chứng chỉ"
else
  skip "TLS (địa chỉ không phải https://)"
fi
status "$base/" >/dev/null
for name in Strict-Transport-Security Content-Security-Policy X-Content-Type-Options X-Frame-Options Referrer-Policy; do
  value="$(header "$name")"
  if [ -n "$value" ]; then ok "$name: ${value:0:60}"; elif [ "$name" = Strict-Transport-Security ] && [[ "$base" != https://* ]]; then
    skip "$name (chỉ gửi qua HTTPS)"
  else bad "thiếu tiêu đề $name"; fi
done
cc="$(header Cache-Control)"
[[ "$cc" == *public* ]] && ok "Cache-Control: $cc" || bad "trang chủ không được lưu đệm (Cache-Control: $cc)"

echo "3. Tên miền lạ bị đóng kết nối"
ip="$(getent ahostsv4 "$host" | awk 'NR==1{print $1}')"
scheme="${base%%://*}"
port="$(printf '%s' "$base" | sed -nE 's#^[a-z]+://[^/:]+:([0-9]+).*#\1#p')"
port="${port:-$([ "$scheme" = https ] && echo 443 || echo 80)}"
if [ -n "$ip" ]; then
  if c -o /dev/null --resolve "khong-co.example:$port:$ip" "$scheme://khong-co.example:$port/" 2>/dev/null; then
    bad "yêu cầu với tên miền lạ vẫn được trả lời"
  else ok "tên miền lạ: không có câu trả lời"; fi
  if c -o /dev/null "$scheme://$ip:$port/" 2>/dev/null; then bad "yêu cầu theo địa chỉ IP ($ip) vẫn được trả lời"; else
    ok "yêu cầu theo địa chỉ IP: không có câu trả lời"
  fi
else
  skip "không phân giải được $host"
fi

echo "4. Trang 404 tiếng Việt"
code="$(status "$base/khong-co-trang-nay-$$/")"
[ "$code" = 404 ] && grep -q "Không tìm thấy trang" "$tmp/b" && ok "404 \"Không tìm thấy trang\"" || bad "trang không tồn tại trả $code"

echo "5. Video (yêu cầu theo đoạn) và phụ đề"
# The newest video's page, reached from the "Tin video" block of the home page.
status "$base/" >/dev/null
newest="$(grep -oE 'class="video-block__newest" href="[^"]+"' "$tmp/b" | head -n1 | sed -E 's/.*href="|"$//g')"
[ -n "$newest" ] && status "$base$newest" >/dev/null
video="$(grep -oE '/media/video/[^"'"'"' ]+\.(mp4|webm)' "$tmp/b" | head -n1)"
captions="$(grep -oE '/media/video/[^"'"'"' ]+\.vtt' "$tmp/b" | head -n1)"
if [ -n "$video" ]; then
  code="$(status "$base$video" -r 0-99)"
  [ "$code" = 206 ] && ok "$video: 206, $(header Content-Type), $(header Content-Range)" || bad "$video theo đoạn trả $code (cần 206)"
  [[ "$(header Cache-Control)" == *max-age=* ]] && ok "video lưu đệm lâu: $(header Cache-Control)" || bad "video không có Cache-Control"
else
  skip "chưa có video tải lên (khối Tin video trên trang chủ)"
fi
if [ -n "$captions" ]; then
  code="$(status "$base$captions")"
  [[ "$code" = 200 && "$(header Content-Type)" == text/vtt* ]] && ok "phụ đề: $(header Content-Type)" || bad "phụ đề trả $code $(header Content-Type)"
else
  skip "chưa có phụ đề"
fi

echo "6. Tài liệu (qua kiểm tra quyền, nginx gửi tệp)"
doc=""
for path in /ke-hoach/ /thi-dua-khen-thuong/ /tin-tuc/ /; do
  status "$base$path" >/dev/null
  doc="$(grep -oE 'href="/documents/[0-9]+/[^"]+"' "$tmp/b" | head -n1 | sed -E 's/^href="|"$//g')"
  if [ -z "$doc" ]; then
    page="$(grep -oE "href=\"$path[a-z0-9-]+/\"" "$tmp/b" | head -n1 | sed -E 's/^href="|"$//g')"
    if [ -n "$page" ]; then
      status "$base$page" >/dev/null
      doc="$(grep -oE 'href="/documents/[0-9]+/[^"]+"' "$tmp/b" | head -n1 | sed -E 's/^href="|"$//g')"
    fi
  fi
  [ -n "$doc" ] && break
done
if [ -n "$doc" ]; then
  code="$(status "$base$doc")"
  [ "$code" = 200 ] && ok "$doc 200 ($(header Content-Type))" || bad "$doc trả $code"
  for name in X-Content-Type-Options Content-Security-Policy Content-Disposition Strict-Transport-Security; do
    if [ -n "$(header "$name")" ]; then ok "tài liệu có $name"; elif [ "$name" = Strict-Transport-Security ] && [[ "$base" != https://* ]]; then
      skip "$name (chỉ qua HTTPS)"
    else bad "tài liệu thiếu $name"; fi
  done
  grep -qi '^X-Accel-Redirect' "$tmp/h" && bad "X-Accel-Redirect lộ ra ngoài (nginx không xử lý?)"
else
  skip "chưa có tài liệu đính kèm trên các trang danh sách"
fi
code="$(status "$base/media/documents/")"
[ "$code" = 404 ] && ok "/media/documents/ không truy cập trực tiếp được" || bad "/media/documents/ trả $code"

echo "7. Đếm truy cập (beacon)"
# As stats.js does: the home page's id (data-page-id) and a browser id; one view of the home page.
status "$base/" >/dev/null
home_id="$(grep -o 'data-page-id="[0-9]*"' "$tmp/b" | head -n1 | tr -dc 0-9)"
browser_id="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
if [ -z "$home_id" ]; then
  bad "trang chủ không có data-page-id (stats.js không đếm được)"
else
  code="$(status "$base/_stats/hit" -X POST -H 'Content-Type: application/json' -H "Origin: $base" \
    -A 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0' \
    --data "{\"page\": $home_id, \"id\": \"$browser_id\"}")"
  [ "$code" = 200 ] && grep -q '"total"' "$tmp/b" && ok "beacon: $(cat "$tmp/b")" || bad "beacon trả $code $(head -c 200 "$tmp/b")"
fi

echo "8. Làm mới bộ nhớ đệm nginx sau khi đăng bài"
status "$base/" >/dev/null
status "$base/" >/dev/null
before="$(header Date)"
cache="$(header X-Cache-Status)"
[ "$cache" = HIT ] && ok "trang chủ phục vụ từ bộ nhớ đệm nginx (HIT)" || bad "trang chủ không có trong bộ nhớ đệm nginx (X-Cache-Status: $cache)"
if [ "$(id -u)" = 0 ] && [ -x "$here/portal-manage" ]; then
  sleep 2
  if "$here/portal-manage" shell -c "
from wagtail.models import Site
home = Site.objects.get(is_default_site=True).root_page.specific
home.live_revision.publish()
" >/dev/null 2>"$tmp/e"; then
    status "$base/" >/dev/null
    after="$(header Date)"
    if [ "$(header X-Cache-Status)" = HIT ] && [ "$after" != "$before" ]; then
      ok "sau khi đăng lại trang chủ, nginx giữ bản mới ($before → $after)"
    else bad "nginx chưa làm mới trang chủ sau khi đăng (Date: $before → $after, $(header X-Cache-Status))"; fi
  else
    bad "không đăng lại được trang chủ: $(tail -n1 "$tmp/e")"
  fi
else
  skip "chạy với quyền root trên máy chủ để thử đăng bài (hoặc: đăng một bài trong trang quản trị rồi tải lại trang)"
fi

echo
if [ "$failures" = 0 ]; then
  echo "Tất cả các mục đều đạt."
else
  echo "$failures mục LỖI."
fi
[ "$failures" = 0 ]
