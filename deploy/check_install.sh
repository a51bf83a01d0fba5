#!/usr/bin/env bash
# Proves that deploy/requirements.txt installs the same pins under uv and under pip, against a
# local stand-in for PyTorch's CPU index (https://download.pytorch.org is not needed).
#
#   TORCH_WHEEL=/path/to/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl \
#     bash deploy/check_install.sh [REQUIREMENTS_FILE]
#
# REQUIREMENTS_FILE defaults to deploy/requirements.txt. To see the old failure:
#   git show 2872eac:deploy/requirements.txt > /tmp/old-req.txt && bash deploy/check_install.sh /tmp/old-req.txt
#
# What it does:
#  1. builds WORK/emu/whl/cpu/, a PEP 503 index like PyTorch's CPU index: the torch wheel plus
#     "decoys" that PyTorch's index also carries, at versions other than the pins (DECOYS), and
#     WORK/emu/whl/cpu/torch/ usable as a torch-only --find-links location;
#  2. copies the requirements file (as deploy/requirements.txt, with the root requirements.txt
#     beside it as ../requirements.txt), replacing https://download.pytorch.org by the stand-in;
#  3. for each installer (uv, pip): a fresh venv, a dry run first (it refuses to go on if the
#     plan has a CUDA torch: nvidia-*, triton, or a torch without +cpu), then the real install,
#     timed and measured; then `freeze` is compared with every pin of the root requirements.txt;
#  4. prints one verdict line per installer, and whether uv and pip installed the very same set
#     of packages (unpinned ones too); exits 0 only if every pin matched and the sets agree.
# No user or machine config is read (PIP_CONFIG_FILE=/dev/null, UV_NO_CONFIG=1, PIP_*/UV_*
# variables cleared except cache/cert/timeout ones). Downloads go through the normal pip and uv
# caches; the decoys are ~17 MB and kept in WORK/decoys between runs.
#
# Environment (all optional; TORCH_WHEEL is needed where /opt/wheels has no such wheel):
#   TORCH_WHEEL     the torch +cpu wheel to serve (default /opt/wheels/torch-2.13.0+cpu-cp311-...)
#   PYTHON          interpreter for the venvs, Python 3.11 like the hosts (default python3)
#   WORK            scratch directory (default /tmp/seqlab-check)
#   INSTALLERS      "uv pip", "uv" or "pip" (default "uv pip")
#   CHECK_UV_SPEC   what to pip-install as uv, e.g. uv==0.9.30 (default uv: the newest)
#   CHECK_PIP_SPEC  pip for the pip venv, e.g. pip==24.0; "bundled" keeps the venv's own
#                   (default pip: the newest)
#   DECOYS          what else the stand-in index carries
#                   (default "numpy==2.3.5 filelock==3.29.7 typing_extensions==4.12.2")
#   MODE            file: file:// URLs; http: serve WORK/emu on 127.0.0.1 (default file)
#   DRY_RUN=1       resolve only, install nothing
#   KEEP_VENVS=1    keep WORK/venv-* after the run (default: removed, they are 1.2-1.4 GB each)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
REQ=$(realpath "${1:-$HERE/requirements.txt}")
ROOT_REQ="$REPO/requirements.txt"
TORCH_WHEEL=${TORCH_WHEEL:-/opt/wheels/torch-2.13.0+cpu-cp311-cp311-manylinux_2_28_x86_64.whl}
PYTHON=${PYTHON:-python3}
WORK=${WORK:-/tmp/seqlab-check}
INSTALLERS=${INSTALLERS:-uv pip}
CHECK_UV_SPEC=${CHECK_UV_SPEC:-uv}
CHECK_PIP_SPEC=${CHECK_PIP_SPEC:-pip}
DECOYS=${DECOYS:-numpy==2.3.5 filelock==3.29.7 typing_extensions==4.12.2}
MODE=${MODE:-file}
DRY_RUN=${DRY_RUN:-0}
KEEP_VENVS=${KEEP_VENVS:-0}

say() { printf '\n== %s\n' "$*"; }
die() { printf 'check_install: %s\n' "$*" >&2; exit 2; }

# --- a clean installer environment ----------------------------------------------------------
for v in $(env | sed -n 's/^\(\(PIP\|UV\)_[A-Z_]*\)=.*/\1/p'); do
  case $v in
    PIP_CACHE_DIR|PIP_CERT|PIP_CLIENT_CERT|PIP_DEFAULT_TIMEOUT|UV_CACHE_DIR|UV_NATIVE_TLS|UV_HTTP_TIMEOUT) ;;
    *) unset "$v" ;;
  esac
