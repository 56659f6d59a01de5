#!/usr/bin/env bash
# Installs the three dqlite server generations the test suite runs against (docs/servers.md):
#   * dqlite 1.11.1: Debian bookworm's own go-dqlite package (dqlite-demo in /usr/bin);
#   * dqlite 1.18.1: Debian trixie's go-dqlite 2.0.0, in a minimal trixie root;
#   * dqlite 1.18.7: Debian forky's (testing) go-dqlite 3.0.4, in a minimal forky root.
# The roots are made by debootstrap under $DQLITE4J_HOME (default /opt/dqlite4j) and their
# dqlite-demo runs through the root's own dynamic loader, so that no chroot is needed at test time.
# Writes launchers $DQLITE4J_HOME/bin/dqlite-demo-{1.11,1.18,1.18.7}.
# Idempotent: a second run only re-checks that the launchers start.
set -euo pipefail

home=${DQLITE4J_HOME:-/opt/dqlite4j}
bin="$home/bin"

die() { echo "install-dqlite: $*" >&2; exit 1; }
log() { echo "install-dqlite: $*" >&2; }

launcher_ok() { [ -x "$1" ] && "$1" --help >/dev/null 2>&1; }

if launcher_ok "$bin/dqlite-demo-1.11" && launcher_ok "$bin/dqlite-demo-1.18" && launcher_ok "$bin/dqlite-demo-1.18.7"; then
  log "already installed in $home"
  exit 0
fi

[ "$(id -u)" = 0 ] || die "must run as root (it installs Debian packages and builds Debian roots); try: sudo $0"
command -v apt-get >/dev/null || die "needs a Debian-like system with apt-get"
[ "$(dpkg --print-architecture)" = amd64 ] || log "warning: only tested on amd64"

# The mirror the host already uses, so that no host name is baked into this script.
mirror=$(grep -hoE '^(URIs:|deb) +[^ ]+' /etc/apt/sources.list /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list 2>/dev/null \
  | awk '{print $2}' | grep -E '/debian/?$' | head -n1 || true)
[ -n "$mirror" ] || die "could not find a Debian mirror in /etc/apt sources"

export DEBIAN_FRONTEND=noninteractive
if ! command -v dqlite-demo >/dev/null || ! command -v debootstrap >/dev/null; then
  log "installing bookworm go-dqlite and debootstrap"
  apt-get update -qq
  apt-get install -y -qq go-dqlite debootstrap >/dev/null
fi
mkdir -p "$bin"
cat > "$bin/dqlite-demo-1.11" <<'L'
#!/bin/sh
exec /usr/bin/dqlite-demo "$@"
L
chmod +x "$bin/dqlite-demo-1.11"

# install_root SUITE LABEL [DEBOOTSTRAP_SCRIPT]: go-dqlite of SUITE in $home/SUITE, launcher dqlite-demo-LABEL.
install_root() {
  local suite=$1 label=$2 script=${3:-}
  local root="$home/$suite"
  if ! launcher_ok "$bin/dqlite-demo-$label"; then
    if [ ! -x "$root/usr/bin/dqlite-demo" ]; then
      if [ ! -x "$root/usr/bin/apt-get" ]; then
        log "building a minimal $suite root in $root (from $mirror)"
        rm -rf "$root"
        # shellcheck disable=SC2086
        debootstrap --variant=minbase "$suite" "$root" "$mirror" $script >/dev/null
      fi
      log "installing $suite go-dqlite into $root"
      cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
      # Testing's Release files can be older than their Valid-Until on a snapshot mirror.
      chroot "$root" apt-get -o Acquire::Check-Valid-Until=false update -qq
      chroot "$root" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq go-dqlite >/dev/null
      chroot "$root" apt-get clean
    fi
    local loader
    loader=$(ls "$root"/lib64/ld-linux-x86-64.so.2 "$root"/usr/lib64/ld-linux-x86-64.so.2 2>/dev/null | head -n1 || true)
    [ -n "$loader" ] || die "no dynamic loader found in $root"
    cat > "$bin/dqlite-demo-$label" <<L
#!/bin/sh
exec "$loader" --library-path "$root/usr/lib/x86_64-linux-gnu:$root/lib/x86_64-linux-gnu" "$root/usr/bin/dqlite-demo" "\$@"
L
    chmod +x "$bin/dqlite-demo-$label"
  fi
  launcher_ok "$bin/dqlite-demo-$label" || die "$bin/dqlite-demo-$label does not start"
}

install_root trixie 1.18
# bookworm's debootstrap has no script for forky; sid's is the one testing uses.
install_root forky 1.18.7 /usr/share/debootstrap/scripts/sid

launcher_ok "$bin/dqlite-demo-1.11" || die "$bin/dqlite-demo-1.11 does not start"
log "installed: $bin/dqlite-demo-1.11, $bin/dqlite-demo-1.18, $bin/dqlite-demo-1.18.7"
