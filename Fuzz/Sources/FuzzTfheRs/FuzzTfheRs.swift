// libFuzzer target: tfhe-rs objects used the way kmsctl decrypt, key inspect, key import and the
// reencryption server use them. Properties checked on every input:
// - no trap, no allocation beyond the limits (ASan, libFuzzer -rss_limit_mb / -malloc_limit_mb);
// - whatever decodes re-encodes to exactly the input bytes (the reader is strict and canonical);
// - describing never fails, decrypting ends in a value or a typed error.
import FuzzFixtures
import KMSCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTfheRs(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let keys = FuzzFixtures.keys
    let ck = keys.clientKey
    // The one entry point of kmsctl decrypt, signed decryption and the reencryption server.
    let reader = CiphertextReader(keys: keys)
    for type in [nil, FheType.euint8, .ebool, .euint64] {
        if let cts = try? reader.read(bytes, as: type) { for ct in cts { _ = try? ck.decrypt(ct) } }
    }
    guard let file = try? TfheRsFile.decode(bytes, limits: .ciphertext) else { return 0 }
    guard let again = try? file.encode() else { fatalError("decoded \(file.object.type) does not re-encode") }
    if again != bytes { fatalError("decoded \(file.object.type) re-encodes to \(again.count) different bytes (input \(bytes.count))") }
    _ = file.inspectionJSON(sizeBytes: bytes.count)   // kmsctl key inspect
    if case .clientKey(let k) = file.object {
        _ = TfheRsParameterMatch(clientKey: k)
        _ = try? ClientKey(tfheRs: k)
    }
    if case .compactPublicKey(let k) = file.object { _ = try? CompactPublicKey(tfheRs: k, parameters: ck.parameters) }
    return 0
}

@_cdecl("FuzzTfheRs_main")
public func FuzzTfheRsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTfheRs(data, size) }
}
