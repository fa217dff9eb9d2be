import KMSTestSupport
import XCTest
@testable import KMSCore

/// HSalsa20, XSalsa20 and Poly1305 separately, so a failure points at one primitive.
final class SalsaPolyTests: XCTestCase {
    func hex(_ s: String) -> [UInt8] { (try? Hex.decode(s)) ?? [] }

    /// NaCl paper: firstkey = HSalsa20(shared, 0¹⁶); secondkey = HSalsa20(firstkey, nonce[0..<16]).
    func testHSalsa20KnownAnswers() throws {
        let firstKey = try HSalsa20.derive(key: hex(CryptoBoxTests.shared), input: [UInt8](repeating: 0, count: 16))
        XCTAssertEqual(Hex.encode(firstKey), CryptoBoxTests.firstKey)
        let secondKey = try HSalsa20.derive(key: firstKey, input: hex(CryptoBoxTests.nonce).prefix(16))
        XCTAssertEqual(Hex.encode(secondKey), "dc908dda0b9344a953629b733820778880f3ceb421bb61b91cbd4c3e66256ce4")
        XCTAssertThrowsError(try HSalsa20.derive(key: firstKey.prefix(31), input: [UInt8](repeating: 0, count: 16)))
        XCTAssertThrowsError(try HSalsa20.derive(key: firstKey, input: [UInt8](repeating: 0, count: 15)))
    }

    /// Keystream under the NaCl paper's firstkey and nonce: bytes 0..<32 are the Poly1305 key of
    /// the paper (`rs`); bytes 32..<128 recorded with PyNaCl as `crypto_secretbox_easy(0⁹⁶)`.
    func testXSalsa20Keystream() throws {
        var cipher = try XSalsa20(key: hex(CryptoBoxTests.firstKey), nonce: hex(CryptoBoxTests.nonce))
        let ks = cipher.keystream(128)
        XCTAssertEqual(Hex.encode(ks.prefix(32)), "eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880")
        XCTAssertEqual(Hex.encode(ks[32...]),
                       "309e645a74e9e0a60d8243acd9177ab51a1beb8d5a2f5d700c093c5e5585579625337bd3ab619d615760d8c5b224a85b"
                       + "1d0efe0eb8a7ee163abb0376529fcc09bab506c618e13ce777d82c3ae9d1a6f972d4160287cbfe60bf2130fc0a6ff604")
        // Any split of the stream gives the same bytes (partial blocks, whole blocks, skips).
        for splits in [[1, 127], [31, 33, 64], [64, 64], [63, 2, 63], [100, 28]] {
            var c = try XSalsa20(key: hex(CryptoBoxTests.firstKey), nonce: hex(CryptoBoxTests.nonce))
            var joined: [UInt8] = []
            for (i, s) in splits.enumerated() {
                if i == 1 {
                    c.skip(s)
                    joined += ks[joined.count..<joined.count + s]
                } else {
                    joined += c.keystream(s)
                }
            }
            XCTAssertEqual(joined, ks, "splits \(splits)")
        }
        // Long stream: block counter crosses many blocks; XOR twice restores the input.
        var data = (0..<1000).map { UInt8(truncatingIfNeeded: $0) }
        var enc = try XSalsa20(key: hex(CryptoBoxTests.firstKey), nonce: hex(CryptoBoxTests.nonce))
        enc.apply(to: &data)
        XCTAssertEqual(Array(data.prefix(128)), zip(ks, 0..<128).map { $0 ^ UInt8($1) })
        var dec = try XSalsa20(key: hex(CryptoBoxTests.firstKey), nonce: hex(CryptoBoxTests.nonce))
        dec.apply(to: &data)
        XCTAssertEqual(data, (0..<1000).map { UInt8(truncatingIfNeeded: $0) })
        XCTAssertThrowsError(try XSalsa20(key: [UInt8](repeating: 0, count: 32), nonce: [UInt8](repeating: 0, count: 8))) {
            XCTAssertEqual($0 as? BoxError, .invalidNonceLength(actual: 8))
        }
    }

    func testPoly1305KnownAnswers() throws {
        // RFC 8439 §2.5.2.
        let key = hex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b")
        let tag = try Poly1305.authenticate(Array("Cryptographic Forum Research Group".utf8), key: key)
        XCTAssertEqual(Hex.encode(tag), "a8061dc1305136c6c22b8baf0c0127a9")
        // NaCl paper: the tag of the 131-byte ciphertext under rs is the box's first 16 bytes.
        let box = hex(CryptoBoxTests.box)
        let rs = hex("eea6a7251c1e72916d11c2cb214d3c252539121d8e234e652d651fa4c8cff880")
        XCTAssertEqual(try Poly1305.authenticate(box[16...], key: rs), Array(box.prefix(16)))
        XCTAssertTrue(try Poly1305.verify(box.prefix(16), message: box[16...], key: rs))
        XCTAssertFalse(try Poly1305.verify(box.prefix(16), message: box[17...], key: rs))
        XCTAssertThrowsError(try Poly1305.authenticate([1, 2, 3], key: rs.prefix(16)))
        // Empty message.
        XCTAssertEqual(try Poly1305.authenticate([UInt8](), key: rs).count, 16)
    }

    func testSecretBoxSealOpenAgree() throws {
        var g = TestSeed.generator()
        let key = g.bytes(32), nonce = g.bytes(24)
        let m = g.bytes(300)
        let sealed = try XSalsa20Poly1305.seal(m, key: key, nonce: nonce)
        XCTAssertEqual(sealed.count, 316)
        XCTAssertEqual(try XSalsa20Poly1305.open(sealed, key: key, nonce: nonce), m)
        XCTAssertThrowsError(try XSalsa20Poly1305.open(sealed, key: g.bytes(32), nonce: nonce)) {
            XCTAssertEqual($0 as? BoxError, .authenticationFailed)
        }
    }
}
