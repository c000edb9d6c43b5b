#!/usr/bin/env bash
# Installs what `npm run build:grammar` needs, from Debian's packages only (npm's tree-sitter-cli
# downloads a binary at install time, which fails without internet):
#   - tree-sitter CLI 0.22.x from Debian 13 "trixie", run through trixie's own loader and C library,
#     which this Debian 12 machine's glibc is too old for;
#   - emscripten's emcc (Debian 12) to compile src/parser.c and src/scanner.c to the .wasm;
#   - unicode-data 15.0.0 (Debian 12), the Unicode version of Go's unicode package that Alloy's scanner
#     uses for identifiers (grammars/alloy/unicode.js makes the scanner's tables from it).
# Idempotent. Result: $PREFIX/bin/tree-sitter and emcc on PATH (PREFIX defaults to ~/.local/grammar-toolchain).
set -euo pipefail
PREFIX="${PREFIX:-$HOME/.local/grammar-toolchain}"
unicode_data=/usr/share/unicode/extracted/DerivedGeneralCategory.txt
if [ -x "$PREFIX/bin/tree-sitter" ] && "$PREFIX/bin/tree-sitter" --version >/dev/null 2>&1 && command -v emcc >/dev/null && [ -f "$unicode_data" ]; then
  echo "already installed: $("$PREFIX/bin/tree-sitter" --version), $(emcc --version | head -1)"
  exit 0
fi
apt_dir="$PREFIX/apt"
root="$PREFIX/root"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$root" "$PREFIX/bin"
mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$mirror" ] || mirror=$(awk '/^deb /{print $2; exit}' /etc/apt/sources.list)
echo "deb $mirror trixie main" > "$apt_dir/sources.list"
opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/nonexistent
      -o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache" -o APT::Sandbox::User=root)
apt-get "${opts[@]}" update -qq
(cd "$apt_dir" && apt-get "${opts[@]}" download -qq tree-sitter-cli libc6 libgcc-s1)
for deb in "$apt_dir"/*.deb; do dpkg-deb -x "$deb" "$root"; done
cat > "$PREFIX/bin/tree-sitter" <<WRAPPER
#!/usr/bin/env bash
exec "$root/usr/lib64/ld-linux-x86-64.so.2" --library-path "$root/usr/lib/x86_64-linux-gnu" "$root/usr/bin/tree-sitter" "\$@"
WRAPPER
chmod +x "$PREFIX/bin/tree-sitter"
command -v emcc >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq emscripten >/dev/null; }
[ -f "$unicode_data" ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unicode-data >/dev/null; }
echo "installed: $("$PREFIX/bin/tree-sitter" --version), $(emcc --version | head -1)"
