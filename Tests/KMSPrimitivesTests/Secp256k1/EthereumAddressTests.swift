import XCTest
import KMSTestSupport
@testable import KMSPrimitives

final class EthereumAddressTests: XCTestCase {
    /// The EIP-55 specification's own examples.
    let eip55Examples = [
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
    ]

    func testEIP55Examples() throws {
        for s in eip55Examples {
            let a = try EthereumAddress(eip55: s)
            XCTAssertEqual(a.checksummed, s)
            XCTAssertEqual(a.description, s)
            XCTAssertEqual(try EthereumAddress(hex: s.lowercased()), a)
        }
    }

    func testStrictParsingRejectsWrongCasing() throws {
        let good = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        // one letter flipped
        let flipped = "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        XCTAssertThrowsError(try EthereumAddress(eip55: flipped)) { e in
            XCTAssertEqual(e as? SignatureError, .badChecksum(flipped))
        }
        // all-lowercase and all-uppercase forms are rejected (alloy parse_checksummed semantics)
        XCTAssertThrowsError(try EthereumAddress(eip55: good.lowercased()))
        XCTAssertThrowsError(try EthereumAddress(eip55: "0x" + good.dropFirst(2).uppercased()))
        // a prefix is mandatory, and must be a lowercase 0x
        XCTAssertThrowsError(try EthereumAddress(eip55: String(good.dropFirst(2))))
        XCTAssertThrowsError(try EthereumAddress(eip55: "0X" + good.dropFirst(2)))
        // an address without letters in its checksummed form parses in any case
        XCTAssertNoThrow(try EthereumAddress(eip55: "0x0000000000000000000000000000000000000000"))
    }

    func testLenientParsingAndErrors() throws {
        let a = try EthereumAddress(hex: "5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED")
        XCTAssertEqual(a.checksummed, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        XCTAssertThrowsError(try EthereumAddress(hex: "0x1234"))
        XCTAssertThrowsError(try EthereumAddress(hex: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedff"))
        XCTAssertThrowsError(try EthereumAddress(hex: "0xZaAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"))
        XCTAssertThrowsError(try EthereumAddress(bytes: [UInt8](repeating: 1, count: 19)))
        XCTAssertEqual(try EthereumAddress(bytes: [UInt8](repeating: 0xab, count: 20)).bytes.count, 20)
        XCTAssertEqual(a.abiWord.count, 32)
        XCTAssertEqual(Array(a.abiWord[12...]), a.bytes)
    }

    /// Addresses of the fhEVM test keys (kms signers, coprocessor, relayer) from the shared vectors.
    func testAddressesOfVectorKeys() throws {
        let keys = try EIP712Vectors.load().testKeys
        let pairs = (keys.kmsSigners + [keys.coprocessor, keys.gatewayRelayer]).map { ($0.privateKey, $0.address) }
        XCTAssertEqual(pairs.count, 6)
        for (sk, addr) in pairs {
            let key = try Secp256k1PrivateKey(rawRepresentation: Hex.decode(sk))
            XCTAssertEqual(key.address.checksummed, addr)
            XCTAssertEqual(key.publicKey.address, try EthereumAddress(eip55: addr))
        }
    }
}
