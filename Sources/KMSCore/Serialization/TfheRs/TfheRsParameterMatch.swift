/// How the parameters found in tfhe-rs keys relate to this library's named parameter sets.
///
/// ```swift
/// let m = TfheRsParameterMatch(clientKey: tfheRsKey)
/// m.parameters.name     // "default" for the fhEVM late-2024 key, "custom" otherwise
/// m.closestNamedSet     // "2m128" for a 1.0 key without compression key
/// m.differences         // ["compression: absent (2m128 has compression parameters)"]
/// ```
public struct TfheRsParameterMatch: Sendable {
    /// The parameter set: a named set when every group is equal, else `name == "custom"` with
    /// the key's own numbers.
    public let parameters: ParameterSet
    /// The named set equal to the key's parameters, if any.
    public let namedSet: String?
    /// The named set whose compute parameters are equal, when the whole set is not.
    public let closestNamedSet: String?
    /// What differs from `closestNamedSet` (empty for an exact match).
    public let differences: [String]

    /// Builds the parameter set of a tfhe-rs client key from its parameter groups.
    public init(clientKey k: TfheRsClientKey) {
        self.init(compute: k.parameters, compactPublicKey: k.compactPrivateKey?.parameters.parameters,
                  castingKeySwitch: k.compactPrivateKey?.castingParameters, compression: k.compressionKey?.parameters)
    }

    /// Matches the given parameter groups against the named sets.
    package init(compute: ClassicPBSParameters, compactPublicKey: CompactPublicKeyParameters?,
                castingKeySwitch: KeySwitchingParameters?, compression: CompressionParameters?) {
        let groups = Groups(compute: compute, compactPublicKey: compactPublicKey, casting: castingKeySwitch, compression: compression)
        if let named = ParameterSet.named.first(where: { Groups($0) == groups }) {
            parameters = named
            namedSet = named.name
            closestNamedSet = named.name
            differences = []
            return
        }
        let closest = ParameterSet.named.first { $0.compute == compute }
        var diffs: [String] = []
        if let c = closest {
            if c.compactPublicKey != compactPublicKey {
                diffs.append(compactPublicKey == nil ? "compact-PKE key: absent (\(c.name) has a dedicated one)"
                             : "compact-PKE parameters differ from \(c.name)")
            }
            if c.castingKeySwitch != castingKeySwitch { diffs.append("casting key-switch parameters differ from \(c.name)") }
            if c.compression != compression {
                diffs.append(compression == nil ? "compression: absent (\(c.name) has compression parameters)"
                             : "compression parameters differ from \(c.name)")
            }
        } else {
            diffs.append("compute parameters match no named set")
        }
        namedSet = nil
        closestNamedSet = closest?.name
        differences = diffs
        parameters = ParameterSet(
            name: "custom",
            tfheRsName: closest.map { "\($0.tfheRsName) variant (\(diffs.joined(separator: "; ")))" }
                ?? Self.describe(compute: compute, compactPublicKey: compactPublicKey),
            compute: compute, compactPublicKey: compactPublicKey, castingKeySwitch: castingKeySwitch,
            compression: compression, isSecure: closest?.isSecure ?? true)
    }

    /// A one-line description of a set by its numbers.
    static func describe(compute c: ClassicPBSParameters, compactPublicKey p: CompactPublicKeyParameters?) -> String {
        var s = "custom: n=\(c.lweDimension), GLWE \(c.glweDimension)×\(c.polynomialSize), "
            + "LWE noise \(c.lweNoiseDistribution), GLWE noise \(c.glweNoiseDistribution), "
            + "PBS 2^\(c.pbsBaseLog)×\(c.pbsLevel), KS 2^\(c.ksBaseLog)×\(c.ksLevel), "
            + "message \(c.messageModulus), carry \(c.carryModulus), key \(c.encryptionKeyChoice == .big ? "big" : "small")"
        if let p { s += "; compact PKE \(p.encryptionLweDimension) \(p.encryptionNoiseDistribution)" }
        return s
    }

    /// The parameter groups compared (names and flags are not).
    private struct Groups: Equatable {
        var compute: ClassicPBSParameters
        var compactPublicKey: CompactPublicKeyParameters?
        var casting: KeySwitchingParameters?
        var compression: CompressionParameters?

        init(compute: ClassicPBSParameters, compactPublicKey: CompactPublicKeyParameters?,
             casting: KeySwitchingParameters?, compression: CompressionParameters?) {
            self.compute = compute
            self.compactPublicKey = compactPublicKey
            self.casting = casting
            self.compression = compression
        }

        init(_ p: ParameterSet) {
            self.init(compute: p.compute, compactPublicKey: p.compactPublicKey, casting: p.castingKeySwitch, compression: p.compression)
        }
    }
}

extension TfheRsLayout {
    /// The layout a key set is exported with when nothing else decides: `default` → 0.8.x,
    /// `2m128` → 1.0.x; for other sets the oldest layout that can express them (1.0 for
    /// modulus-switch noise reduction, 0.11 for a zero-knowledge scheme, else 0.8).
    package static func preferred(for p: ParameterSet) -> TfheRsLayout {
        switch p.name {
        case ParameterSet.default.name: return .v0_8
        case ParameterSet.v1_0_2m128.name: return .v1_0
        default:
            if p.compute.modulusSwitchType == .centeredMeanNoiseReduction { return .v1_4 }
            if p.compute.modulusSwitchNoiseReduction != nil { return .v1_0 }
            if p.compactPublicKey?.zkScheme != nil { return .v0_11 }
            return .v0_8
        }
    }
}
