@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class RIPEMD160Tests: XCTestCase {
    func testStandardVectors() {
        let cases: [(String, String)] = [
            ("", "9c1185a5c5e9fc54612808977ee8f548b2258d31"),
            ("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe"),
            ("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc"),
            ("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36"),
            ("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc"),
            ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b"),
            ("12345678901234567890123456789012345678901234567890123456789012345678901234567890",
             "9b752e45573d4b39f4dbd3323cab82bf63326bfb"),
        ]
        for (input, digest) in cases {
            XCTAssertEqual(Hex.encode(RIPEMD160.hash(Array(input.utf8))), digest, input)
        }
        XCTAssertEqual(Hex.encode(RIPEMD160.hash([UInt8](repeating: 0x61, count: 1_000_000))),
                       "52783243c1697bdbe16d37f97f68f08325dc1528")
    }
}
