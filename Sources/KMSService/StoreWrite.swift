/// One change to the request store, queued for a grouped commit.
enum StoreWrite: Sendable {
    /// Records a newly accepted request as pending; refused (false) when its (kind, id) exists.
    case insert(RequestKind, RequestID, request: [UInt8])
    /// Stores the response of a pending request.
    case finish(RequestKind, RequestID, result: [UInt8])
    /// Marks a pending request failed with a reason.
    case fail(RequestKind, RequestID, reason: String)
}
