import Foundation
import XCTest
import KMSCore
import KMSTestSupport

/// `kmsctl key inspect | import | export` and the tfhe-rs options of encrypt/decrypt, run as a
/// user would, against the real tfhe-rs key files.
final class KeyCLITests: XCTestCase {
    private struct Pair {
        let dir: String
        let header: String?
        let lwe: Int
        let layout: String
    }

    private let pairs = [Pair(dir: "fhevmjs-tfhe-0.8.0", header: nil, lwe: 1024, layout: "0.8.0-0.10.x"),
                         Pair(dir: "fhevmjs-tfhe-0.8.7", header: "0.5", lwe: 887, layout: "0.8.0-0.10.x"),
                         Pair(dir: "fhevmjs-tfhe-1.0.0", header: "0.5", lwe: 918, layout: "1.0.x")]

    private func path(_ pair: Pair, _ file: String) throws -> String {
        try SharedVectors.url("tfhe/\(pair.dir)/\(file)").path
    }

    private func inspection(_ text: String) throws -> KeyInspectionOutput {
        try CLIOutput.decode(KeyInspectionOutput.self, text)
    }

    private func run(_ args: [String], file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let r = try CLI.run(args)
        XCTAssertEqual(r.status, 0, "\(args.joined(separator: " ")): \(r.stderr)", file: file, line: line)
        return r.stdout
    }

    func testInspectDescribesEveryRealFileWithoutKeyMaterial() throws {
        for pair in pairs {
            let text = try run(["key", "inspect", try path(pair, "privateKey.bin")])
            let ck = try inspection(text)
            XCTAssertEqual(ck.object, "high_level_api::ClientKey")
            XCTAssertEqual(ck.headerVersion.wrapped, pair.header, pair.dir)
            if pair.header == nil { XCTAssertTrue(ck.headerVersion.isNull) }
            XCTAssertEqual(ck.sizeBytes, try Data(contentsOf: URL(fileURLWithPath: path(pair, "privateKey.bin"))).count)
            XCTAssertEqual(ck.secret, true)
            XCTAssertEqual(ck.tfheRsVersions, [pair.layout])
            let p = try XCTUnwrap(ck.parameters)
            XCTAssertEqual(p.lweDimension, pair.lwe)
            let names = try CLIOutput.decode(KeyInspectionOutput.ParameterNames.self, text).parameters
            for field in ["glwe_dimension", "polynomial_size", "lwe_noise_distribution", "glwe_noise_distribution", "pbs_base_log",
                          "pbs_level", "ks_base_log", "ks_level", "message_modulus", "carry_modulus", "max_noise_level",
                          "log2_p_fail", "ciphertext_modulus", "encryption_key_choice", "compact_public_key_parameters",
                          "key_switching_parameters", "compression_parameters"] {
                XCTAssertNotNil(names[field], "\(pair.dir): \(field)")
            }
            let pk = try inspection(run(["key", "inspect", try path(pair, "publicKey.bin")]))
            XCTAssertEqual(pk.object, "high_level_api::CompactPublicKey")
            XCTAssertEqual(pk.secret, false)
        }
        // Exact values for the fhEVM key, and no key material: the whole description is small.
        let out = try run(["key", "inspect", try path(pairs[1], "privateKey.bin")])
        XCTAssertLessThan(out.count, 4000)
        let d = try inspection(out)
        XCTAssertEqual(d.parameterSet, "default")
        let p = try XCTUnwrap(d.parameters)
        XCTAssertEqual(p.log2PFail, -64.138)
        XCTAssertEqual(p.lweNoiseDistribution?.tUniform, ["bound_log2": 46])
        XCTAssertEqual(p.encryptionKeyChoice, "Big")
        XCTAssertEqual(p.compressionParameters?.storageLogModulus, 12)
        XCTAssertEqual(p.keySwitchingParameters?.destinationKey, "Small")
        let v100 = try inspection(run(["key", "inspect", try path(pairs[2], "privateKey.bin")]))
        XCTAssertEqual(v100.closestParameterSet, "2m128")
        XCTAssertEqual(v100.parameters?.compactPublicKeyParameters?.zkScheme, "V2")
    }

