#!/usr/bin/env bash
# Regenerates Sources/KMSService/Generated from Protos/ (the V09 kms messages and service, our threshold-party service, and the
# gRPC health protocol). The generated Swift is committed, so neither CI nor a normal build runs
# this; run it after editing a .proto file and commit the result.
#
#   Scripts/generate-protos.sh [WORKDIR]   # WORKDIR (default /tmp/swiftkms-protogen) holds a
#                                          # throwaway package that builds the two protoc plugins
# Needs protoc (Debian: apt-get install -y protobuf-compiler). The plugins are built from the
# same swift-protobuf and grpc-swift-protobuf versions Package.swift names, once per WORKDIR.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/swiftkms-protogen}
command -v protoc >/dev/null || { echo "protoc not found (apt-get install -y protobuf-compiler)" >&2; exit 1; }

mkdir -p "$work/Sources/Dummy"
cat > "$work/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "protogen",
    dependencies: [
        .package(url: "https://github.com/apple/swift-protobuf", exact: "1.39.0"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", exact: "2.4.1"),
    ],
    targets: [.target(name: "Dummy", path: "Sources/Dummy")]
)
SWIFT
echo "// placeholder" > "$work/Sources/Dummy/Dummy.swift"
nice -n 19 swift build --package-path "$work" --product protoc-gen-swift
nice -n 19 swift build --package-path "$work" --product protoc-gen-grpc-swift-2
bin=$(swift build --package-path "$work" --show-bin-path)

out="$root/Sources/KMSService/Generated"
rm -rf "$out"
mkdir -p "$out"
protos=(kms/base.proto kms/kms.proto kms/party.proto grpc/health/v1/health.proto)
protoc --proto_path="$root/Protos" \
    --plugin=protoc-gen-swift="$bin/protoc-gen-swift" \
    --plugin=protoc-gen-grpc-swift-2="$bin/protoc-gen-grpc-swift-2" \
    --swift_opt=Visibility=Public --swift_opt=FileNaming=PathToUnderscores \
    --swift_out="$out" \
    --grpc-swift-2_opt=Visibility=Public --grpc-swift-2_opt=FileNaming=PathToUnderscores \
    --grpc-swift-2_out="$out" \
    "${protos[@]}"
# The V09 service has an RPC named Init; the generator turns it into a method `init`, a Swift
# keyword that must be escaped with backticks where it is declared and called.
sed -i -e 's/func init\([(<]\)/func `init`\1/g' -e 's/self\.init(/self.`init`(/g' "$out/kms_kms.grpc.swift"
ls -1 "$out"
