/// The `manifest.json` of a key-store directory: which files make up the key set, their
/// SHA3-256 digests, the key id and parameters. Written last and atomically, so a directory
/// always describes one complete key set.
///
/// ```json
/// {
///   "created" : "2026-11-28T05:40:00Z",
///   "files" : {
///     "client_key" : { "path" : "client_key-1f0c….bin", "private" : true, "sha3_256" : "…" },
///     "public_key" : { "path" : "public_key-1f0c….bin", "private" : false, "sha3_256" : "…" }
///   },
///   "format" : "swiftkms-keyset", "key_id" : "1f0c…", "metadata" : { },
///   "parameters" : "default", "tfhe_rs_parameters" : "PARAM_MESSAGE_2_CARRY_2_KS_PBS_TUNIFORM_2M64",
///   "version" : 1
/// }
/// ```
public struct KeyManifest: Codable, Sendable, Equatable {
    /// One file of the key set.
    public struct FileEntry: Codable, Sendable, Equatable {
        /// File name inside the key directory (no path separators).
        public var path: String
        /// Lowercase hex SHA3-256 of the file's bytes.
        public var sha3_256: String
        /// Whether the file holds secret material (stored 0600).
        public var `private`: Bool

        /// An entry for one stored file.
        package init(path: String, sha3_256: String, private isPrivate: Bool) {
            self.path = path
            self.sha3_256 = sha3_256
            self.private = isPrivate
        }
    }

    /// Always `swiftkms-keyset`.
    public var format: String
    /// Manifest version (1).
    public var version: Int
    /// The key set's id (digest of the public key file).
    public var keyID: KeyID
    /// Name of the parameter set (`default`, `2m128`, `test`, or a custom name).
    public var parameters: String
    /// The tfhe-rs constant the parameters reproduce.
    public var tfheRsParameters: String
    /// Creation time, RFC 3339 UTC.
    public var created: String
    /// Files by role (`client_key`, `public_key`, and any others a tool adds).
    public var files: [String: FileEntry]
    /// Free-form facts about the key set (e.g. where it was imported from).
    public var metadata: [String: String]

    /// The `format` value of every manifest.
    package static let formatName = "swiftkms-keyset"
    /// The manifest version this code writes and reads.
    package static let currentVersion = 1

    enum CodingKeys: String, CodingKey {
        case format, version, parameters, created, files, metadata
        case keyID = "key_id"
        case tfheRsParameters = "tfhe_rs_parameters"
    }
}
