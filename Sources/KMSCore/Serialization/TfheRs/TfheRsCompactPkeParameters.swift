/// tfhe-rs `CompactPublicKeyEncryptionParameters` exactly as serialized: the foundation's
/// `CompactPublicKeyParameters` plus the raw `zk_scheme` field (tfhe-rs 0.11 and later).
///
/// tfhe-rs numbers `SupportedCompactPkeZkScheme` `ZkNotSupported = 0, V1 = 1, V2 = 2`; the
/// conversion to `CompactPublicKeyParameters.ZKScheme` goes by name, never by raw value.
///
/// ```swift
/// let p = TfheRsCompactPkeParameters(ParameterSet.v1_0_2m128.compactPublicKey!, layout: .v1_0)
/// p.zkScheme    // .v2
/// ```
public struct TfheRsCompactPkeParameters: Sendable, Equatable, Hashable {
    /// tfhe-rs `SupportedCompactPkeZkScheme`, with its wire values.
    public enum ZkScheme: UInt32, Sendable, Equatable, Hashable, CustomStringConvertible {
        case notSupported = 0
        case v1 = 1
        case v2 = 2

        /// The tfhe-rs variant name.
        public var description: String {
            switch self {
            case .notSupported: "ZkNotSupported"
            case .v1: "V1"
            case .v2: "V2"
            }
        }
    }

    package var encryptionLweDimension: LweDimension
    package var encryptionNoiseDistribution: NoiseDistribution
    package var messageModulus: Int
    package var carryModulus: Int
    package var expansionKind: CompactPublicKeyParameters.ExpansionKind
    /// `nil` in the 0.8 – 0.10 layout, where the field does not exist.
    package var zkScheme: ZkScheme?

    package init(encryptionLweDimension: LweDimension, encryptionNoiseDistribution: NoiseDistribution,
                messageModulus: Int, carryModulus: Int,
                expansionKind: CompactPublicKeyParameters.ExpansionKind, zkScheme: ZkScheme?) {
        self.encryptionLweDimension = encryptionLweDimension
        self.encryptionNoiseDistribution = encryptionNoiseDistribution
        self.messageModulus = messageModulus
        self.carryModulus = carryModulus
        self.expansionKind = expansionKind
        self.zkScheme = zkScheme
    }

    /// The tfhe-rs form of `p` for `layout`: the zk field is dropped before 0.11 and written as
    /// `ZkNotSupported` when `p` has none.
    package init(_ p: CompactPublicKeyParameters, layout: TfheRsLayout) {
        var zk: ZkScheme?
        if layout >= .v0_11 {
            switch p.zkScheme {
            case nil: zk = .notSupported
            case .v1?: zk = .v1
            case .v2?: zk = .v2
            }
        }
        self.init(encryptionLweDimension: p.encryptionLweDimension, encryptionNoiseDistribution: p.encryptionNoiseDistribution,
                  messageModulus: p.messageModulus, carryModulus: p.carryModulus, expansionKind: p.expansionKind, zkScheme: zk)
    }

    /// The foundation's parameters (`ZkNotSupported` and an absent field both become `nil`).
    package var parameters: CompactPublicKeyParameters {
        let zk: CompactPublicKeyParameters.ZKScheme? = switch zkScheme {
        case .v1?: .v1
        case .v2?: .v2
        default: nil
        }
        return CompactPublicKeyParameters(encryptionLweDimension: encryptionLweDimension,
                                          encryptionNoiseDistribution: encryptionNoiseDistribution,
                                          messageModulus: messageModulus, carryModulus: carryModulus,
                                          expansionKind: expansionKind, zkScheme: zk)
    }

    /// The block encoding (Δ and moduli); the reader checks the moduli, values built in code
    /// must hold `BlockEncoding`'s rules.
    package var encoding: BlockEncoding { BlockEncoding(unchecked: messageModulus, carryModulus) }
}
