/// SwiftKMS's own versioned file format for keys and ciphertexts ("native" format).
///
/// Every file is `magic "SWIFTKMS" (8 B) ‖ format version u32 LE ‖ object kind u32 LE ‖ body`,
/// where the body is bincode (see `BincodeWriter`) laid out per kind as documented on each
/// encoder. Readers reject unknown versions and kinds, truncated or oversized input, non-binary
/// secret keys and inconsistent dimensions with a `SerializationError`.
///
/// The byte-exact tfhe-rs formats (safe_serialize, versioned bincode) live beside this one;
/// this format exists so the KMS can store exactly what it needs, with its own header.
package enum NativeFormat {
    /// The 8-byte magic that starts every native file.
    package static let magic: [UInt8] = Array("SWIFTKMS".utf8)
    /// The current format version.
    package static let version: UInt32 = 1

    /// What a native file holds.
    package enum Kind: UInt32, Sendable, CustomStringConvertible {
        case clientKey = 1
        case compactPublicKey = 2
        case ciphertext = 3

        package var description: String {
            switch self {
            case .clientKey: "client key"
            case .compactPublicKey: "compact public key"
            case .ciphertext: "ciphertext"
            }
        }
    }

    /// Limits applied while reading, so hostile input cannot make the reader allocate without bound.
    package struct Limits: Sendable {
        /// Largest file accepted.
        package var maxFileSize: Int
        /// Largest LWE/GLWE dimension or polynomial size accepted.
        package var maxDimension: Int
        /// Largest number of blocks in a ciphertext.
        package var maxBlocks: Int

        package init(maxFileSize: Int, maxDimension: Int, maxBlocks: Int) {
            self.maxFileSize = maxFileSize
            self.maxDimension = maxDimension
            self.maxBlocks = maxBlocks
        }

        /// 512 MiB files (fhEVM's key limit), dimensions up to 2^16, up to 4096 blocks.
        package static let `default` = Limits(maxFileSize: 512 << 20, maxDimension: 1 << 16, maxBlocks: 4096)
    }

    /// Starts a native file of `kind`.
    static func header(_ kind: Kind) -> BincodeWriter {
        var w = BincodeWriter()
        w.writeRaw(magic)
        w.write(version)
        w.write(kind.rawValue)
        return w
    }

    /// Checks the header and returns a reader positioned at the body.
    static func open(_ bytes: [UInt8], expecting kind: Kind, limits: Limits) throws(SerializationError) -> BincodeReader {
        if bytes.count > limits.maxFileSize { throw .sizeLimitExceeded(size: bytes.count, limit: limits.maxFileSize) }
        var r = BincodeReader(bytes)
        let m = try r.readRaw(magic.count)
        guard m == magic else { throw .invalidValue(what: "file header (not a SwiftKMS file)") }
        let v: UInt32 = try r.read()
        guard v == version else { throw .unknownTag(what: "SwiftKMS format version", value: UInt64(v)) }
        let k: UInt32 = try r.read()
        guard let found = Kind(rawValue: k) else { throw .unknownTag(what: "SwiftKMS object kind", value: UInt64(k)) }
        guard found == kind else { throw .invalidValue(what: "object kind: expected a \(kind), found a \(found)") }
        return r
    }

    /// The kind of a native file, or `nil` if `bytes` does not start with a native header.
    package static func kind(of bytes: [UInt8]) -> Kind? {
        var r = BincodeReader(bytes)
        guard let m = try? r.readRaw(magic.count), m == magic,
              let v: UInt32 = try? r.read(), v == version,
              let k: UInt32 = try? r.read() else { return nil }
        return Kind(rawValue: k)
    }
}
