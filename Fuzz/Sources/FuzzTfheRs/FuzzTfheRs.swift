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
    let ck = FuzzFixtures.keys.clientKey
    // The reencryption server's and kmsctl decrypt's path: bytes straight to values.
    _ = try? ck.decrypt(tfheRsBytes: bytes)
    // Native ciphertext files take the same path in kmsctl.
    if let file = try? CiphertextFile(decoding: bytes) { _ = try? ck.decrypt(file.ciphertext) }
    guard let file = try? TfheRsFile.decode(bytes, limits: .ciphertext) else { return 0 }
    guard let again = try? file.encode() else { fatalError("decoded \(file.object.type) does not re-encode") }
    if again != bytes { fatalError("decoded \(file.object.type) re-encodes to \(again.count) different bytes (input \(bytes.count))") }
    _ = file.inspection(sizeBytes: bytes.count).description   // kmsctl key inspect
    switch file.object {
    case .clientKey(let k):
        _ = TfheRsParameterMatch(clientKey: k)
        if let key = try? ClientKey(tfheRs: k) { _ = try? key.parameters.validate() }
    case .compactPublicKey(let k):
        _ = try? CompactPublicKey(tfheRs: k, parameters: ck.parameters)
    default:
        for type in [nil, FheType.euint8, .ebool, .euint64] { _ = try? ck.decrypt(tfheRs: file.object, as: type) }
        if case .seededCiphertext(let s) = file.object { _ = try? s.decompressed(limits: .ciphertext) }
    }
    return 0
}

@_cdecl("FuzzTfheRs_main")
public func FuzzTfheRsMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzTfheRs(data, size) }
}
