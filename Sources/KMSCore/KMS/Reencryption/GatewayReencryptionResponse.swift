/// The gateway's answer to `reencrypt` (fhevm.md §3.5 step 10):
/// `{"status":"success","response":[{"signature","payload","ciphertext_digest"}, …]}` with one element
/// per KMS party (hex without `0x`), or `{"status":"failure","error":"…"}`.
///
/// ```swift
/// let answer = try GatewayReencryptionResponse(json: Array(text.utf8))
/// if case .success(let responses) = answer { … }
/// print(GatewayReencryptionResponse.failure("unknown key").json)
/// ```
public enum GatewayReencryptionResponse: Sendable, Equatable {
    /// The parties' responses, in gateway order.
    case success([ReencryptionResponse])
    /// A refused request, with the reason.
    case failure(String)

    /// Parses the gateway JSON. Hex may carry `0x`.
    /// - Throws: `ReencryptionError.malformedJSON` for any other shape.
    public init(json: [UInt8]) throws(ReencryptionError) {
        let o = try GatewayJSON.object(json)
        let status = try GatewayJSON.string(o, "status")
        switch status {
        case "success":
            guard let list = o["response"] else { throw .malformedJSON("missing field \"response\"") }
            guard case .array(let items) = list else { throw .malformedJSON("field \"response\" is not an array") }
            var responses: [ReencryptionResponse] = []
            for (i, item) in items.enumerated() {
                guard case .object(let e) = item else { throw .malformedJSON("response[\(i)] is not an object") }
                responses.append(ReencryptionResponse(
                    signature: try GatewayJSON.hex(e, "signature"),
                    payload: try GatewayJSON.hex(e, "payload"),
                    ciphertextDigest: try GatewayJSON.hex(e, "ciphertext_digest")))
            }
            self = .success(responses)
        case "failure":
            let message = o["error"]?.stringValue ?? o["error"]?.description ?? "no error message"
            self = .failure(message)
        default:
            throw .malformedJSON("unknown status \"\(status)\"")
        }
    }

    /// Several answers as one — e.g. each threshold party's own answer: the elements of every
    /// success, in order; a failure only when no answer succeeded (the first failure).
    public static func merging(_ answers: [GatewayReencryptionResponse]) -> GatewayReencryptionResponse {
        var elements: [ReencryptionResponse] = []
        var anySuccess = false
        for case .success(let e) in answers {
            anySuccess = true
            elements += e
        }
        if !anySuccess, let failure = answers.first(where: { if case .failure = $0 { true } else { false } }) { return failure }
        return .success(elements)
    }

    /// The JSON text (hex without `0x`).
    public var json: String {
        switch self {
        case .success(let responses):
            let items = responses.map {
                GatewayJSON.encodeObject([
                    ("signature", GatewayJSON.quote(Hex.encode($0.signature))),
                    ("payload", GatewayJSON.quote(Hex.encode($0.payload))),
                    ("ciphertext_digest", GatewayJSON.quote(Hex.encode($0.ciphertextDigest))),
                ])
            }
            return GatewayJSON.encodeObject([
                ("status", GatewayJSON.quote("success")),
                ("response", "[" + items.joined(separator: ",") + "]"),
            ])
        case .failure(let message):
            return GatewayJSON.encodeObject([
                ("status", GatewayJSON.quote("failure")),
                ("error", GatewayJSON.quote(message)),
            ])
        }
    }
}
