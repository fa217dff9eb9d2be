import XCTest
@testable import KMSCore

/// The 40-byte bincode key forms of fhevmjs (`generateKeypair`) and the KMS (`PublicEncKey`).
final class BoxKeyTests: XCTestCase {
    // fhevmjs src/sdk/reencrypt.test.ts (v0.6.x), quoted in fhevm.md §3.1.
    static let fhevmjsSecret = "20000000000000001c0922c8007e42e2c5f1e6d3221c03703c868cf17636724fe43fb49383a4dfe4"
    static let fhevmjsPublic = "2000000000000000f3efe739bc5c1f3ecc75ef238bb281358b6ad60a77a68b67888d8802c53e1c59"

    func testFhevmjsKeypair() throws {
        let sk = try BoxSecretKey(hex: Self.fhevmjsSecret)
        XCTAssertEqual(sk.publicKey.hex, Self.fhevmjsPublic)
        XCTAssertEqual(sk.hex, Self.fhevmjsSecret)
        XCTAssertEqual(sk.bincode.count, 40)
        let pk = try BoxPublicKey(hex: "0x" + Self.fhevmjsPublic.uppercased())
        XCTAssertEqual(pk, sk.publicKey)
        XCTAssertEqual(pk.bincode, try Hex.decode(Self.fhevmjsPublic))
        XCTAssertEqual(pk.bytes.count, 32)
        XCTAssertEqual(try BoxPublicKey(bincode: pk.bincode), pk)
        XCTAssertEqual(try BoxPublicKey(hex: " \(Self.fhevmjsPublic)\n"), pk)
    }

    func testSecretKeyDoesNotPrintItsBytes() throws {
        let sk = try BoxSecretKey(hex: Self.fhevmjsSecret)
        let printed = "\(sk) \(String(describing: sk)) \(String(reflecting: sk))"
        XCTAssertFalse(printed.contains("1c0922c8"), printed)
    }

    func testGeneratedKeysRoundTrip() throws {
        let sk = BoxSecretKey.generate()
        XCTAssertTrue(sk.hex.hasPrefix("2000000000000000"))
        XCTAssertEqual(sk.hex.count, 80)
        let again = try BoxSecretKey(hex: sk.hex)
        XCTAssertEqual(again.publicKey, sk.publicKey)
        XCTAssertEqual(again.rawBytes, sk.rawBytes)
    }

    func testMalformedKeysAreRefused() {
        let raw32 = String(Self.fhevmjsPublic.dropFirst(16))
        let cases: [String] = [
            raw32,                                              // raw 32 bytes, no length prefix
            "2100000000000000" + raw32,                         // wrong length prefix
            "2000000000000001" + raw32,                         // high bytes of the u64 set
            Self.fhevmjsPublic + "00",                          // trailing byte
            String(Self.fhevmjsPublic.dropLast(2)),             // truncated
            String(Self.fhevmjsPublic.dropLast(1)),             // odd digits
            "zz" + String(Self.fhevmjsPublic.dropFirst(2)),     // not hex
            "",
        ]
        for c in cases {
            XCTAssertThrowsError(try BoxPublicKey(hex: c), c) { error in
                guard case .invalidKeyEncoding = error as? BoxError else { return XCTFail("\(error)") }
            }
            XCTAssertThrowsError(try BoxSecretKey(hex: c), c)
        }
        XCTAssertThrowsError(try BoxPublicKey(bytes: [UInt8](repeating: 1, count: 33))) {
            XCTAssertEqual($0 as? BoxError, .invalidKeyLength(what: "crypto_box public key", expected: 32, actual: 33))
        }
    }
}