    func testCorruptedFilesAreRejectedByInspectAndImport() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let original = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(pairs[1], "privateKey.bin"))))
        let truncated = tmp.appendingPathComponent("truncated.bin")
        try Data(original.prefix(original.count - 1)).write(to: truncated)
        let flipped = tmp.appendingPathComponent("flipped.bin")
        var f = original; f[59] ^= 0x04   // hl::ClientKey version tag
        try Data(f).write(to: flipped)
        let trailing = tmp.appendingPathComponent("trailing.bin")
        try Data(original + [0]).write(to: trailing)
        for bad in [truncated, flipped, trailing] {
            let r = try CLI.run(["key", "inspect", bad.path])
            XCTAssertNotEqual(r.status, 0, bad.lastPathComponent)
            XCTAssertTrue(r.stderr.contains(bad.lastPathComponent), r.stderr)
            XCTAssertEqual(r.stdout, "")
            let out = tmp.appendingPathComponent("keys-\(bad.lastPathComponent)")
            let i = try CLI.run(["key", "import", "--client-key", bad.path, "--public-key", try path(pairs[1], "publicKey.bin"), "--out", out.path])
            XCTAssertNotEqual(i.status, 0, bad.lastPathComponent)
            XCTAssertFalse(FileManager.default.fileExists(atPath: out.path), "nothing written for a rejected import")
        }
        let flippedTag = try CLI.run(["key", "inspect", flipped.path])
        XCTAssertTrue(flippedTag.stderr.contains("unsupported version 5 of high_level_api::ClientKey"), flippedTag.stderr)
    }

    func testImportThenExportGivesBackTheOriginalBytes() throws {
        let tmp = try CLI.temporaryDirectory(self)
        for pair in pairs {
            let keys = tmp.appendingPathComponent("keys-\(pair.dir)")
            let id = try run(["key", "import", "--client-key", try path(pair, "privateKey.bin"),
                              "--public-key", try path(pair, "publicKey.bin"), "--out", keys.path])
                .trimmingCharacters(in: .whitespacesAndNewlines)
            XCTAssertEqual(id.count, 40)
            let m = try KeyStore(directory: keys).manifest()
            XCTAssertEqual(m.keyID.hex, id)
            XCTAssertEqual(m.metadata["imported_from"], "tfhe-rs")
            XCTAssertEqual(m.metadata["tfhe_rs_versions"], pair.layout)
            XCTAssertNotNil(m.files["tfhe_rs_client_key"])
            XCTAssertEqual(m.files["tfhe_rs_client_key"]?.private, true)
            let exported = tmp.appendingPathComponent("export-\(pair.dir)")
            _ = try run(["key", "export", "--keys", keys.path, "--format", "tfhe-rs", "--out", exported.path])
            let ck = exported.appendingPathComponent("client_key.bin")
            XCTAssertEqual(try Data(contentsOf: ck), try Data(contentsOf: URL(fileURLWithPath: path(pair, "privateKey.bin"))), pair.dir)
            XCTAssertEqual(try Data(contentsOf: exported.appendingPathComponent("public_key.bin")),
                           try Data(contentsOf: URL(fileURLWithPath: path(pair, "publicKey.bin"))), pair.dir)
            let mode = try FileManager.default.attributesOfItem(atPath: ck.path)[.posixPermissions] as? Int
            XCTAssertEqual(mode, 0o600)
            // Exporting again refuses to overwrite without --force.
            XCTAssertNotEqual(try CLI.run(["key", "export", "--keys", keys.path, "--out", exported.path]).status, 0)
            XCTAssertEqual(try CLI.run(["key", "export", "--keys", keys.path, "--out", exported.path, "--force"]).status, 0)
            // The imported key set decrypts what encrypt writes under it (native format too).
            let ct = tmp.appendingPathComponent("\(pair.dir).ct").path
            _ = try run(["encrypt", "--keys", keys.path, "--type", "euint32", "--value", "4000000000", "--out", ct])
            XCTAssertEqual(try run(["decrypt", "--keys", keys.path, "--ct", ct]), "4000000000\n")
        }
    }

    func testImportRefusesAPublicKeyOfAnotherClientKey() throws {
        let tmp = try CLI.temporaryDirectory(self)
        // Our own default key set has the same parameters as the 0.8.7 pair, but different keys.
        let ours = tmp.appendingPathComponent("ours")
        _ = try run(["keygen", "--params", "default", "--no-server-key", "--out", ours.path])
        let exported = tmp.appendingPathComponent("ours-tfhe-rs")
        _ = try run(["key", "export", "--keys", ours.path, "--format", "tfhe-rs", "--out", exported.path])
        let r = try CLI.run(["key", "import", "--client-key", try path(pairs[1], "privateKey.bin"),
                             "--public-key", exported.appendingPathComponent("public_key.bin").path,
                             "--out", tmp.appendingPathComponent("mixed").path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("not made from this client key"), r.stderr)
        // Keys from different releases are refused too.
        let r2 = try CLI.run(["key", "import", "--client-key", try path(pairs[1], "privateKey.bin"),
                              "--public-key", try path(pairs[2], "publicKey.bin"), "--out", tmp.appendingPathComponent("mixed2").path])
        XCTAssertNotEqual(r2.status, 0)
    }

    func testExportOfGeneratedKeysFollowsTheParameterSetOrTheOverride() throws {
        let tmp = try CLI.temporaryDirectory(self)
        for (params, expected) in [("default", "0.8.0-0.10.x"), ("2m128", "1.0.x")] {
            let keys = tmp.appendingPathComponent("keys-\(params)")
            _ = try run(["keygen", "--params", params, "--no-server-key", "--out", keys.path])
            let out = tmp.appendingPathComponent("tfhe-\(params)")
            _ = try run(["key", "export", "--keys", keys.path, "--format", "tfhe-rs", "--out", out.path])
            let d = try inspection(run(["key", "inspect", out.appendingPathComponent("client_key.bin").path]))
            XCTAssertEqual(d.tfheRsVersions, [expected], params)
            XCTAssertEqual(d.parameterSet, params)
            // Re-import gives the same key id.
            let again = tmp.appendingPathComponent("again-\(params)")
            let id = try run(["key", "import", "--client-key", out.appendingPathComponent("client_key.bin").path,
                              "--public-key", out.appendingPathComponent("public_key.bin").path, "--out", again.path])
            XCTAssertEqual(try KeyStore(directory: keys).manifest().keyID.hex + "\n", id)
        }
        let keys = tmp.appendingPathComponent("keys-default")
        let v10 = tmp.appendingPathComponent("tfhe-default-1.0")
        _ = try run(["key", "export", "--keys", keys.path, "--format", "tfhe-rs", "--out", v10.path, "--tfhe-rs-version", "1.0.0"])
        let d = try inspection(run(["key", "inspect", v10.appendingPathComponent("client_key.bin").path]))
        XCTAssertEqual(d.tfheRsVersions, ["1.0.x"])
        XCTAssertNotEqual(try CLI.run(["key", "export", "--keys", keys.path, "--out", v10.path, "--tfhe-rs-version", "2.3"]).status, 0)
        // 2m128 parameters cannot be written in the 0.8 layout (modulus-switch noise reduction).
        let r = try CLI.run(["key", "export", "--keys", tmp.appendingPathComponent("keys-2m128").path, "--out",
                             tmp.appendingPathComponent("x").path, "--tfhe-rs-version", "0.8"])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("noise reduction"), r.stderr)
    }

    /// kmsctl encrypts under a real tfhe-rs public key file and decrypts with the real client key
    /// file (both ways kmsctl: tfhe-rs itself does not decrypt here).
    func testOurEncryptionUnderARealPublicKeyFileDecryptsWithTheRealClientKeyFile() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let cases: [(String, String, String)] = [
            ("ebool", "true", "1"), ("euint4", "9", "9"), ("euint8", "0xff", "255"), ("euint16", "65535", "65535"),
            ("euint32", "123456789", "123456789"), ("euint64", "18446744073709551615", "18446744073709551615"),
            ("euint128", "340282366920938463463374607431768211455", "340282366920938463463374607431768211455"),
            ("eaddress", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"),
            ("euint256", "7", "7"), ("ebytes64", "0x01", "0x" + String(repeating: "0", count: 126) + "01"),
            ("ebytes128", "0x" + String(repeating: "ab", count: 128), "0x" + String(repeating: "ab", count: 128)),
            ("ebytes256", "1", "0x" + String(repeating: "0", count: 510) + "01"),
        ]
        for pair in pairs {
            let subset = pair.dir == "fhevmjs-tfhe-0.8.7" ? cases : [cases[5], cases[0]]
            for (type, input, output) in subset {
                for packed in [false, true] {
                    let ct = tmp.appendingPathComponent("\(pair.dir)-\(type)-\(packed).bin").path
                    _ = try run(["encrypt", "--public-key", try path(pair, "publicKey.bin"), "--type", type, "--value", input,
                                 "--format", "tfhe-rs", "--out", ct] + (packed ? ["--packed"] : []))
                    let d = try inspection(run(["key", "inspect", ct]))
                    XCTAssertEqual(d.object, "high_level_api::CompactCiphertextList")
                    XCTAssertEqual(d.headerVersion.wrapped, pair.header)
                    XCTAssertEqual(try run(["decrypt", "--client-key", try path(pair, "privateKey.bin"), "--ct", ct]), output + "\n",
                                   "\(pair.dir) \(type) packed=\(packed)")
                }
            }
        }
        // --public-key only makes tfhe-rs lists.
        XCTAssertNotEqual(try CLI.run(["encrypt", "--public-key", try path(pairs[1], "publicKey.bin"), "--type", "euint8",
                                       "--value", "1", "--format", "native", "--out", tmp.appendingPathComponent("x").path]).status, 0)
    }

    /// kmsctl's tfhe-rs-format ciphertexts (and a compressed list written by our encoder) under
    /// an imported key set, decrypted by kmsctl.
    func testOurTfheRsFormatFilesAndCompressedListsRoundTripThroughOurCode() throws {
        let tmp = try CLI.temporaryDirectory(self)
        let keys = tmp.appendingPathComponent("keys")
        _ = try run(["key", "import", "--client-key", try path(pairs[1], "privateKey.bin"),
                     "--public-key", try path(pairs[1], "publicKey.bin"), "--out", keys.path])
        for method in ["public", "secret"] {
            let ct = tmp.appendingPathComponent("\(method).bin").path
            _ = try run(["encrypt", "--keys", keys.path, "--type", "euint16", "--value", "31337", "--with", method,
                         "--format", "tfhe-rs", "--out", ct])
            let d = try inspection(run(["key", "inspect", ct]))
            XCTAssertEqual(d.object, method == "public" ? "high_level_api::CompactCiphertextList" : "high_level_api::FheUint")
            XCTAssertEqual(try run(["decrypt", "--keys", keys.path, "--ct", ct]), "31337\n", method)
            XCTAssertEqual(try run(["decrypt", "--client-key", try path(pairs[1], "privateKey.bin"), "--ct", ct]), "31337\n", method)
        }
        // A native ciphertext of the imported key set decrypts with the tfhe-rs client key file too.
        let native = tmp.appendingPathComponent("native.ct").path
        _ = try run(["encrypt", "--keys", keys.path, "--type", "euint8", "--value", "77", "--out", native])
        XCTAssertEqual(try run(["decrypt", "--client-key", try path(pairs[1], "privateKey.bin"), "--ct", native]), "77\n")
        // A CompressedCiphertextList as the coprocessor stores it, several values, decrypted directly.
        let ck = try ClientKey(tfheRsBytes: [UInt8](Data(contentsOf: URL(fileURLWithPath: path(pairs[1], "privateKey.bin")))))
        let values = [try ClearValue(type: .euint64, 42), ClearValue(bool: true), try ClearValue(type: .euint8, 200)]
        let list = try TfheRsCompressedCiphertextList.encrypt(values, clientKey: ck)
        let file = tmp.appendingPathComponent("compressed.bin")
        try Data(TfheRsFile(object: .compressedCiphertextList(list), layout: .v0_8).encode()).write(to: file)
        XCTAssertEqual(try run(["decrypt", "--client-key", try path(pairs[1], "privateKey.bin"), "--ct", file.path]), "42\n1\n200\n")
        XCTAssertEqual(try run(["decrypt", "--keys", keys.path, "--ct", file.path, "--json"]),
                       #"[{"type":"euint64","value":"42"},{"type":"ebool","value":"1"},{"type":"euint8","value":"200"}]"# + "\n")
        let d = try inspection(run(["key", "inspect", file.path]))
        XCTAssertEqual(d.ciphertext?.fheTypes, ["euint64", "ebool", "euint8"])
        // The 1.0.0 key has no compression key: a typed error, not a wrong value.
        let r = try CLI.run(["decrypt", "--client-key", try path(pairs[2], "privateKey.bin"), "--ct", file.path])
        XCTAssertNotEqual(r.status, 0)
        XCTAssertTrue(r.stderr.contains("compression key"), r.stderr)
    }
}
