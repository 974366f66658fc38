# Shared by the scripts: paths and the environment Debian's Emscripten needs.
# Sourced, not run.
WACONSOLE_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
WACONSOLE_BUILD="$WACONSOLE_ROOT/build"
IMGUI_VERSION="1.86"
IMGUI_DIR="$WACONSOLE_BUILD/deps/imgui-$IMGUI_VERSION"
# Debian's emscripten finds its acorn module only through NODE_PATH (see docs/toolchain notes).
export NODE_PATH="/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}"
# The system cache is writable only by root; a normal user builds with a private copy.
if [ "$(id -u)" != 0 ] && [ -z "${EM_CACHE:-}" ]; then
    export EM_CACHE="$WACONSOLE_BUILD/emcache"
    if [ ! -d "$EM_CACHE" ]; then
        mkdir -p "$WACONSOLE_BUILD" && cp -r /usr/share/emscripten/cache "$EM_CACHE"
    fi
fi
log() { printf '[waconsole] %s\n' "$*" >&2; }
