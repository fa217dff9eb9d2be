#!/usr/bin/env bash
# Builds every ```swift block of README.md, unchanged, as its own executable in a separate package
# that depends on this one by path (and on swift-crypto 4, importing it beside KMSCore), then runs
# each. The light-client example reads light blocks written from ../shared's synthetic chain.
#
#   Scripts/check-readme-examples.sh [WORKDIR]     # default: a new temporary directory
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
mkdir -p "$work"
python3 - "$root/README.md" "$work" <<'PY'
import os, re, sys
readme, work = sys.argv[1], sys.argv[2]
blocks = re.findall(r"```swift\n(.*?)```", open(readme).read(), re.S)
targets = []
for i, code in enumerate(blocks):
    name = f"Example{i}"
    d = os.path.join(work, "Sources", name)
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "main.swift"), "w").write(code)
    targets.append(name)
# swift-crypto 4 beside KMSCore: its SHA3_256 and ours must not clash.
d = os.path.join(work, "Sources", "CryptoBeside")
os.makedirs(d, exist_ok=True)
open(os.path.join(d, "main.swift"), "w").write(
    "import Crypto\nimport KMSCore\n"
    "let digest = SHA3_256.hash(data: [UInt8](\"abc\".utf8))\n"
    "let keys = try KeySet.generate(.test)\n"
    "print(Array(digest).count, keys.keyID.hex.count)\n")
deps = ', '.join('.product(name: "KMSCore", package: "main"), .product(name: "KMSChain", package: "main")'.split(', '))
lines = [f'        .executableTarget(name: "{t}", dependencies: [.product(name: "KMSCore", package: "SwiftKMS"), .product(name: "KMSChain", package: "SwiftKMS")]),' for t in targets]
lines.append('        .executableTarget(name: "CryptoBeside", dependencies: [.product(name: "KMSCore", package: "SwiftKMS"), .product(name: "Crypto", package: "swift-crypto")]),')
open(os.path.join(work, "Package.swift"), "w").write(
    "// swift-tools-version: 6.1\nimport PackageDescription\n"
    "let package = Package(name: \"ReadmeExamples\", platforms: [.macOS(.v13)],\n"
    "    dependencies: [.package(name: \"SwiftKMS\", path: \"" + os.path.dirname(readme) + "\"),\n"
    "                   .package(url: \"https://github.com/apple/swift-crypto\", from: \"4.0.0\")],\n"
    "    targets: [\n" + "\n".join(lines) + "\n    ])\n")
open(os.path.join(work, "targets.txt"), "w").write("\n".join(targets + ["CryptoBeside"]) + "\n")
PY
blocks="$work/blocks"
mkdir -p "$blocks"
python3 - "$root/../shared/vectors/cometbft/derived/synthetic_skipping_chain.json" "$blocks" <<'PY'
import json, os, sys
chain = json.load(open(sys.argv[1]))
lb = chain["light_blocks"]
items = lb if isinstance(lb, list) else [lb[k] for k in sorted(lb, key=int)]
for b in items[:8]:
    h = int(b["signed_header"]["header"]["height"])
    json.dump(b, open(os.path.join(sys.argv[2], f"{h}.json"), "w"))
PY
cd "$work"
swift build -c release 2>&1 | tail -3
bin=$(swift build -c release --show-bin-path)
while read -r t; do
  echo "== $t"
  if [ "$t" = Example4 ]; then "$bin/$t" "$blocks"; else "$bin/$t"; fi
done < targets.txt
