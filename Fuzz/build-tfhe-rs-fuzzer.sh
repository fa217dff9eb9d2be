#!/usr/bin/env bash
# Builds a libFuzzer target for the tfhe-rs reader (TfheRsFile.decode + encode round trip),
# outside the package build, with AddressSanitizer:
#
#   Fuzz/build-tfhe-rs-fuzzer.sh                 # → .build-fuzz/tfhe-rs-reader-fuzzer
#   .build-fuzz/tfhe-rs-reader-fuzzer -max_len=70000 -rss_limit_mb=2048 .build-fuzz/corpus
#
# The seed corpus is the six real key files of ../shared/vectors/tfhe (when present).
set -euo pipefail
cd "$(dirname "$0")/.."
out=.build-fuzz
mkdir -p "$out/corpus"
core=Sources/KMSCore
sources=(
  Fuzz/TfheRsReaderFuzzer.swift
  "$core"/Serialization/BincodeReader.swift "$core"/Serialization/BincodeWriter.swift
  "$core"/Serialization/SerializationError.swift "$core"/Serialization/Hex.swift
  "$core"/Serialization/TfheRs/*.swift
  "$core"/TFHE/*.swift "$core"/TFHE/*/*.swift
  "$core"/Random/*.swift "$core"/Math/*.swift
)
swiftc -O -sanitize=fuzzer,address -parse-as-library -module-name KMSCoreFuzz \
  -I Sources/COpenSSL -I Sources/CGMP "${sources[@]}" -o "$out/tfhe-rs-reader-fuzzer"
if [ -d ../shared/vectors/tfhe ]; then
  cp ../shared/vectors/tfhe/fhevmjs-tfhe-*/*.bin "$out/corpus/" 2>/dev/null || true
  for d in ../shared/vectors/tfhe/fhevmjs-tfhe-*; do
    for f in "$d"/*.bin; do cp "$f" "$out/corpus/$(basename "$d")-$(basename "$f")"; done
  done
fi
echo "built $out/tfhe-rs-reader-fuzzer; run: $out/tfhe-rs-reader-fuzzer -max_len=70000 -rss_limit_mb=2048 $out/corpus"
