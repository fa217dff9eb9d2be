/// Homomorphic arithmetic on encrypted fhEVM values with a `ServerKey` (tfhe-rs integer
/// `ServerKey` operations), for test harnesses and tools: results decrypt with the client key
/// and, written in tfhe-rs's layout, with tfhe-rs.
///
/// Values are radix ciphertexts (least significant block first, 2 message bits per block for
/// fhEVM's parameters) and arithmetic is modulo 2^bits. Every result is *clean*: each block
/// holds a message below the message modulus, its carries propagated by bootstrapping, so
/// results feed further operations. Inputs are LWE blocks under the big key (what
/// `ClientKey.encrypt` and tfhe-rs `FheUint` files give), compact lists (public-key
/// encryptions, fhevmjs inputs), which are first cast to the compute key as tfhe-rs expands
/// them (key switch with the casting key, then one bootstrap per block), or compressed lists
/// (what the fhEVM coprocessor stores), bootstrapped out with the decompression key; seeded
/// values (tfhe-rs `CompressedFheUint`) have their masks regenerated.
///
/// Blocks that do not depend on each other are bootstrapped on all cores.
///
/// ```swift
/// let evaluator = FheEvaluator(serverKey: serverKey)
/// let c = try evaluator.add(a, b)                          // a + b mod 2^bits
/// let d = try evaluator.scalarMultiply(c, by: 3)
/// let less = try evaluator.lessThan(a, b)                  // an ebool
/// let squared = try evaluator.mapBlocks(a) { ($0 * $0) % 4 } // any function, per block
/// ```
public struct FheEvaluator: Sendable {
    public let serverKey: ServerKey
    let encoding: BlockEncoding
    let glweDimension: Int
    let polynomialSize: Int
    /// Words per block: k·N + 1.
    let blockSize: Int

    public init(serverKey: ServerKey) {
        self.serverKey = serverKey
        let c = serverKey.parameters.compute
        encoding = c.encoding
        glweDimension = c.glweDimension.value
        polynomialSize = c.polynomialSize.value
        blockSize = c.bigLweDimension.value + 1
    }

    /// Binary operations: arithmetic modulo 2^bits (`add`, `sub`, `mul`), bitwise (`and`,
    /// `or`, `xor`) and unsigned comparisons giving an `ebool` (`eq`, `lt`).
    public enum Operation: String, Sendable, CaseIterable {
        case add, sub, mul, and, or, xor, eq, lt
    }

    /// Applies `operation` to two values of the same type (`eq` and `lt` give an `ebool`).
    public func evaluate(_ operation: Operation, _ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        switch operation {
        case .add: try add(a, b)
        case .sub: try subtract(a, b)
        case .mul: try multiply(a, b)
        case .and: try bitwise(a, b) { $0 & $1 }
        case .or: try bitwise(a, b) { $0 | $1 }
        case .xor: try bitwise(a, b) { $0 ^ $1 }
        case .eq: try equal(a, b)
        case .lt: try lessThan(a, b)
        }
    }

    // MARK: Blocks

    /// The blocks of `ct` as contiguous LWE words under the big key.
    func blocks(_ ct: FheCiphertext) throws(TFHEError) -> [UInt64] {
        guard ct.encoding == encoding else {
            throw .ciphertextMismatch("a ciphertext with message modulus \(ct.encoding.messageModulus), carry modulus \(ct.encoding.carryModulus) for a server key with \(encoding.messageModulus)/\(encoding.carryModulus)")
        }
        if case .compact(let list, let range, let packed) = ct.body {
            return try expandCompact(list, blocks: range, packed: packed)
        }
        if case .compressed(let list, let range) = ct.body {
            return try decompress(list, blocks: range)
        }
        if case .seeded(let list, let key) = ct.body, key == .big {
            guard list.lweDimension.value == blockSize - 1 else {
                throw .ciphertextMismatch("seeded blocks of dimension \(list.lweDimension) for a server key of dimension \(blockSize - 1)")
            }
            return try list.expanded().data
        }
        guard case .lwe(let list, let key) = ct.body, key == .big else {
            throw .ciphertextMismatch("evaluation takes blocks under the big key (secret-key encryptions, tfhe-rs FheUint and CompressedFheUint values), compact lists or compressed lists")
        }
        guard list.lweDimension == blockSize - 1 else {
            throw .ciphertextMismatch("blocks of dimension \(list.lweDimension) for a server key of dimension \(blockSize - 1)")
        }
        return list.data
    }

