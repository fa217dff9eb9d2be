// Fixed keys and requests shared by the fuzz targets and by FuzzSeeds, which writes seed
// inputs under exactly these keys (so mutations of the seeds reach the decryption code).
import KMSCore

public enum FuzzFixtures {
    /// Test-parameter key set from a fixed seed (INSECURE; fuzzing only).
    public static let keys: KeySet = {
        guard let r = try? TFHERandomness.seeded([UInt8](repeating: 0x5e, count: 16)),
              let k = try? KeySet.generate(.test, randomness: r) else { fatalError("fuzz key generation failed") }
        return k
    }()
    /// The KMS signing key.
    public static let signer: KMSSigner = {
        guard let k = try? Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x11, count: 32)) else { fatalError("signer") }
        return KMSSigner(key: k)
    }()
    /// The user's X25519 key and Ethereum wallet.
    public static let userBoxKey: BoxSecretKey = {
        guard let k = try? BoxSecretKey(bytes: [UInt8](repeating: 0x22, count: 32)) else { fatalError("box key") }
        return k
    }()
    public static let wallet: Secp256k1PrivateKey = {
        guard let k = try? Secp256k1PrivateKey(rawRepresentation: [UInt8](repeating: 0x33, count: 32)) else { fatalError("wallet") }
        return k
    }()
    public static let chainId: UInt64 = 9000
    /// A signed user request for an euint8 handle.
    public static let request: UserReencryptionRequest = {
        var handle = [UInt8](repeating: 0xab, count: 32)
        handle[29] = 0
        handle[30] = FheType.euint8.code
        handle[31] = 0
        guard let h = try? FheHandle(bytes: handle),
              let contract = try? EthereumAddress(eip55: "0xc8c9303Cd7F337fab769686B593B87DC3403E0ce") else { fatalError("request") }
        return UserReencryptionRequest.sign(handle: h, encryptionKey: userBoxKey.publicKey, contract: contract,
                                            chainId: chainId, wallet: wallet)
    }()
}

/// libFuzzer's driver. SwiftPM links an executable's entry point as `<Module>_main`; each target
/// defines that symbol and hands control to libFuzzer here (its own `main` is then unused).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt

/// Runs libFuzzer with the process arguments and `callback` as the target.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
