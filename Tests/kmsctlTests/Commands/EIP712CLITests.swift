import Foundation
import XCTest

final class EIP712CLITests: XCTestCase {
    static let mail = #"{"types":{"EIP712Domain":[{"name":"name","type":"string"},{"name":"version","type":"string"},{"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],"Person":[{"name":"name","type":"string"},{"name":"wallet","type":"address"}],"Mail":[{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]},"primaryType":"Mail","domain":{"name":"Ether Mail","version":"1","chainId":1,"verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},"message":{"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},"to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},"contents":"Hello, Bob!"}}"#
    static let mailDigest = "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2"

    private func writeKey(_ dir: URL, _ hex: String) throws -> String {
        var bytes: [UInt8] = [0x20, 0, 0, 0, 0, 0, 0, 0]
        var i = hex.startIndex
        while i < hex.endIndex {
            let j = hex.index(i, offsetBy: 2)
            bytes.append(UInt8(hex[i..<j], radix: 16)!)
            i = j
        }
        let path = dir.appendingPathComponent("k-\(UUID().uuidString).key").path
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        return path
    }

    func testHashSignRecoverMail() throws {
        let dir = try CLI.temporaryDirectory(self)
        let doc = dir.appendingPathComponent("mail.json")
        try Data(Self.mail.utf8).write(to: doc)
        let hash = try CLI.run(["eip712", "hash", "--typed-data", doc.path])
        XCTAssertEqual(hash.status, 0, hash.stderr)
        XCTAssertEqual(hash.stdout, Self.mailDigest + "\n")
        // from stdin
        let piped = try CLI.run(["eip712", "hash", "--typed-data", "-"], stdin: Self.mail)
        XCTAssertEqual(piped.stdout, Self.mailDigest + "\n")
        // keccak256("cow") signs the EIP's example
        let cow = try writeKey(dir, "c85ef7d79691fe79573b1a7064c19c1a9819ebdbd1faaab1a8ec92344438aaf4")
        let sig = try CLI.run(["eip712", "sign", "--key", cow, "--typed-data", doc.path])
        XCTAssertEqual(sig.status, 0, sig.stderr)
        XCTAssertEqual(sig.stdout, "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b915621c\n")
        let signature = sig.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let rec = try CLI.run(["eip712", "recover", "--typed-data", doc.path, "--signature", signature])
        XCTAssertEqual(rec.status, 0, rec.stderr)
        XCTAssertEqual(rec.stdout.split(separator: "\n").last, "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
        // uppercase hex without 0x is accepted
        let upper = try CLI.run(["eip712", "recover", "--typed-data", doc.path, "--signature", String(signature.dropFirst(2)).uppercased()])
        XCTAssertEqual(upper.stdout.split(separator: "\n").last, "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")
    }

    func testBadInputsGiveOneLineErrors() throws {
        let dir = try CLI.temporaryDirectory(self)
        let doc = dir.appendingPathComponent("mail.json")
        try Data(Self.mail.utf8).write(to: doc)
        let good = "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"
        let highS = "4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d" + "f8d666c92cfb3eac09bbc205fa0bf00eb2d7b3d4f8517d33c63c3b76ca7d2bdf" + "1b"
        var cases: [([String], String?)] = [
            (["eip712", "hash", "--typed-data", "-"], "{not json"),
            (["eip712", "hash", "--typed-data", "-"], Self.mail.replacingOccurrences(of: #""type":"Person"}"#, with: #""type":"Nobody"}"#)),
            (["eip712", "hash", "--typed-data", "-"], Self.mail.replacingOccurrences(of: "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826", with: "0xcD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826")),
            (["eip712", "hash", "--typed-data", dir.appendingPathComponent("missing.json").path], nil),
            (["eip712", "recover", "--typed-data", doc.path, "--signature", good + "1d"], nil),
            (["eip712", "recover", "--typed-data", doc.path, "--signature", good], nil),
            (["eip712", "recover", "--typed-data", doc.path, "--signature", good + "1c00"], nil),
            (["eip712", "recover", "--typed-data", doc.path, "--signature", "zz" + good], nil),
            (["eip712", "recover", "--typed-data", doc.path, "--signature", highS], nil),
        ]
        cases.append((["eip712", "sign", "--key", dir.appendingPathComponent("nokey").path, "--typed-data", doc.path], nil))
        for (args, stdin) in cases {
            let r = try CLI.run(args, stdin: stdin)
            XCTAssertNotEqual(r.status, 0, "\(args)")
            XCTAssertEqual(r.stdout, "", "\(args)")
            CLI.assertOneLine(r.stderr, "\(args)")
        }
        let hs = try CLI.run(["eip712", "recover", "--typed-data", doc.path, "--signature", highS])
        XCTAssertTrue(hs.stderr.contains("high-s"), hs.stderr)
    }
}
