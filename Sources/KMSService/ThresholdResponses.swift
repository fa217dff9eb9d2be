import Foundation
import SwiftProtobuf

extension Kms_DecryptionResponse {
    /// The threshold core's full answer (every agreeing party's own response, their ids, the
    /// outcome), read from the fields a V09 message does not know; nil from a centralized KMS.
    public var thresholdAnswer: Swiftkms_Party_V1_ThresholdDecryptionResponse? {
        guard !unknownFields.data.isEmpty, let bytes: [UInt8] = try? serializedBytes(),
              let answer = try? Swiftkms_Party_V1_ThresholdDecryptionResponse(serializedBytes: bytes),
              answer.hasOutcome else { return nil }
        return answer
    }
}

extension Kms_ReencryptionResponse {
    /// The threshold core's full answer (every party's response for the user, the outcome),
    /// read from the fields a V09 message does not know; nil from a centralized KMS.
    public var thresholdAnswer: Swiftkms_Party_V1_ThresholdReencryptionResponse? {
        guard !unknownFields.data.isEmpty, let bytes: [UInt8] = try? serializedBytes(),
              let answer = try? Swiftkms_Party_V1_ThresholdReencryptionResponse(serializedBytes: bytes),
              answer.hasOutcome else { return nil }
        return answer
    }
}
