internal import COpenSSL

/// tfhe-rs's CSPRNG: AES-128 in counter mode, reproduced byte for byte.
///
/// The key is the 128-bit seed in little-endian byte order; counter block *i* is *i* as a
/// little-endian 128-bit integer, starting at 0; the stream is `AES_k(0) ‖ AES_k(1) ‖ …`.
/// tfhe-rs up to 1.5 starts every generator at the *second* byte of that stream
/// (`TableIndex::SECOND`); 1.6 and later start at byte 0 for new objects. Both are available.
///
/// ```swift
/// let g = try AesCtrGenerator(seed: [1] + [UInt8](repeating: 0, count: 15))   // seed 1, ≤ 1.5 semantics
/// g.nextByte()   // 14, as tfhe-rs's own CSPRNG test expects
/// ```
///
/// Used seeded only where a caller asks for reproducibility (tests, `--seed`); otherwise it is
/// seeded from the operating system (`AesCtrGenerator.system()`), as tfhe-rs seeds its engine.
package final class AesCtrGenerator: RandomGenerator {
    /// Where the stream starts.
    package enum StartOffset: Sendable {
        /// Skip the first keystream byte (tfhe-rs ≤ 1.5, and every object made with it).
        case skipFirstByte
        /// Start at byte 0 (tfhe-rs ≥ 1.6 for new objects).
        case fromFirstByte
    }

    /// Errors constructing the generator.
    package enum Error: Swift.Error, Equatable, CustomStringConvertible {
        case wrongSeedLength(Int)
        case cipherUnavailable

        package var description: String {
            switch self {
            case .wrongSeedLength(let n): "AES-CTR seed must be 16 bytes, got \(n)"
            case .cipherUnavailable: "OpenSSL AES-128-ECB is unavailable"
            }
        }
    }

    private static let blocksPerBatch = 256
    private let ctx: OpaquePointer
    private var counter: (low: UInt64, high: UInt64) = (0, 0)
    private var buffer: UnsafeMutableRawBufferPointer
    private var counters: UnsafeMutableRawBufferPointer
    private var position: Int
    private var available: Int = 0

    /// Creates a generator from a 16-byte seed (the u128 seed in little-endian order).
    package convenience init(seed: [UInt8], start: StartOffset = .skipFirstByte) throws(Error) {
        try self.init(key: seed, firstCounter: (0, 0), start: start)
    }

    /// Creates a generator with AES key `key` whose first counter block is `firstCounter`
    /// (a u128 as low/high halves, written little-endian), as tfhe-rs's XOF seeding does.
    package init(key seed: [UInt8], firstCounter: (low: UInt64, high: UInt64), start: StartOffset = .skipFirstByte) throws(Error) {
        guard seed.count == 16 else { throw .wrongSeedLength(seed.count) }
        counter = firstCounter
        guard let c = EVP_CIPHER_CTX_new() else { throw .cipherUnavailable }
        let ok = seed.withUnsafeBufferPointer {
            EVP_EncryptInit_ex(c, EVP_aes_128_ecb(), nil, $0.baseAddress, nil) == 1
                && EVP_CIPHER_CTX_set_padding(c, 0) == 1
        }
        guard ok else { EVP_CIPHER_CTX_free(c); throw .cipherUnavailable }
        ctx = c
        let size = Self.blocksPerBatch * 16
        buffer = .allocate(byteCount: size, alignment: 16)
        counters = .allocate(byteCount: size, alignment: 16)
        position = 0
        refill()
        if start == .skipFirstByte { position = 1 }
    }

    /// Creates a generator from a 128-bit seed given as an integer (stored little-endian).
    package convenience init(seed low: UInt64, _ high: UInt64 = 0, start: StartOffset = .skipFirstByte) {
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in 0..<8 {
            bytes[i] = UInt8(truncatingIfNeeded: low >> (8 * UInt64(i)))
            bytes[8 + i] = UInt8(truncatingIfNeeded: high >> (8 * UInt64(i)))
        }
        // 16 bytes by construction; only an OpenSSL without AES could fail here.
        try! self.init(seed: bytes, start: start)
    }

    /// tfhe-rs's XOF seeding (≥ 1.3, threshold / XOF key sets): the data `domain separator (8 B) ‖
    /// seed` is split into 16-byte chunks (the last zero-padded) followed by one block holding its
    /// bit length (u128 LE); chaining `c_i = AES_0(c_{i−1} ⊕ m_i)` from `c_{−1} = 0` gives the AES
    /// key (the last `c`) and the first counter (the one before it, read as u128 LE).
    package static func xof(seed: [UInt8], domainSeparator: [UInt8], start: StartOffset = .skipFirstByte) throws(Error) -> AesCtrGenerator {
        let data = domainSeparator + seed
        var blocks = stride(from: 0, to: data.count, by: 16).map { i -> [UInt8] in
            var b = Array(data[i..<min(i + 16, data.count)])
            b += [UInt8](repeating: 0, count: 16 - b.count)
            return b
        }
        var length = [UInt8](repeating: 0, count: 16)
        let bits = UInt64(data.count) * 8
        for i in 0..<8 { length[i] = UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i))) }
        blocks.append(length)
        guard let ctx = EVP_CIPHER_CTX_new() else { throw .cipherUnavailable }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let zeroKey = [UInt8](repeating: 0, count: 16)
        guard EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nil, zeroKey, nil) == 1,
              EVP_CIPHER_CTX_set_padding(ctx, 0) == 1 else { throw .cipherUnavailable }
        var chain = [UInt8](repeating: 0, count: 16)
        var previous = chain
        for m in blocks {
            let input = zip(chain, m).map { $0 ^ $1 }
            var out = [UInt8](repeating: 0, count: 16)
            var n: Int32 = 0
            guard EVP_EncryptUpdate(ctx, &out, &n, input, 16) == 1, n == 16 else { throw .cipherUnavailable }
            previous = chain
            chain = out
        }
        func word(_ b: ArraySlice<UInt8>) -> UInt64 { b.reversed().reduce(0) { $0 << 8 | UInt64($1) } }
        return try AesCtrGenerator(key: chain, firstCounter: (word(previous[0..<8]), word(previous[8..<16])), start: start)
    }

    /// A generator seeded with 128 bits from the operating system's CSPRNG.
    package static func system(start: StartOffset = .skipFirstByte) -> AesCtrGenerator {
        // A 16-byte seed cannot be rejected; only an OpenSSL without AES could fail here.
        try! AesCtrGenerator(seed: SecureRandom.bytes(16), start: start)
    }

    deinit {
        EVP_CIPHER_CTX_free(ctx)
        buffer.initializeMemory(as: UInt8.self, repeating: 0)
        buffer.deallocate()
        counters.deallocate()
    }

    private func refill() {
        for i in 0..<Self.blocksPerBatch {
            counters.storeBytes(of: counter.low.littleEndian, toByteOffset: 16 * i, as: UInt64.self)
            counters.storeBytes(of: counter.high.littleEndian, toByteOffset: 16 * i + 8, as: UInt64.self)
            let (l, o) = counter.low.addingReportingOverflow(1)
            counter.low = l
            if o { counter.high &+= 1 }
        }
        var outLen: Int32 = 0
        let ok = EVP_EncryptUpdate(ctx, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), &outLen,
                                   counters.baseAddress!.assumingMemoryBound(to: UInt8.self), Int32(buffer.count))
        // ECB over whole blocks with padding off cannot fail once initialised.
        precondition(ok == 1 && Int(outLen) == buffer.count, "AES-ECB keystream failed")
        position = 0
        available = buffer.count
    }

    package func fill(_ out: UnsafeMutableRawBufferPointer) {
        var done = 0
        while done < out.count {
            if position == available { refill() }
            let n = min(out.count - done, available - position)
            (out.baseAddress! + done).copyMemory(from: buffer.baseAddress! + position, byteCount: n)
            position += n
            done += n
        }
    }

    /// The next 16 bytes as a child seed (tfhe-rs `DeterministicSeeder::seed`).
    package func nextSeed() -> [UInt8] {
        var s = [UInt8](repeating: 0, count: 16)
        s.withUnsafeMutableBytes { fill($0) }
        return s
    }
}
