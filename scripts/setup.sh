#!/usr/bin/env bash
# Installs what is missing, and only that: Debian's Rust (with the BPF core) and LLVM 22,
# sbpf-linker at a pinned version, and the npm workspace. Quiet and fast when all is present.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$ROOT"

APT_PACKAGES=(rustc-web cargo-web rustfmt-web rust-web-clippy libstd-rust-web-dev
  libstd-rust-web-dev-bpf llvm-22-dev chromium)
SBPF_LINKER_VERSION=0.1.9

apt_packages() {
  local missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "  installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

sbpf_linker() {
  # `sbpf-linker --version` prints the version and then exits 1, so only its output counts.
  local installed
  installed="$(sbpf-linker --version 2>/dev/null | head -n 1 || true)"
  [ "$installed" = "sbpf-linker $SBPF_LINKER_VERSION" ] && return 0
  echo "  building sbpf-linker $SBPF_LINKER_VERSION against LLVM 22 (about 2 minutes)"
  LLVM_PREFIX=/usr/lib/llvm-22 cargo install sbpf-linker --version "=$SBPF_LINKER_VERSION" \
    --locked --no-default-features --features upstream-gallery-22 --quiet
}

npm_packages() {
  # npm writes node_modules/.package-lock.json on every install; if it is newer than the
  # lockfile, the tree is current.
  if [ -f node_modules/.package-lock.json ] &&
    [ node_modules/.package-lock.json -nt package-lock.json ]; then return 0; fi
  # Not `npm ci`: this workplace's registry has no darwin/arm64 builds of litesvm's optional
  # native packages, so the lockfile cannot list them and `npm ci` rejects it as out of sync.
  # `npm install` with the committed lockfile installs exactly the locked versions.
  echo "  installing npm packages (from package-lock.json)"
  npm install --no-audit --no-fund --loglevel=error >/dev/null
}

git_hooks() {
  # The committed pre-commit hook (.githooks/pre-commit: rustfmt, prettier, eslint, tsc).
  git rev-parse --is-inside-work-tree >/dev/null 2>&1 || return 0
  [ "$(git config --get core.hooksPath || true)" = ".githooks" ] && return 0
  git config core.hooksPath .githooks
  echo "  enabled the pre-commit hook (.githooks/pre-commit)"
}

echo "setup:"
step debian-packages apt_packages
step sbpf-linker sbpf_linker
step npm-packages npm_packages
step git-hooks git_hooks