done
export PIP_CONFIG_FILE=/dev/null PIP_DISABLE_PIP_VERSION_CHECK=1 UV_NO_CONFIG=1 UV_NO_PROGRESS=1

[ -f "$TORCH_WHEEL" ] || die "TORCH_WHEEL=$TORCH_WHEEL: no such file"
[ -f "$REQ" ] || die "$REQ: no such file"
[ -f "$ROOT_REQ" ] || die "$ROOT_REQ: no such file"
"$PYTHON" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
  || die "$PYTHON is not Python 3.11 (the demo hosts run 3.11; set PYTHON=)"
WHEEL_NAME=$(basename "$TORCH_WHEEL")
EXPECT_TORCH=$(printf '%s' "$WHEEL_NAME" | cut -d- -f2)          # e.g. 2.13.0+cpu
case $EXPECT_TORCH in *+cpu) ;; *) die "$WHEEL_NAME is not a +cpu torch wheel" ;; esac
mkdir -p "$WORK"
WORK=$(realpath "$WORK")

# --- tools: uv in its own venv -------------------------------------------------------------------
say "tools"
[ -x "$WORK/tools/bin/python" ] || "$PYTHON" -m venv "$WORK/tools"
"$WORK/tools/bin/python" -m pip install -q -U "$CHECK_UV_SPEC"
UV="$WORK/tools/bin/uv"
echo "uv:     $("$UV" --version)"
echo "python: $("$PYTHON" -V 2>&1) ($(command -v "$PYTHON"))"

# --- 1. the stand-in for https://download.pytorch.org/whl/cpu ---------------------------------
say "stand-in index"
mkdir -p "$WORK/decoys"
# shellcheck disable=SC2086
"$WORK/tools/bin/python" -m pip download -q --no-deps --only-binary=:all: \
  --platform manylinux_2_28_x86_64 --python-version 3.11 --implementation cp --abi cp311 \
  -d "$WORK/decoys" $DECOYS
rm -rf "$WORK/emu"
"$WORK/tools/bin/python" - "$WORK/emu" "$TORCH_WHEEL" "$DECOYS" "$WORK/decoys" <<'PY'
import hashlib, html, re, sys
from pathlib import Path
root, torch_wheel, decoys, decoy_dir = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3].split(), Path(sys.argv[4])
norm = lambda n: re.sub(r"[-_.]+", "-", n).lower()
wanted = {(norm(d.split("==")[0]), d.split("==")[1]) for d in decoys}
wheels = [torch_wheel] + [w for w in sorted(decoy_dir.glob("*.whl"))
                          if (norm(w.name.split("-")[0]), w.name.split("-")[1]) in wanted]
def sha256(p):
    h = hashlib.sha256()
    with open(p, "rb") as f:
        for b in iter(lambda: f.read(1 << 20), b""):
            h.update(b)
    return h.hexdigest()
def page(title, links):
    body = "".join(f'<a href="{html.escape(h)}">{html.escape(t)}</a><br/>\n' for h, t in links)
    return f"<!DOCTYPE html>\n<html><head><title>{title}</title></head><body>\n{body}</body></html>\n"
cpu, projects = root / "whl" / "cpu", {}
for w in wheels:
    projects.setdefault(norm(w.name.split("-")[0]), []).append(w)
for proj, ws in projects.items():
    d = cpu / proj                      # whl/cpu/torch/ is also the torch-only find-links location
    d.mkdir(parents=True)
    for w in ws:
        (d / w.name).symlink_to(w.resolve())
    links = [(w.name.replace("+", "%2B") + "#sha256=" + sha256(w), w.name) for w in ws]
    (d / "index.html").write_text(page(f"Links for {proj}", links))
(cpu / "index.html").write_text(page("Simple index", [(p + "/", p) for p in sorted(projects)]))
for proj, ws in sorted(projects.items()):
    print(f"  whl/cpu/{proj}/: " + ", ".join(w.name for w in ws))
PY

