import Benchmark
import KMSCore

/// Signing-layer benchmarks: EIP-712 signing of a 4-handle DecryptionResult, recovery,
/// verification, public-key decompression, Keccak-256 throughput and SHA3-256 (the digest of
/// a reencryption request's ciphertext, about 16 KiB for a euint64).
func registerEthereumBenchmarks() {
    let key = (try? Secp256k1PrivateKey(rawRepresentation: Keccak256.hash(Array("bench".utf8)))) ?? .generate()
    let domain = EIP712Domain.kmsVerifier(chainId: 11_155_111, verifyingContract: key.address)
    let handles = (0..<4).compactMap { i -> FheHandle? in
        var b = Keccak256.hash([UInt8(i)])
        b[30] = 5; b[31] = 0
        return try? FheHandle(bytes: b)
    }
    let values = (0..<4).compactMap { try? ClearValue(type: .euint64, UInt64($0) * 1_000_003) }
    let message = DecryptionResult(aclAddress: key.address, handles: handles,
                                   decryptedResult: DecryptedResultEncoder.encode(values))
    let digest = message.digest(domain: domain)
    let signature = key.signEthereum(digest: digest)

    Benchmark("EIP-712 sign DecryptionResult (4 handles)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(message.sign(with: key, domain: domain))
        }
    }
    Benchmark("secp256k1 sign 32-byte digest (RFC 6979)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(key.signEthereum(digest: digest))
        }
    }
    Benchmark("secp256k1 recover from 65-byte signature") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try? Secp256k1PublicKey.recover(digest: digest, signature65: signature))
        }
    }
    Benchmark("secp256k1 verify r‖s") { benchmark in
        let rs = Array(signature[0..<64])
        for _ in benchmark.scaledIterations {
            blackHole(key.publicKey.isValidSignature(rs, digest: digest))
        }
    }
    Benchmark("secp256k1 parse compressed public key (square root)") { benchmark in
        let compressed = key.publicKey.compressed
        for _ in benchmark.scaledIterations {
            blackHole(try? Secp256k1PublicKey(sec1: compressed))
        }
    }
    for (name, size) in [("32 B", 32), ("16 KiB", 16 << 10)] {
        let data = [UInt8](repeating: 0x5A, count: size)
        Benchmark("SHA3-256 \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(SHA3.hash256(data))
            }
        }
    }
    for (name, size) in [("1 KiB", 1024), ("1 MiB", 1 << 20)] {
        let data = [UInt8](repeating: 0xA5, count: size)
        Benchmark("Keccak-256 \(name)") { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(Keccak256.hash(data))
            }
        }
    }
}
