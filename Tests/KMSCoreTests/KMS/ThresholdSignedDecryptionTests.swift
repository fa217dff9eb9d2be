import XCTest
import KMSTestSupport
@testable import KMSCore
@testable import KMSPrimitives

/// Threshold public decryption signed by every party: the merged answer passes our
/// KMSVerifier model (`SignedDecryptionVerifier`) with the four registered test signers, and
/// the merge refuses results that disagree, repeat a signer or carry a foreign signature.
final class ThresholdSignedDecryptionTests: XCTestCase {
    func testEveryPartySignsTheOpenedValuesAndKMSVerifierAccepts() throws {
        var g = TestSeed.generator()
        let v = try EIP712Vectors.load()
        let signers = try v.testKeys.kmsSigners.map { KMSSigner(key: try Secp256k1PrivateKey(rawRepresentation: Hex.decode($0.privateKey))) }
        let dr = v.decryptionResult
        let domain = EIP712Domain.kmsVerifier(chainId: ChainID(dr.domain.chainId),
                                              verifyingContract: try EthereumAddress(eip55: dr.domain.verifyingContract))
        let acl = try EthereumAddress(eip55: dr.aclAddress)
        let handles = try dr.handlesList.map { try FheHandle(hex: $0) }
        let values: [ClearValue] = [
            ClearValue(bool: true), try ClearValue(type: .euint8, 42), try ClearValue(type: .euint64, 123_456_789),
            try ClearValue(type: .eaddress, bigEndianBytes: try Hex.decode("8ba1f109551bD432803012645Ac136ddd64DBA72")),
        ]
        let keys = try NoiseSquashingTests.testKeys()
        let shares = try ThresholdFixtures.shares(keys, n: 4, t: 1, &g)
        let squashed = try values.map { try ThresholdFixtures.directlySquashed($0, keys, &g) }
        let session = try ThresholdSessionID(bytes: g.bytes(16))
        // Party 4 is silent.
        let partials = try shares.prefix(3).map { try $0.partialDecrypt(squashed, session: session) }
        let opening = try ThresholdCombiner.combine(partials, key: shares[0].info, session: session)
        let result = try ThresholdSignedDecryption.sign(opening, handles: handles, signers: Array(signers.prefix(3)),
                                                        aclAddress: acl, domain: domain)
        XCTAssertEqual(result.plaintexts, values)
        XCTAssertEqual(result.missingParties, [4])
        XCTAssertEqual(result.signatures.count, 3)
        let verifier = try SignedDecryptionVerifier(signers: signers.map(\.address), aclAddress: acl, domain: domain)
        XCTAssertTrue(try verifier.verify(handles: handles, decryptedResult: result.decryptedResult, signatures: result.signatures))
        // The same bytes as a centralized KMS would sign.
        let central = try SignedDecryption.sign(plaintexts: values, handles: handles, signer: signers[0], aclAddress: acl, domain: domain)
        XCTAssertEqual(result.decryptedResult, central.decryptedResult)
        XCTAssertEqual(result.signatures[0], central.signature)
        XCTAssertTrue(result.json.contains("\"missing_parties\":[4]"))

        // Merging individually signed results.
        let individual = try signers.map {
            try SignedDecryption.sign(plaintexts: values, handles: handles, signer: $0, aclAddress: acl, domain: domain)
        }
        XCTAssertEqual(try ThresholdSignedDecryption.merge(individual, domain: domain).signatures.count, 4)
        XCTAssertThrowsError(try ThresholdSignedDecryption.merge([individual[0], individual[0]], domain: domain))
        var other = values
        other[1] = try ClearValue(type: .euint8, 43)
        let liar = try SignedDecryption.sign(plaintexts: other, handles: handles, signer: signers[1], aclAddress: acl, domain: domain)
        XCTAssertThrowsError(try ThresholdSignedDecryption.merge([individual[0], liar], domain: domain))
        let forged = SignedDecryptionResult(plaintexts: values, handles: handles, decryptedResult: individual[1].decryptedResult,
                                            signature: individual[2].signature, signer: individual[1].signer, message: individual[1].message)
        XCTAssertThrowsError(try ThresholdSignedDecryption.merge([individual[0], forged], domain: domain))
    }
}
