#!/usr/bin/env bash
# Installs what an ARM cross build needs, when missing: the cross compiler,
# qemu-user, and a sysroot folder (sysroot/<arch>/ at the repo root) with
# Debian's cpuinfo and pthreadpool for that architecture (-dev packages and the
# runtime libraries), fetched with `apt-get download` and unpacked with
# `dpkg -x` (they cannot be installed beside the amd64 ones).
# Usage: scripts/arm-sysroot.sh aarch64|armv7      (root, no stdin needed)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
arch="${1:-}"
case "$arch" in
  aarch64) deb_arch=arm64 triple=aarch64-linux-gnu qemu=qemu-aarch64 ;;
  armv7) deb_arch=armhf triple=arm-linux-gnueabihf qemu=qemu-arm ;;
  *)
    echo "usage: $0 aarch64|armv7" >&2
    exit 2
    ;;
esac
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_update() {
  if [[ $apt_updated == 0 ]]; then
    # A failing secondary index (e.g. a mirror mid-sync) must not stop us:
    # what we need comes from the main archive; missing packages fail later.
    apt-get update -q </dev/null || echo "arm-sysroot: apt-get update reported errors" >&2
    apt_updated=1
  fi
}

# Cross toolchain, qemu-user, and the host tools the build needs.
missing=()
command -v "$triple-g++" >/dev/null || missing+=("g++-$triple")
command -v "$qemu" >/dev/null || missing+=(qemu-user)
command -v cmake >/dev/null || missing+=(cmake)
command -v make >/dev/null || missing+=(make)
command -v dpkg-architecture >/dev/null || missing+=(dpkg-dev)
# gtest is built from Debian's sources (libgtest-dev ships them) for the target.
[[ -f /usr/src/googletest/CMakeLists.txt ]] || missing+=(googletest)
if ((${#missing[@]})); then
  apt_update
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

sysroot="$root/sysroot/$arch"
if [[ -f "$sysroot/.complete" ]]; then
  exit 0
fi
if ! dpkg --print-foreign-architectures | grep -qx "$deb_arch"; then
  dpkg --add-architecture "$deb_arch"
  apt_updated=0
fi
packages=(libcpuinfo-dev libcpuinfo0 libpthreadpool-dev libpthreadpool0)
download="$root/sysroot/.debs-$arch"
rm -rf "$download" "$sysroot"
mkdir -p "$download" "$sysroot"
fetch() {
  (cd "$download" && apt-get download -q "${packages[@]/%/:$deb_arch}" </dev/null)
}
if ! fetch; then
  apt_updated=0
  apt_update
  fetch
fi
for deb in "$download"/*.deb; do
  dpkg -x "$deb" "$sysroot"
done
rm -rf "$download"
touch "$sysroot/.complete"
echo "arm-sysroot: $arch sysroot ready in $sysroot"
