/// Where an accepted request stands.
enum RequestStatus: String, Sendable {
    /// Accepted, not answered yet (queued or running).
    case pending
    /// Answered; the serialized response is stored.
    case finished
    /// Failed; the reason is stored.
    case failed
}

/// One row of the request store.
struct RequestRecord: Sendable, Equatable {
    var kind: RequestKind
    var id: RequestID
    var status: RequestStatus
    /// The serialized protobuf request, as accepted.
    var request: [UInt8]
    /// The serialized protobuf response (finished requests).
    var result: [UInt8]?
    /// Why it failed (failed requests).
    var failure: String?
}
