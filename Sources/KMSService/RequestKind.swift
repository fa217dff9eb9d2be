/// The asynchronous calls whose requests and results the service records. Each kind has its own
/// id space, like the reference's per-call meta-stores.
enum RequestKind: String, Sendable, CaseIterable {
    case decrypt
    case reencrypt
    case keyGen
}
