import Foundation
@testable import KMSPrimitives
import KMSTestSupport
import XCTest
@testable import KMSChain

/// KMSChain's types, for the CometBFT vector models of KMSTestSupport.
enum KMSChainTypes: CometBFTChainTypes {
    typealias LightBlock = KMSChain.LightBlock
    typealias SignedHeader = KMSChain.SignedHeader
    typealias ValidatorSet = KMSChain.ValidatorSet
    typealias Header = KMSChain.Header
    typealias BlockID = KMSChain.BlockID
}

/// The CometBFT vectors of `../shared/vectors/cometbft/`, decoded with KMSChain's types
/// (each file's SHA-256 checked by `SharedVectors`).
enum ChainVectors {
    static let base = CometBFTVectorPaths.base

    /// Raw bytes of a vector file (path relative to `cometbft/`), for the `ChainJSON` readers.
    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try SharedVectors.data(base + path))
    }

    static func knownAnswers() throws -> CometBFTKnownAnswers<KMSChainTypes> {
        try SharedVectors.decode(CometBFTVectorPaths.knownAnswers)
    }

    static func syntheticChain() throws -> CometBFTSyntheticChain<KMSChainTypes> {
        try SharedVectors.decode(CometBFTVectorPaths.syntheticChain)
    }

    static func legacyBisection(_ file: String) throws -> CometBFTLegacyBisection<KMSChainTypes> {
        try SharedVectors.decode(CometBFTVectorPaths.legacyBisectionDirectory + file)
    }

    /// The signed header of a `/commit` envelope, a bare `{"signed_header":…}` or a light block.
    static func signedHeader(_ path: String) throws -> SignedHeader {
        try SharedVectors.decode(base + path, as: CometBFTSignedHeaderFile<SignedHeader>.self).signedHeader
    }

    static let mbtDirectory = CometBFTVectorPaths.modelBasedDirectory

    /// The model-based single-step files, sorted.
    static func mbtFiles() throws -> [String] {
        try SharedVectors.files(in: mbtDirectory, endingWith: ".json")
    }

    /// One model-based single-step file.
    static func modelBased(_ file: String) throws -> CometBFTModelBasedTest<KMSChainTypes> {
        try SharedVectors.decode(mbtDirectory + "/" + file)
    }
}

func hex(_ s: String) -> [UInt8] { (try? Hex.decode(s)) ?? [] }
func upperHex(_ b: [UInt8]) -> String { Hex.encode(b, uppercase: true) }

/// SHA-256 helper for address checks in tests.
enum SHA256Digest {
    static func of(_ bytes: [UInt8]) -> [UInt8] { TestCrypto.sha256(bytes) }
}

/// n − s for the secp256k1 group order n (big-endian 32 bytes).
enum Secp256k1Order {
    static let n: [UInt8] = hex("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141")

    static func negate(_ s: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        var borrow = 0
        for i in stride(from: 31, through: 0, by: -1) {
            var d = Int(n[i]) - Int(s[i]) - borrow
            borrow = d < 0 ? 1 : 0
            if d < 0 { d += 256 }
            out[i] = UInt8(d)
        }
        return out
    }
}
