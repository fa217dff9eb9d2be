import XCTest
@testable import KMSCore

/// Typed-data documents built to exhaust the hasher: type chains far deeper than any value
/// (recursion while collecting dependencies), many values of chained types (recomputed type
/// hashes), wide documents whose type encodings add up quadratically, and array types with
/// thousands of dimensions. Each ends in a typed `EIP712Error` or the right digest.
final class EIP712HostileInputTests: XCTestCase {
    private let domain = #"{"name":"x","version":"1","chainId":1}"#

    /// `T0{T1[] x}`, `T1{T2[] x}`, … `T(n-1){uint256 v}`, plus `extra` members.
    private func chain(_ n: Int) -> String {
        (0..<n).map { i in
            i == n - 1 ? #""T\#(i)":[{"name":"v","type":"uint256"}]"# : #""T\#(i)":[{"name":"x","type":"T\#(i + 1)[]"}]"#
        }.joined(separator: ",")
    }

    private func document(types: String, primary: String, message: String) -> [UInt8] {
        Array(#"{"types":{\#(types)},"primaryType":"\#(primary)","domain":\#(domain),"message":\#(message)}"#.utf8)
    }

    /// Class 3: a dependency chain of any length never recurses; above the type-count limit
    /// the document is refused with the limit and the count named.
    func testDeepTypeChainsAreWalkedWithoutRecursionOrRefusedByCount() throws {
        for n in [50_000, EIP712TypedData.maxTypes + 1] {
            XCTAssertThrowsError(try EIP712TypedData(json: document(types: chain(n), primary: "T0", message: "{}")), "\(n)") { error in
                guard case EIP712Error.invalidTypedData(let d) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(d.contains("\(EIP712TypedData.maxTypes)") && d.contains("\(n)"), d)
            }
        }
        // Just under the limit: the whole chain is walked (iteratively) and encoded.
        let n = EIP712TypedData.maxTypes - 1
        let td = try EIP712TypedData(json: document(types: chain(n), primary: "T0", message: #"{"x":[]}"#))
        let encoded = try td.encodeType("T0")
        func signature(_ i: Int) -> String { i == n - 1 ? "T\(i)(uint256 v)" : "T\(i)(T\(i + 1)[] x)" }
        let dependencies = (1..<n).sorted { "T\($0)" < "T\($1)" }.map(signature)
        XCTAssertEqual(encoded, signature(0) + dependencies.joined())
        XCTAssertEqual(try td.structHash(), Keccak256.hash(Keccak256.hash(Array(encoded.utf8)) + Keccak256.hash([])))
        // Cycles terminate as well.
        let cyclic = try EIP712TypedData(json: document(
            types: #""A":[{"name":"b","type":"B[]"}],"B":[{"name":"a","type":"A[]"},{"name":"self","type":"B[]"}]"#,
            primary: "A", message: #"{"b":[{"a":[],"self":[]}]}"#))
        XCTAssertEqual(try cyclic.encodeType("A"), "A(B[] b)B(A[] a,B[] self)")
        _ = try cyclic.digest()
    }

    /// Class 4: every struct value of one type shares one type hash; the digest of many values of
    /// chained types is linear in the document and equals the one computed value by value.
    func testManyStructValuesOfChainedTypesHashInLinearTime() throws {
        let items = Array(repeating: #"{"x":[]}"#, count: 20_000).joined(separator: ",")
        let td = try EIP712TypedData(json: document(types: chain(1_000), primary: "T0", message: #"{"x":[\#(items)]}"#))
        let t1 = Keccak256.hash(Keccak256.hash(Array(try td.encodeType("T1").utf8)) + Keccak256.hash([]))
        let array = Keccak256.hash(Array(Array(repeating: t1, count: 20_000).joined()))
        XCTAssertEqual(try td.structHash(), Keccak256.hash(try td.typeHash("T0") + array))
    }

    /// Class 4, wide form: one struct naming a thousand types of a long chain needs a type
    /// encoding per member, together far above the per-document budget: refused, naming it.
    func testTypeEncodingsBeyondTheBudgetAreRefused() throws {
        let n = EIP712TypedData.maxTypes - 2
        let members = (0..<1000).map { #"{"name":"m\#($0)","type":"T\#($0)"}"# }.joined(separator: ",")
        let values = (0..<1000).map { #""m\#($0)":{"x":[]}"# }.joined(separator: ",")
        let td = try EIP712TypedData(json: document(types: chain(n) + #","Root":[\#(members)]"#, primary: "Root",
                                                    message: "{\(values)}"))
        XCTAssertThrowsError(try td.digest()) { error in
            guard case EIP712Error.invalidTypedData(let d) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(d.contains("\(EIP712TypedData.maxTypeEncodingBytes)"), d)
        }
    }

    /// Array types with more dimensions than values may nest, or with huge or non-decimal
    /// lengths, are refused when the document is read.
    func testArrayTypesAreBoundedAndParsedInOnePass() {
        let cases: [(String, String)] = [
            ("uint256" + String(repeating: "[]", count: 100_000), "array dimensions"),
            ("uint256" + String(repeating: "[2]", count: 33), "array dimensions"),
            ("uint256[99999999999999999999999]", "unknown"),
            ("uint256[0x10]", "unknown"),
            ("uint256[1", "unknown"),
            ("[]", "unknown"),
        ]
        for (type, expected) in cases {
            let doc = document(types: #""A":[{"name":"a","type":"\#(type)"}]"#, primary: "A", message: "{}")
            XCTAssertThrowsError(try EIP712TypedData(json: doc), String(type.prefix(40))) { error in
                XCTAssertTrue("\(error)".contains(expected), "\(type.prefix(40)): \(error)")
            }
        }
        let ok = document(types: #""A":[{"name":"a","type":"uint8\#(String(repeating: "[1]", count: 32))"}]"#, primary: "A", message: "{}")
        XCTAssertNoThrow(try EIP712TypedData(json: ok))
    }

    /// A type with more members than the limit is refused with the limit named.
    func testMemberCountIsBounded() {
        let members = (0...EIP712TypedData.maxMembers).map { #"{"name":"m\#($0)","type":"bool"}"# }.joined(separator: ",")
        XCTAssertThrowsError(try EIP712TypedData(json: document(types: #""A":[\#(members)]"#, primary: "A", message: "{}"))) { error in
            XCTAssertTrue("\(error)".contains("\(EIP712TypedData.maxMembers)"), "\(error)")
        }
    }
}
