# Sourced by every script: one toolchain for the whole repo.
# Debian's cargo/rustc 1.96 (rustc-web) come first so host tests, clippy, fmt and the SBF build
# all use the same compiler and its prebuilt bpfel-unknown-none core; sbpf-linker lives in
# ~/.cargo/bin. A rustup toolchain elsewhere on PATH is deliberately shadowed.
export PATH="/usr/bin:$HOME/.cargo/bin:$PATH"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# step NAME COMMAND...: runs a step and prints how long it took.
step() {
  local name="$1"
  shift
  local start=$SECONDS
  "$@"
  local status=$?
  echo "  [$name] $((SECONDS - start))s"
  return $status
}
