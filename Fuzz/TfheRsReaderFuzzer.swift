// libFuzzer entry point for the tfhe-rs reader (`TfheRsFile.decode`). Not part of the package
// build: `Fuzz/build-tfhe-rs-fuzzer.sh` compiles it together with the reader's sources.
//
// Properties checked on every input:
// - decoding never traps, never allocates beyond the input (ASan + libFuzzer's -rss_limit_mb);
// - whatever decodes re-encodes to exactly the input bytes (the reader is strict and canonical).

@_cdecl("LLVMFuzzerTestOneInput")
public func tfheRsReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let limits = TfheRsLimits(sizeLimit: 1 << 22, maxDimension: 1 << 14, maxListLength: 1 << 14)
    guard let file = try? TfheRsFile.decode(bytes, limits: limits) else { return 0 }
    guard let again = try? file.encode() else {
        fatalError("decoded \(file.object.type) does not re-encode")
    }
    if again != bytes {
        fatalError("decoded \(file.object.type) re-encodes to \(again.count) different bytes (input \(bytes.count))")
    }
    return 0
}