SERVER_PID=
# shellcheck disable=SC2317  # called by the trap
cleanup() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT
if [ "$MODE" = http ]; then
  PORT=$("$PYTHON" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  "$PYTHON" -m http.server --bind 127.0.0.1 --directory "$WORK/emu" "$PORT" >"$WORK/http.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 50); do
    "$PYTHON" -c "import urllib.request as u; u.urlopen('http://127.0.0.1:$PORT/whl/cpu/')" 2>/dev/null && break
    sleep 0.1
  done
  BASE="http://127.0.0.1:$PORT"
elif [ "$MODE" = file ]; then
  BASE="file://$WORK/emu"
else
  die "MODE=$MODE: use file or http"
fi
echo "https://download.pytorch.org -> $BASE"

# --- 2. the requirements under test, pointed at the stand-in -------------------------------------
rm -rf "$WORK/tree" && mkdir -p "$WORK/tree/deploy"
cp "$ROOT_REQ" "$WORK/tree/requirements.txt"
sed "s#https://download\.pytorch\.org#$BASE#g" "$REQ" >"$WORK/tree/deploy/requirements.txt"
TREQ="$WORK/tree/deploy/requirements.txt"
say "requirements under test: $REQ (options and requirements, comments dropped)"
grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' "$TREQ" | sed 's/^/  /'

# name==version pins of the root file (torch must come as EXPECT_TORCH)
PINS=$(sed -n 's/^\([A-Za-z0-9_.-]*\)==\([^ ;#]*\).*/\1 \2/p' "$ROOT_REQ")

# --- 3. install with each installer -------------------------------------------------------------
freeze() {  # $1 installer, $2 venv -> name==version lines (a direct URL shown as its version)
  if [ "$1" = uv ]; then "$UV" pip freeze --python "$2/bin/python" 2>/dev/null; else "$2/bin/python" -m pip freeze --all; fi \
    | sed -e 's/%2[Bb]/+/g' -e 's/^\([^ ]*\) @ .*\/[^/-]*-\([^-]*\)-.*$/\1==\2/'
}
plan() {  # $1 installer, $2 venv -> "name==version" lines of what would be installed, or fails
  if [ "$1" = uv ]; then
    "$UV" pip install --python "$2/bin/python" --dry-run -r "$TREQ" >"$WORK/$1-plan.log" 2>&1 || return 1
    sed -e 's/%2[Bb]/+/g' -n -e 's/^ + \([^ ]*\)==\([^ ]*\)$/\1==\2/p' \
      -e 's/^ + \([^ ]*\) @ .*\/[^/-]*-\([^-]*\)-.*$/\1==\2/p' "$WORK/$1-plan.log"
  else
    "$2/bin/python" -m pip install --dry-run -q --report "$WORK/$1-plan.json" -r "$TREQ" \
      >"$WORK/$1-plan.log" 2>&1 || return 1
    "$2/bin/python" -c 'import json, sys
for i in json.load(open(sys.argv[1]))["install"]:
    print(i["metadata"]["name"] + "==" + i["metadata"]["version"])' "$WORK/$1-plan.json"
  fi
}
declare -A VERDICT
AGREE=
for inst in $INSTALLERS; do
  say "$inst"
  V="$WORK/venv-$inst"
  rm -rf "$V"
  "$PYTHON" -m venv "$V"
  if [ "$inst" = pip ] && [ "$CHECK_PIP_SPEC" != bundled ]; then "$V/bin/python" -m pip install -q -U "$CHECK_PIP_SPEC"; fi
  if [ "$inst" = uv ]; then echo "installer: $("$UV" --version)"; else echo "installer: $("$V/bin/python" -m pip --version | cut -d' ' -f1-2)"; fi
  if ! PLAN=$(plan "$inst" "$V"); then
    echo "resolution FAILED:"; grep -v 'is ignored: it is neither a file nor a directory' "$WORK/$inst-plan.log" | tail -n 8 | sed 's/^/  /' || true
    VERDICT[$inst]="FAIL (resolution failed)"; continue
  fi
  PTORCH=$(printf '%s\n' "$PLAN" | sed -n 's/^torch==//p')
  echo "plan: $(printf '%s\n' "$PLAN" | wc -l) packages, torch==${PTORCH:-none}"
  if printf '%s\n' "$PLAN" | grep -qiE '^(nvidia-|triton==|cuda-)' || [ "$PTORCH" != "$EXPECT_TORCH" ]; then
    echo "plan has a CUDA or wrong torch; not installing:"; { printf '%s\n' "$PLAN" | grep -i '^torch=='; printf '%s\n' "$PLAN" | grep -iE '^(nvidia-|triton|cuda-)' | head -n 4; } | sed 's/^/  /' || true
    VERDICT[$inst]="FAIL (would install torch==${PTORCH:-none})"; continue
  fi
  if [ "$DRY_RUN" = 1 ]; then
    printf '%s\n' "$PLAN" | sort -f >"$WORK/freeze-$inst.txt"
  else
    du0=$(du -sm "$V" | cut -f1); t0=$(date +%s.%N)
    if [ "$inst" = uv ]; then
      "$UV" pip install --python "$V/bin/python" -r "$TREQ" >"$WORK/$inst-install.log" 2>&1 || { tail -n 8 "$WORK/$inst-install.log"; VERDICT[$inst]="FAIL (install failed)"; continue; }
    else
      "$V/bin/python" -m pip install -q -r "$TREQ" >"$WORK/$inst-install.log" 2>&1 || { tail -n 8 "$WORK/$inst-install.log"; VERDICT[$inst]="FAIL (install failed)"; continue; }
    fi
    t1=$(date +%s.%N); du1=$(du -sm "$V" | cut -f1)
    printf 'install: %.1f s, venv grew %s MB (to %s MB)\n' "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b - a}')" $((du1 - du0)) "$du1"
    freeze "$inst" "$V" | sort -f >"$WORK/freeze-$inst.txt"
    "$V/bin/python" -c 'import numpy, torch; print(f"import: torch {torch.__version__}, cuda build: {torch.version.cuda}, numpy {numpy.__version__}")'
  fi
  bad=0
  while read -r name want; do
    [ "$(echo "$name" | tr 'A-Z_.' 'a-z--')" = torch ] && want=$EXPECT_TORCH
    got=$(awk -F'==' -v n="$name" 'BEGIN{gsub(/[-_.]+/,"-",n); n=tolower(n)} {k=$1; gsub(/[-_.]+/,"-",k); if (tolower(k)==n) print $2}' "$WORK/freeze-$inst.txt")
    if [ "$got" = "$want" ]; then printf '  ok   %-10s %s\n' "$name" "$got"; else printf '  BAD  %-10s %s (pin %s)\n' "$name" "${got:-missing}" "$want"; bad=1; fi
  done <<<"$PINS"
  if grep -qiE '^(nvidia-|triton==|cuda-)' "$WORK/freeze-$inst.txt"; then echo "  BAD  CUDA packages present"; bad=1; fi
  if [ $bad = 0 ]; then VERDICT[$inst]="PASS"; else VERDICT[$inst]="FAIL (pins differ)"; fi
  [ "$KEEP_VENVS" = 1 ] || [ "$DRY_RUN" = 1 ] || rm -rf "$V"
done

# --- 4. verdict -------------------------------------------------------------------------------
# shellcheck disable=SC2086  # split the list on purpose
set -- $INSTALLERS
if [ $# -ge 2 ] && [ -f "$WORK/freeze-$1.txt" ] && [ -f "$WORK/freeze-$2.txt" ] && [ "${VERDICT[$1]}" = PASS ] && [ "${VERDICT[$2]}" = PASS ]; then
  say "$1 vs $2 (every package, pins and transitive; pip and setuptools ignored)"
  norm_freeze() { grep -viE '^(pip|setuptools|wheel)==' "$1" | awk -F'==' '{k=$1; gsub(/[-_.]+/,"-",k); print tolower(k) "==" $2}' | sort; }
  if diff <(norm_freeze "$WORK/freeze-$1.txt") <(norm_freeze "$WORK/freeze-$2.txt") >"$WORK/freeze.diff"; then
    echo "identical: $(norm_freeze "$WORK/freeze-$1.txt" | wc -l) packages"
    AGREE="same $(norm_freeze "$WORK/freeze-$1.txt" | wc -l) packages"
  else
    echo "differ (< $1, > $2):"; sed 's/^/  /' "$WORK/freeze.diff"
    AGREE="DIFFER on unpinned packages (see above)"
  fi
fi
say "verdict for $(basename "$REQ") (MODE=$MODE$([ "$DRY_RUN" = 1 ] && echo ', dry run'))"
rc=0
for inst in $INSTALLERS; do
  printf '  %-4s %s\n' "$inst" "${VERDICT[$inst]}"
  [ "${VERDICT[$inst]}" = PASS ] || rc=1
done
if [ -n "$AGREE" ]; then
  printf '  both %s\n' "$AGREE"
  case $AGREE in DIFFER*) rc=1 ;; esac
fi
exit $rc