    func pair(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> ([UInt64], [UInt64]) {
        guard a.type == b.type else { throw .ciphertextMismatch("operands of types \(a.type) and \(b.type)") }
        return (try blocks(a), try blocks(b))
    }

    func ciphertext(_ type: FheType, _ data: [UInt64]) throws(TFHEError) -> FheCiphertext {
        try FheCiphertext(type: type, encoding: encoding, body: .lwe(LweCiphertextList(trusted: blockSize - 1, data), key: .big))
    }

    var messageModulus: UInt64 { UInt64(encoding.messageModulus) }
    var slots: Int { encoding.messageModulus * encoding.carryModulus }

    func table(_ f: (UInt64) -> UInt64) -> LookupTable {
        LookupTable(polynomialSize: polynomialSize, boxes: slots, delta: encoding.delta, f)
    }

    /// Bootstraps block `i` of `input` through `tables[i]` for every i, on all cores.
    func bootstrap(_ input: [UInt64], _ tables: [LookupTable]) -> [UInt64] {
        let count = tables.count, size = blockSize
        var out = [UInt64](repeating: 0, count: count * size)
        let key = serverKey
        let workers = min(ParallelWork.workerCount, count)
        input.withUnsafeBufferPointer { inBuf in
            out.withUnsafeMutableBufferPointer { outBuf in
                let target = SharedMutablePointer(outBuf.baseAddress!)
                ParallelWork.run(workers: workers) { worker in
                    let w = PBSWorkspace(bsk: key.bootstrapKey, keyswitchLevels: key.keyswitchKey.decomposer.levelCount.value)
                    var i = worker
                    while i < count {
                        tables[i].body.withUnsafeBufferPointer { lut in
                            ProgrammableBootstrap.keyswitchBootstrap(inBuf.baseAddress! + i * size, lut: lut.baseAddress!,
                                                                     ksk: key.keyswitchKey, bsk: key.bootstrapKey,
                                                                     modulusSwitch: key.modulusSwitchMode,
                                                                     into: target.pointer + i * size, workspace: w)
                        }
                        i += workers
                    }
                }
            }
        }
        return out
    }

    /// `out[i] = a[i] + b[i]` block-wise (no bootstrapping).
    func addBlocks(_ a: inout [UInt64], _ b: ArraySlice<UInt64>) {
        for (i, j) in zip(a.indices, b.indices) { a[i] &+= b[j] }
    }

    /// Adds `value·Δ` to the body of block `i`.
    func addPlaintext(_ a: inout [UInt64], block i: Int, _ value: UInt64) {
        a[i * blockSize + blockSize - 1] &+= value &* encoding.delta
    }

    /// Propagates carries from the least significant block up: block i absorbs the carry of
    /// block i − 1, then splits into its message (kept) and its carry (passed on). Blocks may
    /// hold up to msg·carry − 1 − (incoming carry); the carry out of the last block is dropped
    /// (arithmetic modulo 2^bits). Two bootstraps per block, run side by side.
    func propagate(_ a: [UInt64]) -> [UInt64] {
        var a = a
        let count = a.count / blockSize, m = messageModulus
        let message = table { $0 % m }, carry = table { $0 / m }
        var incoming: [UInt64]?
        for i in 0..<count {
            let range = i * blockSize ..< (i + 1) * blockSize
            var block = Array(a[range])
            if let c = incoming { addBlocks(&block, c[...]) }
            if i == count - 1 {
                let out = bootstrap(block, [message])
                a.replaceSubrange(range, with: out)
            } else {
                let out = bootstrap(block + block, [message, carry])
                a.replaceSubrange(range, with: out[0 ..< blockSize])
                incoming = Array(out[blockSize ..< 2 * blockSize])
            }
        }
        return a
    }

    // MARK: Arithmetic

    /// `a + b` mod 2^bits.
    public func add(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let (first, second) = try pair(a, b)
        var x = first
        addBlocks(&x, second[...])
        return try ciphertext(a.type, propagate(x))
    }

    /// `a − b` mod 2^bits: a + (not b) + 1, block by block `a_i + (msg − 1 − b_i)`.
    public func subtract(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let (x, y) = try pair(a, b)
        var s = x
        for i in s.indices { s[i] &-= y[i] }
        for i in 0 ..< s.count / blockSize { addPlaintext(&s, block: i, messageModulus - 1) }
        addPlaintext(&s, block: 0, 1)
        return try ciphertext(a.type, propagate(s))
    }

    /// `a + scalar` mod 2^bits (`scalar` given as little-endian 64-bit words, reduced to the type).
    public func scalarAdd(_ a: FheCiphertext, _ scalar: UInt64) throws(TFHEError) -> FheCiphertext {
        var x = try blocks(a)
        let digits = scalarDigits(scalar, count: x.count / blockSize)
        for (i, d) in digits.enumerated() where d != 0 { addPlaintext(&x, block: i, d) }
        return try ciphertext(a.type, propagate(x))
    }

    /// `a · scalar` mod 2^bits: for each non-zero base-msg digit d_j of the scalar, the blocks'
    /// products a_i·d_j split into low and high parts by bootstrapping, added at i + j and
    /// i + j + 1, then one carry propagation.
    public func scalarMultiply(_ a: FheCiphertext, by scalar: UInt64) throws(TFHEError) -> FheCiphertext {
        let x = try blocks(a)
        let count = x.count / blockSize, m = messageModulus
        var result = [UInt64](repeating: 0, count: x.count) // trivial zero
        for (j, d) in scalarDigits(scalar, count: count).enumerated() where d != 0 {
            let low = table { ($0 * d) % m }, high = table { ($0 * d) / m }
            let span = count - j
            var inputs: [UInt64] = [], tables: [LookupTable] = []
            for i in 0..<span {
                inputs += x[i * blockSize ..< (i + 1) * blockSize]; tables.append(low)
                if i + 1 < span { inputs += x[i * blockSize ..< (i + 1) * blockSize]; tables.append(high) }
            }
            let parts = bootstrap(inputs, tables)
            var k = 0
            for i in 0..<span {
                addSlice(&result, block: i + j, parts, k); k += 1
                if i + 1 < span { addSlice(&result, block: i + j + 1, parts, k); k += 1 }
            }
            result = propagate(result)
        }
        return try ciphertext(a.type, result)
    }

    /// `a · b` mod 2^bits: block products through bivariate tables on `msg·a_i + b_j` (needs
    /// carry modulus ≥ message modulus), low parts at i + j, high parts at i + j + 1.
    public func multiply(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let (x, y) = try pair(a, b)
        try requireBivariate()
        let count = x.count / blockSize, m = messageModulus
        let low = table { (($0 / m) * ($0 % m)) % m }, high = table { (($0 / m) * ($0 % m)) / m }
        var result = [UInt64](repeating: 0, count: x.count)
        for j in 0..<count {
            let span = count - j
            var inputs: [UInt64] = [], tables: [LookupTable] = []
            for i in 0..<span {
                let packed = packed(x, i, y, j)
                inputs += packed; tables.append(low)
                if i + 1 < span { inputs += packed; tables.append(high) }
            }
            let parts = bootstrap(inputs, tables)
            var k = 0
            for i in 0..<span {
                addSlice(&result, block: i + j, parts, k); k += 1
                if i + 1 < span { addSlice(&result, block: i + j + 1, parts, k); k += 1 }
            }
            result = propagate(result)
        }
        return try ciphertext(a.type, result)
    }

    // MARK: Bitwise and comparisons

    /// `f(a_i, b_i)` block by block through bivariate tables (no carries arise).
    public func bitwise(_ a: FheCiphertext, _ b: FheCiphertext, _ f: @escaping (UInt64, UInt64) -> UInt64) throws(TFHEError) -> FheCiphertext {
        let (x, y) = try pair(a, b)
        try requireBivariate()
        let count = x.count / blockSize, m = messageModulus
        let t = table { f($0 / m, $0 % m) % m }
        var inputs: [UInt64] = []
        for i in 0..<count { inputs += packed(x, i, y, i) }
        return try ciphertext(a.type, bootstrap(inputs, [LookupTable](repeating: t, count: count)))
    }

    /// `a == b` as an `ebool`: per-block equality, then the count of equal blocks compared with
    /// the block count, in groups that fit a block.
    public func equal(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let (x, y) = try pair(a, b)
        try requireBivariate()
        let count = x.count / blockSize, m = messageModulus
        let eq = table { $0 / m == $0 % m ? 1 : 0 }
        var inputs: [UInt64] = []
        for i in 0..<count { inputs += packed(x, i, y, i) }
        var bits = bootstrap(inputs, [LookupTable](repeating: eq, count: count))
        // Sum up to msg·carry − 1 bits per block and test "all ones", until one bit is left.
        let group = slots - 1
        while bits.count / blockSize > 1 {
            let n = bits.count / blockSize
            var sums: [UInt64] = [], tables: [LookupTable] = []
            for start in stride(from: 0, to: n, by: group) {
                let end = min(start + group, n)
                var s = Array(bits[start * blockSize ..< (start + 1) * blockSize])
                for i in start + 1 ..< end { addBlocks(&s, bits[i * blockSize ..< (i + 1) * blockSize]) }
                let width = UInt64(end - start)
                sums += s; tables.append(table { $0 == width ? 1 : 0 })
            }
            bits = bootstrap(sums, tables)
        }
        return try ciphertext(.ebool, bits)
    }

    /// `a < b` (unsigned) as an `ebool`: per-block comparison (0 less, 1 equal, 2 greater), folded
    /// from the most significant block down ("the higher block decides unless equal").
    public func lessThan(_ a: FheCiphertext, _ b: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let (x, y) = try pair(a, b)
        try requireBivariate()
        let count = x.count / blockSize, m = messageModulus
        let compare = table { let (p, q) = ($0 / m, $0 % m); return p < q ? 0 : (p == q ? 1 : 2) }
        var inputs: [UInt64] = []
        for i in 0..<count { inputs += packed(x, i, y, i) }
        var order = bootstrap(inputs, [LookupTable](repeating: compare, count: count))
        // Fold pairs (higher, lower) → higher == equal ? lower : higher, as a tree.
        let fold = table { let (h, l) = ($0 / m, $0 % m); return h == 1 ? l : h }
        while order.count / blockSize > 1 {
            let n = order.count / blockSize
            var inputs: [UInt64] = [], tables: [LookupTable] = []
            var carried: [UInt64] = []
            for low in stride(from: 0, to: n - 1, by: 2) {
                inputs += packed(order, low + 1, order, low); tables.append(fold)
            }
            if n % 2 == 1 { carried = Array(order[(n - 1) * blockSize ..< n * blockSize]) }
            order = bootstrap(inputs, tables) + carried
        }
        let less = table { $0 == 0 ? 1 : 0 }
        return try ciphertext(.ebool, bootstrap(order, [less]))
    }

    /// Applies `f` to every block's message and carry value (0 ..< msg·carry), keeping the type:
    /// results are reduced modulo the message modulus, so the value stays clean.
    public func mapBlocks(_ a: FheCiphertext, _ f: @escaping (UInt64) -> UInt64) throws(TFHEError) -> FheCiphertext {
        let x = try blocks(a)
        let m = messageModulus
        let t = table { f($0) % m }
        return try ciphertext(a.type, bootstrap(x, [LookupTable](repeating: t, count: x.count / blockSize)))
    }

    // MARK: Helpers

    func requireBivariate() throws(TFHEError) {
        guard encoding.carryModulus >= encoding.messageModulus else {
            throw .invalidParameters("two-operand tables need a carry modulus of at least the message modulus")
        }
    }

    /// `msg·x_i + y_j` (one block, no bootstrapping): both operands clean.
    func packed(_ x: [UInt64], _ i: Int, _ y: [UInt64], _ j: Int) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: blockSize)
        let m = messageModulus
        for k in 0..<blockSize { out[k] = x[i * blockSize + k] &* m &+ y[j * blockSize + k] }
        return out
    }

    func addSlice(_ result: inout [UInt64], block: Int, _ parts: [UInt64], _ k: Int) {
        for w in 0..<blockSize { result[block * blockSize + w] &+= parts[k * blockSize + w] }
    }

    /// The base-msg digits of `scalar`, `count` of them.
    func scalarDigits(_ scalar: UInt64, count: Int) -> [UInt64] {
        let bits = encoding.messageBits
        return (0..<count).map { i in i * bits < 64 ? (scalar >> UInt64(i * bits)) & (messageModulus - 1) : 0 }
    }
}

extension FheEvaluator {
    /// `a op scalar`: add and mul by their scalar algorithms, the other operations against the
    /// trivial encryption of the scalar (reduced to the type; `eq` and `lt` give an `ebool`).
    public func evaluate(_ operation: Operation, _ a: FheCiphertext, scalar: UInt64) throws(TFHEError) -> FheCiphertext {
        switch operation {
        case .add: return try scalarAdd(a, scalar)
        case .mul: return try scalarMultiply(a, by: scalar)
        default: return try evaluate(operation, a, trivial(scalar, like: a))
        }
    }

    /// A noiseless encryption of `value` with `a`'s type and block count (masks zero).
    /// The block count comes from the type (an `FheCiphertext` holds exactly its type's blocks),
    /// so a compact or compressed `a` is not expanded here only to be counted.
    func trivial(_ value: UInt64, like a: FheCiphertext) throws(TFHEError) -> FheCiphertext {
        let count = a.type.blockCount(messageBits: encoding.messageBits)
        var data = [UInt64](repeating: 0, count: count * blockSize)
        for (i, d) in scalarDigits(value, count: count).enumerated() { addPlaintext(&data, block: i, d) }
        return try ciphertext(a.type, data)
    }
}
