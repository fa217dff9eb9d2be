/// One change to the request store, queued for a grouped commit.
enum StoreWrite: Sendable {
    /// Records a newly accepted request as pending; refused (false) when its (kind, id) exists.
    case insert(RequestKind, RequestID, request: [UInt8])
    /// Stores the response of a pending request.
    case finish(RequestKind, RequestID, result: [UInt8])
    /// Marks a pending request failed with a reason.
    case fail(RequestKind, RequestID, reason: String)
}

extension StoreWrite {
    /// Whether the commit holding this write must sync the log before its callers resume: always
    /// for an accepted request (nothing accepted is lost); for an outcome only when a redo could
    /// not reproduce it (`RequestKind.outcomeMayBeRedone`). An unsynced outcome reaches the disk
    /// with the next synced commit or checkpoint.
    var mustReachDisk: Bool {
        switch self {
        case .insert: true
        case .finish(let kind, _, _), .fail(let kind, _, _): !kind.outcomeMayBeRedone
        }
    }
}
