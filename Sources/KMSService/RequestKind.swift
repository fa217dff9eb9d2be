/// The asynchronous calls whose requests and results the service records. Each kind has its own
/// id space, like the reference's per-call meta-stores.
enum RequestKind: String, Sendable, CaseIterable {
    case decrypt
    case reencrypt
    case keyGen
}

extension RequestKind {
    /// Whether an outcome of this kind may be served before it reaches the disk. If a crash loses
    /// it, the request is pending again after the restart and is redone, which is harmless when
    /// the redo gives the client the same answer: a decryption's is byte-identical (RFC 6979
    /// signatures), a reencryption's is a fresh signcryption of the same value for the same
    /// user. A KeyGen redo would make a different key than the one already handed out, so its
    /// outcome is synced before it is served.
    var outcomeMayBeRedone: Bool {
        switch self {
        case .decrypt, .reencrypt: true
        case .keyGen: false
        }
    }
}
