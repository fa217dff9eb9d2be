import Foundation
import GRPCCore
import KMSCore
import XCTest
@testable import KMSService

/// KeyGen / GetKeyGenResult of the centralized service: the key id is the request id, the
/// published files' handles are signed (internal and EIP-712), and the new key decrypts, also
/// after a restart.
@available(macOS 15.0, iOS 18.0, watchOS 11.0, tvOS 18.0, visionOS 2.0, *)
final class KeyGenServiceTests: XCTestCase {
    typealias F = ServiceFixture

    static func keyGen(id: UInt8, params: Kms_ParamChoice = .test, domain: Bool = true) -> Kms_KeyGenRequest {
        .with {
            $0.params = params
            $0.requestID = F.requestID(id)
            if domain { $0.domain = F.domain }
        }
    }

    func testKeyGenPublishesSignedHandlesAndTheNewKeyDecrypts() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let keyID = F.requestID(0x61)
        let result = try await fixture.withServer { kms, _ in
            _ = try await kms.keyGen(Self.keyGen(id: 0x61))
            return try await pollResult { try await kms.getKeyGenResult(keyID) }
        }
        XCTAssertEqual(result.requestID, keyID)
        XCTAssertEqual(Set(result.keyResults.keys), ["PublicKey", "ServerKey"])

        // The handles name the published files and carry the KMS's two signatures.
        let store = KeyStore(directory: fixture.stateDirectory.appendingPathComponent("keys/\(keyID.requestID)"))
        let files = try store.publishedFiles()
        let domain = try EIP712Domain(proto: F.domain, field: "domain")
        for type in PublicDataType.allCases {
            let entry = try XCTUnwrap(result.keyResults[type.rawValue])
            let handle = try SignedPublicDataHandle(type, handle: entry.keyHandle, signature: [UInt8](entry.signature),
                                                    externalSignature: [UInt8](entry.externalSignature))
            let file = try XCTUnwrap(files[type])
            try handle.verify(of: file, signer: F.signer.publicKey, domain: domain)
            XCTAssertThrowsError(try handle.verify(of: file + [0], signer: F.signer.publicKey, domain: domain))
        }
        // A tfhe-rs ServerKey file and a tfhe-rs CompactPublicKey, safe-serialized.
        XCTAssertTrue(String(decoding: try XCTUnwrap(files[.serverKey]).prefix(96), as: UTF8.self).contains("high_level_api::ServerKey"))
        XCTAssertTrue(String(decoding: try XCTUnwrap(files[.publicKey]).prefix(96), as: UTF8.self).contains("high_level_api::CompactPublicKey"))

        // Values encrypted under the new public key decrypt under key id = the request id, also
        // after a restart (the key set is read back from the state directory).
        let newKeys = try store.load()
        XCTAssertNotEqual(newKeys.keyID.hex, F.keySet.keyID.hex)
        let value = try ClearValue(type: .euint16, 4321)
        let ciphertext = try CiphertextFile(keyID: newKeys.keyID, ciphertext: newKeys.publicKey.encrypt(value)).encoded()
        for round: UInt8 in 0..<2 {
            let response = try await fixture.withServer { kms, _ in
                var request = try F.decryption(id: 0x70 + round, values: [value])
                request.keyID = keyID
                request.ciphertexts[0].ciphertext = Data(ciphertext)
                _ = try await kms.decrypt(request)
                return try await pollResult { try await kms.getDecryptResult(F.requestID(0x70 + round)) }
            }
            XCTAssertEqual(try KMSPlaintext(bincode: [UInt8](response.payload.plaintexts[0])).value, value)
        }
    }

    func testWithoutADomainThereIsNoExternalSignature() async throws {
        let fixture = F()
        defer { fixture.remove() }
        let result = try await fixture.withServer { kms, _ in
            _ = try await kms.keyGen(Self.keyGen(id: 0x62, domain: false))
            return try await pollResult { try await kms.getKeyGenResult(F.requestID(0x62)) }
        }
        XCTAssertEqual(result.keyResults.count, 2)
        for (_, entry) in result.keyResults {
            XCTAssertTrue(entry.externalSignature.isEmpty)
            XCTAssertEqual(entry.signature.count, 72)
        }
    }

    func testMalformedKeyGenRequestsAreRefused() async throws {
        let fixture = F()
        defer { fixture.remove() }
        try await fixture.withServer { kms, _ in
            await assertStatus(.invalidArgument) { try await kms.keyGen(Self.keyGen(id: 0x63, params: .UNRECOGNIZED(7))) }
            await assertStatus(.invalidArgument) {
                var r = Self.keyGen(id: 0x63)
                r.requestID.requestID = "not hex"
                return try await kms.keyGen(r)
            }
            await assertStatus(.invalidArgument) {
                var r = Self.keyGen(id: 0x63)
                r.domain.verifyingContract = "0x1234"
                return try await kms.keyGen(r)
            }
            await assertStatus(.notFound) { try await kms.getKeyGenResult(F.requestID(0x63)) }
            // The served key's id cannot be taken by a KeyGen.
            await assertStatus(.alreadyExists) {
                var r = Self.keyGen(id: 0x63)
                r.requestID = F.keyID
                return try await kms.keyGen(r)
            }
            _ = try await kms.keyGen(Self.keyGen(id: 0x64))
            await assertStatus(.alreadyExists) { try await kms.keyGen(Self.keyGen(id: 0x64)) }
            _ = try await pollResult { try await kms.getKeyGenResult(F.requestID(0x64)) }
        }
    }
}
