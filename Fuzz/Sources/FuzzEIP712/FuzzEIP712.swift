// libFuzzer target: eth_signTypedData_v4 documents (what kmsctl eip712 hash/sign/recover read),
// through the JSON parser under them. Every input ends in a digest or a typed error; the same
// document hashes to the same digest twice (no state leaks between runs).
import FuzzFixtures
import KMSCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEIP712(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let td = try? EIP712TypedData(json: bytes) else { return 0 }
    let first = try? td.digest()
    let second = try? td.digest()
    if first != second { fatalError("digest differs between two runs") }
    for name in td.types.keys.sorted().prefix(8) { _ = try? td.encodeType(name) }
    return 0
}

@_cdecl("FuzzEIP712_main")
public func FuzzEIP712Main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv) { data, size in fuzzEIP712(data, size) }
}
