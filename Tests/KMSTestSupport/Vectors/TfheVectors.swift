import Foundation

/// `tfhe/csprng_vectors.json`: tfhe-rs's AES-128-CTR CSPRNG streams for seed 1 (the ≤ 1.5 and
/// ≥ 1.6 conventions and the XOF variant) and the first words for seed 0xdeadbeef.
public struct CSPRNGVectors: Decodable, Sendable {
    public static let path = "tfhe/csprng_vectors.json"

    /// Reads and decodes the file (digest checked).
    public static func load() throws -> CSPRNGVectors { try SharedVectors.decode(path) }

    /// Seed 1, tfhe-rs ≤ 1.5: the first keystream byte is skipped.
    public let seed1SkippingFirstByte: [UInt8]
    /// Seed 1, tfhe-rs ≥ 1.6: from the first keystream byte.
    public let seed1FromFirstByte: [UInt8]
    public let xofSeed1DomainAbcdefgh: XOF
    public let deadbeefFirstWords: Words

    public struct XOF: Decodable, Sendable {
        public let derivedAESKeyLEHex: String
        public let derivedFirstCounter: String
        public let bytes: [UInt8]
        enum CodingKeys: String, CodingKey {
            case derivedAESKeyLEHex = "derived_aes_key_le_hex", derivedFirstCounter = "derived_first_counter", bytes
        }
    }

    /// The first four little-endian u64 of seed 0xdeadbeef in both conventions.
    public struct Words: Decodable, Sendable {
        public let skipByte0: [UInt64]
        public let fromByte0: [UInt64]
        enum CodingKeys: String, CodingKey { case skipByte0 = "skip_byte0", fromByte0 = "from_byte0" }
    }

    enum CodingKeys: String, CodingKey {
        case seed1SkippingFirstByte = "ctr_seed1_tfhe_rs_le_1_5__skip_byte0"
        case seed1FromFirstByte = "ctr_seed1_tfhe_rs_ge_1_6__from_byte0"
        case xofSeed1DomainAbcdefgh = "xof_seed1_domain_abcdefgh__skip_byte0"
        case deadbeefFirstWords = "derived_unverified_seed_0xdeadbeef_first4_u64_le"
    }
}

/// `tfhe/tfhe-rs-1.x-cmlext/manifest.json`: real tfhe-rs 1.x output (concrete-ml-extensions
/// 0.2.0) — a ClientKey, the big LWE secret key, the parameters, and `Vec<FheUintN>`/`Vec<FheIntN>`
/// files with their known plaintexts, sizes and SHA-256.
public struct TfheRs1xManifest: Decodable, Sendable {
    public static let directory = "tfhe/tfhe-rs-1.x-cmlext"
    public static let path = directory + "/manifest.json"

    /// Reads and decodes the file (digest checked).
    public static func load() throws -> TfheRs1xManifest { try SharedVectors.decode(path) }

    public let producer: String
    public let parameters: String
    public let files: [String: File]

    public struct File: Decodable, Sendable {
        public let size: Int
        public let sha256: String
        /// The high-level type of a ciphertext file (`FheUint8`, `FheInt16`, …).
        public let type: String?
        /// The plaintexts of a ciphertext file, in order, as decimal text.
        public let values: [DecimalValue]?
        public let encoding: String?
    }

    /// The ciphertext files (those with a type and values), sorted by name.
    public var ciphertextFiles: [(name: String, file: File)] {
        files.filter { $0.value.type != nil && $0.value.values != nil }
            .sorted { $0.key < $1.key }.map { (name: $0.key, file: $0.value) }
    }
}

/// A JSON integer or a decimal string (values beyond 2^53 are written as strings), kept as text.
public struct DecimalValue: Decodable, Sendable, Equatable, CustomStringConvertible {
    public let text: String

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) {
            text = String(i)
        } else {
            let s = try c.decode(String.self)
            let digits = s.hasPrefix("-") ? s.dropFirst() : Substring(s)
            guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "\(s) is not a decimal integer")
            }
            text = s
        }
    }

    public var description: String { text }
}

/// `tfhe/MANIFEST.tsv`: size, SHA-256 and provenance of the six fhevmjs key files.
public struct TfheKeyManifest: Sendable {
    public static let path = "tfhe/MANIFEST.tsv"

    public struct Row: Sendable {
        public let file: String
        public let bytes: Int
        public let sha256: String
        public let sourceRepository: String
        public let sourceCommit: String
        public let tfheRsVersion: String
    }

    public let rows: [Row]

    /// Reads and parses the file (digest checked).
    public static func load() throws -> TfheKeyManifest {
        let text = String(decoding: try SharedVectors.data(path), as: UTF8.self)
        var lines = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = lines.first, header.prefix(3) == ["file", "bytes", "sha256"] else {
            throw SharedVectors.VectorShapeMismatch(path: path, type: "TfheKeyManifest", reason: "unexpected header")
        }
        lines.removeFirst()
        return TfheKeyManifest(rows: try lines.map { cols in
            guard cols.count >= 7, let bytes = Int(cols[1]) else {
                throw SharedVectors.VectorShapeMismatch(path: path, type: "TfheKeyManifest", reason: "bad row \(cols)")
            }
            return Row(file: cols[0], bytes: bytes, sha256: cols[2], sourceRepository: cols[3], sourceCommit: cols[4],
                       tfheRsVersion: cols[6])
        })
    }
}
