import XCTest
import KMSTestSupport
@testable import KMSCore

/// Typed test documents. Expected hashes come from eth-account 0.14 (`encode_typed_data`), the
/// EIP-712 specification's own example, and ../shared/vectors/fhevm/eip712_vectors.json.
enum TypedDataSamples {
    /// The "Ether Mail" example of EIP-712 (signed there with keccak256("cow")).
    static let mail = #"{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}"#
    /// Nested struct arrays, nested fixed arrays, signed/large integers as strings, bytes32/bytes4,
    /// lowercase and checksummed addresses, a salted domain with a hex chain id.
    static let complex = #"{"types": {"EIP712Domain": [{"name": "name", "type": "string"}, {"name": "chainId", "type": "uint256"}, {"name": "salt", "type": "bytes32"}], "Item": [{"name": "id", "type": "int64"}, {"name": "tags", "type": "string[]"}, {"name": "data", "type": "bytes"}], "Order": [{"name": "items", "type": "Item[]"}, {"name": "grid", "type": "uint8[2][]"}, {"name": "ok", "type": "bool[3]"}, {"name": "neg", "type": "int256"}, {"name": "big", "type": "uint256"}, {"name": "h", "type": "bytes32"}, {"name": "b4", "type": "bytes4"}, {"name": "owners", "type": "address[]"}]}, "primaryType": "Order", "domain": {"name": "Complex", "chainId": "0xaa36a7", "salt": "0x1111111111111111111111111111111111111111111111111111111111111111"}, "message": {"items": [{"id": -5, "tags": ["a", "bc"], "data": "0x0102"}, {"id": "9007199254740993", "tags": [], "data": "0x"}], "grid": [[1, 2], [3, 255]], "ok": [true, false, true], "neg": "-1", "big": "115792089237316195423570985008687907853269984665640564039457584007913129639935", "h": "0xabababababababababababababababababababababababababababababababab", "b4": "0xdeadbeef", "owners": ["0x8ba1f109551bd432803012645ac136ddd64dba72", "0x9D6891A6240D6130c54ae243d8005063D05fE14b"]}}"#
}

final class EIP712Tests: XCTestCase {
    private func hex(_ b: [UInt8]) -> String { Hex.encode(b, prefix: true) }

