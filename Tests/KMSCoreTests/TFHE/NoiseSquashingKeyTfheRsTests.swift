import Foundation
import KMSTestSupport
import XCTest
@testable import KMSCore

/// The noise-squashing key in tfhe-rs's seeded `CompressedNoiseSquashingKey` form: emitted,
/// encoded, decoded, loaded back into spectra and squashing with them (consistency with
/// ourselves: no tfhe-rs noise-squashing key is available to compare bytes with), its byte size
/// against the tfhe-rs layout, determinism in the seed, hostile inputs, and the key store role.
final class NoiseSquashingKeyTfheRsTests: XCTestCase {
    private lazy var g = TestSeed.generator(function: name)

    private func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nsk-\(UUID().uuidString)")
        addTeardownBlock { try? FileManager.default.removeItem(at: d) }
        return d
    }

    /// A compressed key for the shared test keys, from this test's seed.
    private func compressed(_ keys: NoiseSquashingTests.SquashingKeys, layout: TfheRsLayout = .v1_4) throws -> TfheRsCompressedNoiseSquashingKey {
        try TfheRsCompressedNoiseSquashingKey.generate(clientKey: keys.client, privateKey: keys.privateKey, layout: layout,
                                                       randomness: try g.tfheRandomness())
    }

    /// Squashes euint8 / ebool values with `key` and decrypts them with the private key.
    private func assertSquashesAndDecrypts(_ key: NoiseSquashingKey, _ keys: NoiseSquashingTests.SquashingKeys,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let r = try g.tfheRandomness()
        var values = [ClearValue(bool: true), ClearValue(bool: false)]
        for _ in 0..<3 { values.append(try ClearValue.random(.euint8, using: &g)) }
        for v in values {
            let squashed = try key.squash(keys.client.encrypt(v, randomness: r), serverKey: keys.server)
            XCTAssertEqual(try keys.privateKey.decrypt(squashed), v, "\(v)", file: file, line: line)
        }
    }

    /// Emit → encode (1.4 and 1.6 layouts) → decode → load → squash → decrypt gives the value.
    /// This proves the seeded form is consistent with our own generation and squashing.
    func testCompressedKeyRoundTripSquashesConsistentlyWithOurselves() throws {
        let keys = try NoiseSquashingTests.testKeys()
        for layout in [TfheRsLayout.v1_4, .v1_6] {
            let key = try compressed(keys, layout: layout)
            XCTAssertEqual(key.bsk.seed.byteIndex, layout >= .v1_6 ? 0 : 1, "\(layout)")
            let bytes = try TfheRsFile(object: .compressedNoiseSquashingKey(key), layout: layout).encode()
            let file = try TfheRsFile.decode(bytes, expecting: .compressedNoiseSquashingKey, limits: .key)
            guard case .compressedNoiseSquashingKey(let decoded) = file.object else { return XCTFail("\(file.object.type)") }
            XCTAssertEqual(decoded, key, "\(layout)")
            let loaded = try NoiseSquashingKey(tfheRsCompressed: decoded, parameters: keys.privateKey.parameters,
                                               compute: keys.client.parameters)
            XCTAssertEqual(loaded.inputLweDimension, keys.client.parameters.compute.lweDimension)
            XCTAssertEqual(loaded.spectra.count, keys.key.spectra.count)
            try assertSquashesAndDecrypts(loaded, keys)
        }
    }

    /// The loaded GGSW rows decrypt to tfhe-rs's plaintexts: row k of level ℓ (the constant row)
    /// holds s_i·2^(128−B·ℓ) in coefficient 0 — so the masks regenerated from the seed are the
    /// ones the bodies were made with, in tfhe-rs's order.
    func testRegeneratedMasksMatchTheBodies() throws {
        let keys = try NoiseSquashingTests.testKeys()
        let key = try compressed(keys)
        let p = keys.privateKey.parameters
        let size = p.polynomialSize.value, k = p.glweDimension.value, levels = p.decompositionLevelCount.value
        let b = p.decompositionBaseLog.value
        // Masks of GGSW 0 from the stream (first index 1 in the 1.4 layout), bodies from the key.
        guard case .ctr(let seed) = key.bsk.seed.kind else { return XCTFail("seed kind") }
        let stream = try AesCtrGenerator(seed: seed, start: .skipFirstByte)
        let bodies = Array(key.bsk.data.bytes)
        for t in 0..<levels {
            for r in 0...k {
                var mask = [UInt64](repeating: 0, count: 2 * k * size)
                mask.withUnsafeMutableBytes { stream.fill($0) }
                let row = t * (k + 1) + r
                var lwe = [UInt64](repeating: 0, count: 2 * (k * size + 1))
                // Coefficient 0 of the GLWE phase, as an LWE: a'[c·N] = A_c[0], a'[c·N + j] = −A_c[N−j].
                for c in 0..<k {
                    for j in 0..<size {
                        let a = j == 0 ? U128(low: mask[2 * c * size], high: mask[2 * c * size + 1])
                            : U128.zero &- U128(low: mask[2 * (c * size + size - j)], high: mask[2 * (c * size + size - j) + 1])
                        lwe[2 * (c * size + j)] = a.low
                        lwe[2 * (c * size + j) + 1] = a.high
                    }
                }
                let at = row * size * 16
                func word(_ from: Int) -> UInt64 { bodies[from ..< from + 8].reversed().reduce(0) { $0 << 8 | UInt64($1) } }
                lwe[2 * k * size] = word(at)
                lwe[2 * k * size + 1] = word(at + 8)
                let phase = lwe.withUnsafeBufferPointer { keys.privateKey.phase($0.baseAddress!) }
                let bit = keys.client.lweSecretKey.coefficients[0]
                let level = levels - t
                var expected = (U128(1) << (128 - b * level)) &* U128(bit)
                if r < k { expected = U128.zero &- (expected &* U128(keys.privateKey.glweSecretKey.coefficients[r * size])) }
                let e = NoiseSquashingTests.signed(phase &- expected)
                XCTAssertLessThanOrEqual(abs(e), 1, "level \(level) row \(r)")
            }
        }
    }

    /// The encoded file has exactly the size tfhe-rs's layout gives for the test shapes: header,
    /// the versioned wrappers and newtypes, a V0 seed (1.4), and n·L·(k+1)·N u128 bodies.
    func testEncodedSizeIsTheTfheRsLayoutSize() throws {
        let keys = try NoiseSquashingTests.testKeys()
        let key = try compressed(keys)
        let bytes = try TfheRsFile(object: .compressedNoiseSquashingKey(key), layout: .v1_4).encode()
        let p = keys.privateKey.parameters
        let n = keys.client.parameters.compute.lweDimension.value
        let bodies = n * p.decompositionLevelCount.value * (p.glweDimension.value + 1) * p.polynomialSize.value
        let tag = 4, newtype = 4 + 8, modulus128 = 4 + 16 + 8
        let header = (8 + 3) + 4 + (8 + 3) + (8 + TfheRsCompressedNoiseSquashingKey.typeName.utf8.count)
        // integer T · shortint V3 T · atomic pattern T + variant · standard AP T · 128-bit BSK T + variant.
        let wrappers = tag + tag + (tag + 4) + tag + (tag + 4)
        // SeededLweBootstrapKey T · SeededGgswCiphertextList T · Vec · 4 newtypes · seed V0 · CM<u128>.
        let seeded = tag + tag + (8 + 16 * bodies) + 4 * newtype + (tag + 16) + modulus128
        let modulusSwitch = tag + 4                                  // CenteredMeanNoiseReduction
        let tail = 2 * newtype + modulus128                          // message, carry, CM<u128>
        XCTAssertEqual(bytes.count, header + wrappers + seeded + modulusSwitch + tail)
        // About a third of the standard-domain key's u128 polynomials.
        XCTAssertEqual(bodies * (p.glweDimension.value + 1), keys.key.spectra.count * p.polynomialSize.value)
    }

    /// Decompressed into tfhe-rs's standard `NoiseSquashingKey` (Fourier128, as tfhe-rs's
    /// `decompress()`): the file has the layout's size; every polynomial, taken back out of the
    /// Fourier form, is the seeded key's standard polynomial within 2^28 (what 106 bits keep of
    /// 128); and the key loaded from the file squashes values that decrypt. Consistency with our
    /// own seeded key and squashing: no tfhe-rs noise-squashing key is available here.
    func testDecompressedFourier128KeyRoundTripsAndSquashes() throws {
        let keys = try NoiseSquashingTests.testKeys()
        let p = keys.privateKey.parameters, n = keys.client.parameters.compute.lweDimension
        let seeded = try compressed(keys)
        let standard = try TfheRsNoiseSquashingKey(decompressing: seeded, parameters: p, inputLweDimension: n)
        let bytes = try TfheRsFile(object: .noiseSquashingKey(standard), layout: .v1_4).encode()
        let file = try TfheRsFile.decode(bytes, expecting: .noiseSquashingKey, limits: .key)
        guard case .noiseSquashingKey(let decoded) = file.object else { return XCTFail("\(file.object.type)") }
        XCTAssertEqual(decoded, standard)

        // Size: 4 parts of n·L·(k+1)²·N/2 doubles (Fourier128LweBootstrapKey V1), tfhe-rs's wrappers.
        let k1 = p.glweDimension.value + 1, levels = p.decompositionLevelCount.value, half = p.polynomialSize.value / 2
        let polynomials = n.value * levels * k1 * k1
        let tag = 4, newtype = 4 + 8, modulus128 = 4 + 16 + 8
        let header = (8 + 3) + 4 + (8 + 3) + (8 + TfheRsObjectType.noiseSquashingKey.typeName.utf8.count)
        let wrappers = tag + tag + (tag + 4) + tag + (tag + 4)
        let bsk = tag + 4 * (8 + 8 * polynomials * half) + 5 * newtype
        XCTAssertEqual(bytes.count, header + wrappers + bsk + (tag + 4) + 2 * newtype + modulus128)

        // Every polynomial back out of the Fourier form ≈ the seeded key's.
        let transform = try XCTUnwrap(Fourier128Transform(polynomialSize: p.polynomialSize.value))
        let worst = SharedMutablePointer(UnsafeMutablePointer<Double>.allocate(capacity: ParallelWork.workerCount * polynomials))
        defer { worst.pointer.deallocate() }
        worst.pointer.initialize(repeating: 0, count: ParallelWork.workerCount * polynomials)
        try seeded.forEachStandardPolynomial(parameters: p, inputLweDimension: n.value) { index, polynomial in
            let values = (0..<half).map { q -> ComplexDoubleDouble in
                let at = (index * half + q) * 8
                return ComplexDoubleDouble(DoubleDouble(decoded.bsk.parts[0].double(at: at), decoded.bsk.parts[1].double(at: at)),
                                           DoubleDouble(decoded.bsk.parts[2].double(at: at), decoded.bsk.parts[3].double(at: at)))
            }
            let back = transform.backward(values)
            var e = 0.0
            for j in 0 ..< 2 * half {
                e = max(e, abs(NoiseSquashingTests.signed(U128(low: back[2 * j], high: back[2 * j + 1])
                                                          &- U128(low: polynomial[2 * j], high: polynomial[2 * j + 1]))))
            }
            worst.pointer[index] = e
        }
        let maxError = (0..<polynomials).map { worst.pointer[$0] }.max() ?? .infinity
        XCTAssertLessThan(maxError, 0x1p28, "Fourier128 round trip error 2^\(log2(maxError))")

        let loaded = try NoiseSquashingKey(tfheRs: decoded, parameters: p, inputLweDimension: n)
        XCTAssertEqual(loaded.spectra.count, keys.key.spectra.count)
        try assertSquashesAndDecrypts(loaded, keys)

        // Shapes that are not the parameters' are refused before any work.
        var wrong = decoded
        wrong.bsk.parts[3] = TfheRsBulk(bytes: wrong.bsk.parts[3].bytes.dropLast(8), elementSize: 8)
        XCTAssertThrowsError(try NoiseSquashingKey(tfheRs: wrong, parameters: p, inputLweDimension: n)) {
            guard case .invalidField = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try NoiseSquashingKey(tfheRs: decoded, parameters: .v1_4_message2Carry2KsPbsTUniform2M128, inputLweDimension: n)) {
            guard case .mismatch = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try NoiseSquashingKey(tfheRs: decoded, parameters: p, inputLweDimension: n,
                                                   limits: TfheRsLimits(sizeLimit: 1 << 20, maxExpandedSize: 1 << 16))) {
            guard case .expansionLimitExceeded = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
        XCTAssertThrowsError(try TfheRsNoiseSquashingKey(decompressing: seeded, parameters: p, inputLweDimension: n,
                                                         limits: TfheRsLimits(sizeLimit: 1 << 20, maxExpandedSize: 1 << 16))) {
            guard case .expansionLimitExceeded = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
    }

    /// The same randomness gives the same bytes; another gives another seed and other bodies.
    func testSameSeedGivesIdenticalBytes() throws {
        let keys = try NoiseSquashingTests.testKeys()
        var a = TestSeed.generator("same seed"), b = TestSeed.generator("same seed"), c = TestSeed.generator("other seed")
        func file(_ gen: inout SeededGenerator) throws -> [UInt8] {
            let key = try TfheRsCompressedNoiseSquashingKey.generate(clientKey: keys.client, privateKey: keys.privateKey,
                                                                     randomness: try gen.tfheRandomness())
            return try TfheRsFile(object: .compressedNoiseSquashingKey(key), layout: .v1_4).encode()
        }
        let first = try file(&a), second = try file(&b), other = try file(&c)
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.count, other.count)
        XCTAssertNotEqual(first, other)
    }

    /// Truncated and garbage files, and every wrong shape, end in typed errors.
    func testHostileCompressedKeysAreRefusedWithTypedErrors() throws {
        let keys = try NoiseSquashingTests.testKeys()
        let key = try compressed(keys)
        let p = keys.privateKey.parameters, compute = keys.client.parameters
        let bytes = try TfheRsFile(object: .compressedNoiseSquashingKey(key), layout: .v1_4).encode()
        for cut in [0, 10, 80, bytes.count / 2, bytes.count - 1] {
            XCTAssertThrowsError(try TfheRsFile.decode(Array(bytes[..<cut]), expecting: .compressedNoiseSquashingKey, limits: .key),
                                 "cut at \(cut)") { XCTAssertTrue($0 is TfheRsError, "\($0)") }
        }
        var garbage = bytes
        for i in stride(from: 70, to: 140, by: 1) { garbage[i] = 0xFF }
        XCTAssertThrowsError(try TfheRsFile.decode(garbage, expecting: .compressedNoiseSquashingKey, limits: .key)) {
            XCTAssertTrue($0 is TfheRsError, "\($0)")
        }

        func expect(_ what: String, _ k: TfheRsCompressedNoiseSquashingKey, dimension: Int? = nil, limits: TfheRsLimits = .key,
                    parameters: NoiseSquashingParameters? = nil, _ check: (TfheRsError) -> Bool) {
            do {
                _ = try NoiseSquashingKey(tfheRsCompressed: k, parameters: parameters ?? p,
                                          inputLweDimension: LweDimension(dimension ?? compute.compute.lweDimension.value), limits: limits)
                XCTFail("\(what): accepted")
            } catch {
                XCTAssertTrue(check(error), "\(what): \(error)")
            }
        }
        func isMismatch(_ e: TfheRsError) -> Bool { if case .mismatch = e { return true }; return false }
        func isInvalid(_ e: TfheRsError) -> Bool { if case .invalidField = e { return true }; return false }
        func isUnsupported(_ e: TfheRsError) -> Bool { if case .unsupported = e { return true }; return false }
        func isExpansion(_ e: TfheRsError) -> Bool { if case .expansionLimitExceeded = e { return true }; return false }

        var k = key
        k.bsk.glweSize = 3
        expect("GLWE size", k, isMismatch)
        k = key; k.bsk.polynomialSize = 1024
        expect("polynomial size", k, isMismatch)
        k = key; k.bsk.baseLog = 23
        expect("base log", k, isMismatch)
        k = key; k.bsk.levelCount = 2
        expect("level count", k, isMismatch)
        k = key; k.messageModulus = 2
        expect("message modulus", k, isMismatch)
        k = key; k.modulusSwitch = .standard
        expect("modulus switch", k, isMismatch)
        k = key; k.bsk.data = TfheRsBulk(bytes: key.bsk.data.bytes.dropLast(16), elementSize: 16)
        expect("one body coefficient short", k, isInvalid)
        k = key; k.bsk.data = TfheRsBulk(bytes: key.bsk.data.bytes, elementSize: 8)
        expect("u64 elements", k, isMismatch)
        expect("another input dimension", key, dimension: compute.compute.lweDimension.value + 1, isInvalid)
        expect("zero input dimension", key, dimension: 0, isMismatch)
        expect("huge input dimension", key, dimension: Int.max / 2, isMismatch)
        expect("above the expansion limit", key, limits: TfheRsLimits(sizeLimit: 1 << 16), isExpansion)
        k = key; k.bsk.seed = TfheRsKeyCompressionSeed(kind: .xof(Array(repeating: 1, count: 24)), byteIndex: 0)
        expect("XOF seed", k, isUnsupported)
        k = key; k.bsk.seed.byteIndex = 5
        expect("stream starting mid-block", k, isUnsupported)
        var bad = p
        bad.decompositionBaseLog = 60
        expect("invalid parameters", key, parameters: bad, isMismatch)

        // A layout without the centered-mean switch cannot hold the key.
        XCTAssertThrowsError(try TfheRsCompressedNoiseSquashingKey.generate(clientKey: keys.client, privateKey: keys.privateKey,
                                                                            layout: .v1_2, randomness: try g.tfheRandomness())) {
            guard case .unsupported = $0 as? TfheRsError else { return XCTFail("\($0)") }
        }
    }

    /// `keygen --noise-squashing`'s path: saving with a noise-squashing private key writes the
    /// public key (0644), which loads and squashes; the key set is never silently replaced.
    func testKeyStoreRoundTripWritesThePublicKeyReadableAndNeverOverwrites() throws {
        let r = try g.tfheRandomness()
        let keySet = try KeySet.generate(.test, randomness: r)
        let server = try ServerKey.generate(for: keySet.clientKey, randomness: r)
        let privateKey = try NoiseSquashingPrivateKey.generate(KeyStore.noiseSquashingParameters(for: .test), randomness: r)
        let dir = tempDir()
        let store = KeyStore(directory: dir)
        let m = try store.save(keySet, serverKey: server, noiseSquashingKey: privateKey, randomness: r)
        let entry = try XCTUnwrap(m.files[KeyStore.noiseSquashingPublicKeyRole])
        XCTAssertEqual(try SecureFile.permissions(of: dir.appendingPathComponent(entry.path)), 0o644)
        XCTAssertTrue(store.hasNoiseSquashingPublicKey)
        let file = try TfheRsFile.decode(try SecureFile.read(dir.appendingPathComponent(entry.path)), limits: .key)
        XCTAssertEqual(file.object.type, .compressedNoiseSquashingKey)

        let loaded = try store.loadNoiseSquashingKey()
        let keys = NoiseSquashingTests.SquashingKeys(client: keySet.clientKey, server: try store.loadServerKey(), privateKey: privateKey, key: loaded)
        try assertSquashesAndDecrypts(loaded, keys)
        let (chosen, stored) = try store.noiseSquashingKeyForSquashing()
        XCTAssertTrue(stored)
        XCTAssertEqual(chosen.spectra.count, loaded.spectra.count)

        XCTAssertThrowsError(try store.save(keySet, serverKey: server, noiseSquashingKey: privateKey)) {
            guard case .alreadyExists = $0 as? StorageError else { return XCTFail("\($0)") }
        }
        XCTAssertEqual(try store.readFile(role: KeyStore.noiseSquashingPublicKeyRole).count, try SecureFile.read(dir.appendingPathComponent(entry.path)).count)

        // A key set without the public key falls back to generating it from the private key.
        let older = KeyStore(directory: tempDir())
        try older.save(keySet, serverKey: server)
        XCTAssertFalse(older.hasNoiseSquashingPublicKey)
        XCTAssertThrowsError(try older.loadNoiseSquashingKey()) {
            guard case .notFound = $0 as? StorageError else { return XCTFail("\($0)") }
        }
    }
}
