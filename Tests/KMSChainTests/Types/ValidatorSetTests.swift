@testable import KMSPrimitives
import XCTest
@testable import KMSChain

final class ValidatorSetTests: XCTestCase {
    private func key(_ seed: UInt8) throws -> PublicKey {
        try PublicKey(ed25519: [UInt8](repeating: seed, count: 32))
    }

    func testCanonicalOrderIsPowerDescThenAddressAsc() throws {
        let a = Validator(publicKey: try key(1), votingPower: 5)
        let b = Validator(publicKey: try key(2), votingPower: 10)
        let c = Validator(publicKey: try key(3), votingPower: 5)
        let set = ValidatorSet([a, b, c])
        XCTAssertEqual(set.validators.first, b)
        let tail = Array(set.validators.dropFirst())
        XCTAssertTrue(tail[0].address.lexicographicallyPrecedes(tail[1].address))
        XCTAssertEqual(set.totalVotingPower, 20)
    }

    func testEd25519LeafLayout() throws {
        let v = Validator(publicKey: try key(7), votingPower: 10)
        XCTAssertEqual(Array(v.simpleValidatorBytes.prefix(4)), [0x0A, 0x22, 0x0A, 0x20])
        XCTAssertEqual(Array(v.simpleValidatorBytes.suffix(2)), [0x10, 0x0A])
    }

    func testTotalPowerOutOfRange() throws {
        let big = Validator(publicKey: try key(1), votingPower: ValidatorSet.maxTotalVotingPower)
        let one = Validator(publicKey: try key(2), votingPower: 1)
        XCTAssertEqual(ValidatorSet([big]).totalVotingPower, ValidatorSet.maxTotalVotingPower)
        XCTAssertNil(ValidatorSet([big, one]).totalVotingPower)
        XCTAssertNil(ValidatorSet([Validator(publicKey: try key(1), votingPower: -1)]).totalVotingPower)
    }

    func testEmptySetHashIsEmptyTreeRoot() {
        XCTAssertEqual(Hex.encode(ValidatorSet.empty.hash()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }
}