    func testMailExampleOfTheEIP() throws {
        let td = try EIP712TypedData(json: Array(TypedDataSamples.mail.utf8))
        XCTAssertEqual(try td.encodeType("Mail"), "Mail(Person from,Person to,string contents)Person(string name,address wallet)")
        XCTAssertEqual(hex(try td.typeHash("Mail")), "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2")
        XCTAssertEqual(hex(try td.domainSeparator()), "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
        XCTAssertEqual(hex(try td.structHash()), "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e")
        let digest = try td.digest()
        XCTAssertEqual(hex(digest), "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2")
        let cow = try Secp256k1PrivateKey(rawRepresentation: Keccak256.hash(Array("cow".utf8)))
        XCTAssertEqual(cow.address.checksummed, "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
        XCTAssertEqual(hex(cow.signEthereum(digest: digest)),
                       "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c")
    }

    func testComplexDocumentMatchesEthAccount() throws {
        let td = try EIP712TypedData(json: Array(TypedDataSamples.complex.utf8))
        XCTAssertEqual(try td.encodeType("Order"),
                       "Order(Item[] items,uint8[2][] grid,bool[3] ok,int256 neg,uint256 big,bytes32 h,bytes4 b4,address[] owners)Item(int64 id,string[] tags,bytes data)")
        XCTAssertEqual(hex(try td.domainSeparator()), "0x89a86dbfd0811a57cdc78ec9d87f5d6d5dde9a8633e6e413950761563964a86f")
        XCTAssertEqual(hex(try td.structHash()), "0xbd5fb7a90d8c9cd32f045d41c2e2863e355cdeda4a6c4358b8c0672a35ac17a3")
        XCTAssertEqual(hex(try td.digest()), "0x7a67609e873d63572ea71ec6e7ea10dbaad0540115cb86be8b8f8fa0ccf810bb")
    }

    func testDomainOnlyDigestAndInferredDomainType() throws {
        // Without an EIP712Domain definition, the type is inferred from the domain's keys.
        var json = TypedDataSamples.mail.replacingOccurrences(
            of: #""EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"#, with: "")
        XCTAssertFalse(json.contains("EIP712Domain"))
        let td = try EIP712TypedData(json: Array(json.utf8))
        XCTAssertEqual(hex(try td.domainSeparator()), "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f")
        json = TypedDataSamples.mail.replacingOccurrences(of: #""primaryType":"Mail""#, with: #""primaryType":"EIP712Domain""#)
        XCTAssertEqual(hex(try EIP712TypedData(json: Array(json.utf8)).digest()),
                       "0xaa83c70305ec6c131e7a88f258c40813447bec8b9bcef94e5479603d9959da07")
    }

    func testRejectsBadDocuments() throws {
        func fails(_ json: String, _ why: String, line: UInt = #line) {
            XCTAssertThrowsError(try EIP712TypedData(json: Array(json.utf8)).digest(), why, line: line)
        }
        let mail = TypedDataSamples.mail
        fails("{", "malformed JSON")
        fails("[]", "not an object")
        fails(mail.replacingOccurrences(of: #""primaryType":"Mail","#, with: ""), "missing primaryType")
        fails(mail.replacingOccurrences(of: #""type":"Person"}"#, with: #""type":"Persona"}"#), "unknown type")
        fails(mail.replacingOccurrences(of: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", with: "0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"), "bad checksum")
        fails(mail.replacingOccurrences(of: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", with: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD8"), "short address")
        fails(mail.replacingOccurrences(of: #""contents":"Hello, Bob!""#, with: #""contents":"Hello, Bob!","extra":1"#), "undeclared member")
        fails(mail.replacingOccurrences(of: #","contents":"Hello, Bob!""#, with: ""), "missing member")
        fails(mail.replacingOccurrences(of: #""chainId":1"#, with: #""chainId":1.5"#), "fractional number")
        fails(mail.replacingOccurrences(of: #""chainId":1"#, with: #""chainId":9007199254740993"#), "JSON number above 2^53")
        fails(mail.replacingOccurrences(of: #""chainId":1"#, with: #""chainId":"-1""#), "negative uint")
        fails(mail.replacingOccurrences(of: #""chainId":1"#, with: #""chainId":"0x1""# + #","chainId":2"#), "duplicate key")
        let cx = TypedDataSamples.complex
        fails(cx.replacingOccurrences(of: #""b4": "0xdeadbeef""#, with: #""b4": "0xdeadbe""#), "bytes4 with 3 bytes")
        fails(cx.replacingOccurrences(of: #""h": "0xab"#, with: #""h": "0x"#), "bytes32 with 33 bytes")
        fails(cx.replacingOccurrences(of: #"[true, false, true]"#, with: #"[true, false]"#), "fixed array length")
        fails(cx.replacingOccurrences(of: #""id": -5"#, with: #""id": "9223372036854775808""#), "int64 overflow")
        fails(cx.replacingOccurrences(of: #"[3, 255]"#, with: #"[3, 256]"#), "uint8 overflow")
        fails(cx.replacingOccurrences(of: #""ok": [true"#, with: #""ok": [1"#), "bool as number")
        fails(cx.replacingOccurrences(of: #""type": "int256""#, with: #""type": "int257""#), "bad integer width")
        XCTAssertNoThrow(try EIP712TypedData(json: Array(cx.replacingOccurrences(of: #""id": -5"#, with: #""id": "-9223372036854775808""#).utf8)).digest())
    }

    /// Every EIP-712 value of the shared vectors, through both the general encoder and the typed helpers.
    func testSharedVectors() throws {
        let v = try EIP712Vectors.load()
        // Reencrypt (published kms example and the derived one, plus the delegated variant).
        for r in [v.reencryptPublished, v.reencryptSigned] {
            let d = r.domain
            let domain = EIP712Domain.authorizationToken(
                chainId: d.chainId, verifyingContract: try EthereumAddress(eip55: d.verifyingContract))
            let pk: [UInt8]
            if let msg = r.message {
                pk = try Hex.decode(msg.publicKey)
            } else {
                pk = try Hex.decode(XCTUnwrap(r.x25519PublicKeyBincode))
            }
            let s = Reencrypt(publicKey: pk)
            XCTAssertEqual(hex(Reencrypt.typeHash), r.typehash)
            XCTAssertEqual(hex(domain.separator), r.domainSeparator)
            XCTAssertEqual(hex(s.structHash), r.structHash)
            XCTAssertEqual(hex(s.digest(domain: domain)), r.digest)
            let general = try s.typedData(domain: domain)
            XCTAssertEqual(hex(try general.digest()), r.digest)
            XCTAssertEqual(try s.recoverSigner(Hex.decode(r.signature), domain: domain).checksummed,
                           try XCTUnwrap(r.recoveredAddress ?? r.userAddress))
            if let del = r.delegatedVariant {
                let json = """
                {"types":{"Reencrypt":[{"name":"publicKey","type":"bytes"},{"name":"delegatedAccount","type":"address"}]},
                 "primaryType":"Reencrypt","domain":\(domain.json),
                 "message":{"publicKey":"\(Hex.encode(pk, prefix: true))","delegatedAccount":"\(del.delegatedAccount)"}}
                """
                let td = try EIP712TypedData(json: Array(json.utf8))
                XCTAssertEqual(try td.encodeType("Reencrypt"), del.typeString)
                XCTAssertEqual(hex(try td.structHash()), del.structHash)
                XCTAssertEqual(hex(try td.digest()), del.digest)
            }
        }
        XCTAssertNotNil(v.reencryptSigned.delegatedVariant, "the delegated variant is checked")
        // DecryptionResult in both layouts.
        let dr = v.decryptionResult
        let kmsDomain = EIP712Domain.kmsVerifier(chainId: ChainID(dr.domain.chainId),
                                                 verifyingContract: try EthereumAddress(eip55: dr.domain.verifyingContract))
        XCTAssertEqual(DecryptionResult.typeString, dr.typeString)
        XCTAssertEqual(hex(DecryptionResult.typeHash), dr.typehash)
        let acl = try EthereumAddress(eip55: dr.aclAddress)
        let handles = try dr.handlesList.map { try FheHandle(hex: $0) }
        for l in [dr.passSignaturesToCallerFalse, dr.passSignaturesToCallerTrue] {
            let s = DecryptionResult(aclAddress: acl, handles: handles, decryptedResult: try Hex.decode(l.decryptedResult))
            XCTAssertEqual(hex(s.structHash), l.structHash)
            XCTAssertEqual(hex(s.digest(domain: kmsDomain)), l.digest)
            XCTAssertEqual(hex(try s.typedData(domain: kmsDomain).digest()), l.digest)
        }
        // CiphertextVerificationForKMS
        let cv = v.ciphertextVerificationForKMS
        let m = cv.message
        // The vector spells contractAddress 0x8ba1f109551BD4…, which is not its EIP-55 form
        // (0x8ba1f109551bD4…); strict parsing rejects it, so it is read leniently here.
        let contract = m.contractAddress
        XCTAssertThrowsError(try EthereumAddress(eip55: contract))
        let c = try CiphertextVerificationForKMS(
            aclAddress: try EthereumAddress(eip55: m.aclAddress),
            hashOfCiphertext: try Hex.decode(m.hashOfCiphertext),
            userAddress: try EthereumAddress(eip55: m.userAddress),
            contractAddress: try EthereumAddress(hex: contract))
        XCTAssertEqual(CiphertextVerificationForKMS.typeString, cv.typeString)
        XCTAssertEqual(hex(CiphertextVerificationForKMS.typeHash), cv.typehash)
        XCTAssertEqual(hex(c.structHash), cv.structHash)
        XCTAssertEqual(hex(c.digest(domain: kmsDomain)), cv.digest)
        XCTAssertEqual(hex(try c.typedData(domain: kmsDomain).digest()), cv.digest)
        // CiphertextVerificationForCopro through the general encoder only.
        let cp = v.ciphertextVerificationForCopro
        let cpd = cp.domain
        let cpm = cp.message
        let handleList = cpm.handlesList.map { "\"\($0)\"" }.joined(separator: ",")
        let coproJSON = """
        {"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
          "CiphertextVerificationForCopro":[{"name":"aclAddress","type":"address"},{"name":"hashOfCiphertext","type":"bytes32"},{"name":"handlesList","type":"uint256[]"},{"name":"userAddress","type":"address"},{"name":"contractAddress","type":"address"}]},
         "primaryType":"CiphertextVerificationForCopro",
         "domain":{"name":"\(cpd.name)","version":"1","chainId":\(cpd.chainId),"verifyingContract":"\(cpd.verifyingContract)"},
         "message":{"aclAddress":"\(cpm.aclAddress)","hashOfCiphertext":"\(cpm.hashOfCiphertext)",
           "handlesList":[\(handleList)],"userAddress":"\(cpm.userAddress)","contractAddress":"\(cpm.contractAddress.lowercased())"}}
        """
        let copro = try EIP712TypedData(json: Array(coproJSON.utf8))
        XCTAssertEqual(try copro.encodeType("CiphertextVerificationForCopro"), cp.typeString)
        XCTAssertEqual(hex(try copro.structHash()), cp.structHash)
        XCTAssertEqual(hex(try copro.digest()), cp.digest)
    }

    /// The typehashes and separators listed in kms.md §7 (derived there with an independent Keccak).
    func testSpecCrossChecks() throws {
        XCTAssertEqual(Hex.encode(EIP712Domain.kmsVerifier(chainId: 1, verifyingContract: try EthereumAddress(hex: String(repeating: "0", count: 40))).typeHash),
                       "8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f")
        let salted = try EIP712Domain(name: "a", version: "1", chainId: [UInt8](repeating: 0, count: 32), verifyingContract: nil, salt: [UInt8](repeating: 0, count: 32))
        XCTAssertEqual(salted.typeString, "EIP712Domain(string name,string version,uint256 chainId,bytes32 salt)")
        let full = try EIP712Domain(name: "a", version: "1", chainId: [UInt8](repeating: 0, count: 32),
                                    verifyingContract: try EthereumAddress(hex: String(repeating: "0", count: 40)), salt: [UInt8](repeating: 0, count: 32))
        XCTAssertEqual(Hex.encode(full.typeHash), "d87cd6ef79d4e2b95e15ce8abf732db51ec771f1ca2edccf22a46c729ac56472")
        let domain = EIP712Domain.kmsVerifier(chainId: 12345, verifyingContract: try EthereumAddress(hex: "208De73316E44722e16f6dDFF40881A3e4F86104"))
        XCTAssertEqual(Hex.encode(domain.separator), "c0deb4e7614ea59d0048a86db90b80ba17a2f794450f171fe59fd15a9d7e1b61")
        var handle = [UInt8](repeating: 0, count: 32); handle[31] = 1
        let r = DecryptionResult(aclAddress: try EthereumAddress(hex: "339EcE85B9E11a3A3AA557582784a15d7F82AAf2"),
                                 handles: [try FheHandle(bytes: handle)],
                                 decryptedResult: DecryptedResultEncoder.encode([try ClearValue(type: .euint16, 16)]))
        XCTAssertEqual(Hex.encode(r.digest(domain: domain)), "6e30f566cb1775aa3844f53ab9f8efd6b834dc11781d87219ee99978c2ca1676")
    }

    /// `EIP712Domain.json` must stay readable by the typed-data parser for every chain id: JSON
    /// numbers are only accepted below 2^53, so larger ids must be written as strings.
    func testDomainJSONRoundTripsForLargeChainIDs() throws {
        let contract = try EthereumAddress(eip55: "0x9D6891A6240D6130c54ae243d8005063D05fE14b")
        let handle = try FheHandle(hex: "0x0587753438639c6bfdd7f8da9047ff4cc32917f7ce49ce1ab9ee2d0d8e010200")
        let s = DecryptionResult(aclAddress: contract, handles: [handle], decryptedResult: [1, 2, 3])
        var big = [UInt8](repeating: 0, count: 32)
        big[0] = 1
        let domains = [
            EIP712Domain.kmsVerifier(chainId: ChainID((1 << 53) - 1), verifyingContract: contract),
            EIP712Domain.kmsVerifier(chainId: ChainID(1 << 53), verifyingContract: contract),
            EIP712Domain.kmsVerifier(chainId: ChainID(.max), verifyingContract: contract),
            EIP712Domain.kmsVerifier(chainId: try ChainID(parsing: "0x" + String(repeating: "f", count: 64)), verifyingContract: contract),
            try EIP712Domain(name: "KMSVerifier", version: "1", chainId: big, verifyingContract: contract),
        ]
        for domain in domains {
            XCTAssertEqual(try s.typedData(domain: domain).digest(), s.digest(domain: domain), "\(domain.json)")
            let reparsed = try EIP712TypedData(json: Array(#"{"types":{},"primaryType":"EIP712Domain","domain":\#(domain.json)}"#.utf8))
            XCTAssertEqual(try reparsed.domainSeparator(), domain.separator, "\(domain.json)")
        }
    }
}
