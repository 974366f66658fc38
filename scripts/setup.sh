#!/usr/bin/env bash
# Installs everything waconsole needs, from Debian's archive and the npm registry only.
# Safe to run any number of times: it does only what is missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

install_debian_packages() {
    local wanted missing=()
    wanted=$(grep -Ev '^\s*(#|$)' "$WACONSOLE_ROOT/scripts/debian-packages.txt")
    for pkg in $wanted; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then
            missing+=("$pkg")
        fi
    done
    # The machine image brings its own Node.js and npm; Debian's npm would conflict with them.
    command -v node >/dev/null || missing+=(nodejs)
    command -v npm >/dev/null || missing+=(npm)
    if [ ${#missing[@]} -eq 0 ]; then
        return
    fi
    log "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Dear ImGui: Debian ships headers and a native library but not the sources a wasm build needs;
# the complete sources are in Debian's source package, fetched into build/deps (never committed).
fetch_imgui_sources() {
    if [ -f "$IMGUI_DIR/imgui_tables.cpp" ]; then
        return
    fi
    local src_list=/etc/apt/sources.list.d/waconsole-deb-src.sources
    if ! grep -rqs '^Types:.*deb-src' /etc/apt/sources.list.d/ && ! grep -qs '^deb-src' /etc/apt/sources.list; then
        log "enabling Debian source packages (deb-src) for imgui"
        local suite
        suite=$(. /etc/os-release && echo "$VERSION_CODENAME")
        printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$suite" | as_root tee "$src_list" >/dev/null
        as_root apt-get update -qq
    fi
    local work="$WACONSOLE_BUILD/deps/download"
    rm -rf "$work" && mkdir -p "$work"
    log "fetching Dear ImGui $IMGUI_VERSION sources from Debian"
    if ! (cd "$work" && apt-get source --download-only -qq "imgui=$IMGUI_VERSION+ds-1" >/dev/null 2>&1); then
        (cd "$work" && as_root apt-get update -qq && apt-get source --download-only -qq imgui >/dev/null)
    fi
    local tarball
    tarball=$(ls "$work"/imgui_*.orig.tar.* | head -n 1)
    rm -rf "$IMGUI_DIR" && mkdir -p "$WACONSOLE_BUILD/deps"
    tar -xf "$tarball" -C "$WACONSOLE_BUILD/deps"
    local unpacked
    unpacked=$(ls -d "$WACONSOLE_BUILD"/deps/imgui-*/ | head -n 1)
    [ "${unpacked%/}" = "$IMGUI_DIR" ] || mv "${unpacked%/}" "$IMGUI_DIR"
    rm -rf "$work"
    [ -f "$IMGUI_DIR/imgui_tables.cpp" ] || { log "imgui sources incomplete in $IMGUI_DIR"; exit 1; }
}

install_browser_test_tools() {
    local dir="$WACONSOLE_ROOT/tests/browser"
    [ -f "$dir/package.json" ] || return 0
    # playwright-core drives Debian's chromium, puppeteer-core Debian's firefox-esr: neither may
    # fetch a browser of its own.
    if [ ! -d "$dir/node_modules/playwright-core" ] || [ ! -d "$dir/node_modules/puppeteer-core" ]; then
        log "installing playwright-core and puppeteer-core from the npm registry (no browser download)"
        (cd "$dir" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
    fi
}

install_debian_packages
fetch_imgui_sources
install_browser_test_tools
log "set-up complete"
