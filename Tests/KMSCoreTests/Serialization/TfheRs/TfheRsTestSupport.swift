import Foundation
import XCTest
import KMSTestSupport
@testable import KMSCore

/// The six real tfhe-rs key files of ../shared/vectors/tfhe and helpers around them.
enum RealKeys {
    struct Pair {
        let directory: String
        let expectedLayout: TfheRsLayout
        let versioned: Bool
        let clientKeySize: Int
        let publicKeySize: Int
        let cpkNoiseBound: Int
        var clientKeyPath: String { "tfhe/\(directory)/privateKey.bin" }
        var publicKeyPath: String { "tfhe/\(directory)/publicKey.bin" }
    }

    static let v0_8_0 = Pair(directory: "fhevmjs-tfhe-0.8.0", expectedLayout: .v0_8, versioned: false,
                             clientKeySize: 33054, publicKeySize: 16492, cpkNoiseBound: 42)
    static let v0_8_7 = Pair(directory: "fhevmjs-tfhe-0.8.7", expectedLayout: .v0_8, versioned: true,
                             clientKeySize: 40505, publicKeySize: 16626, cpkNoiseBound: 42)
    static let v1_0_0 = Pair(directory: "fhevmjs-tfhe-1.0.0", expectedLayout: .v1_0, versioned: true,
                             clientKeySize: 40666, publicKeySize: 33018, cpkNoiseBound: 17)
    static let all = [v0_8_0, v0_8_7, v1_0_0]

    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try SharedVectors.data(path)) }

    /// Both files of a pair, parsed.
    static func load(_ p: Pair) throws -> (ck: TfheRsClientKey, pk: TfheRsCompactPublicKey, ckFile: TfheRsFile, pkFile: TfheRsFile) {
        let ckFile = try TfheRsFile.decode(bytes(p.clientKeyPath), expecting: .clientKey)
        let pkFile = try TfheRsFile.decode(bytes(p.publicKeyPath), expecting: .compactPublicKey)
        guard case .clientKey(let ck) = ckFile.object, case .compactPublicKey(let pk) = pkFile.object else {
            throw TestFailure.record("\(p.directory): the files decoded as \(ckFile.object.type) and \(pkFile.object.type), not a ClientKey and a CompactPublicKey")
        }
        return (ck, pk, ckFile, pkFile)
    }
}
