/// The noise-squashing keys as `safe_serialize` objects of their own (tfhe-rs 1.1+ names them
/// `integer::NoiseSquashingKey` and `integer::CompressedNoiseSquashingKey`; there is no
/// high-level name): the same bytes as inside a server key's `Option`, read only in layouts that
/// have them.
extension TfheRsNoiseSquashingKey {
    /// The tfhe-rs type name in `safe_serialize` headers.
    package static let typeName = "integer::NoiseSquashingKey"

    init(standaloneFrom d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.require(TfheRsLayoutSet.from(.v1_1), what: "a noise-squashing key (tfhe-rs 1.1 on)", at: d.offset)
        try self.init(from: &d)
    }

    func encodeStandalone(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_1 else {
            throw .unsupported("noise-squashing keys are written in tfhe-rs 1.1 layouts or later, not \(e.layout)")
        }
        try encode(to: &e)
    }
}

extension TfheRsCompressedNoiseSquashingKey {
    init(standaloneFrom d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.require(TfheRsLayoutSet.from(.v1_1), what: "a compressed noise-squashing key (tfhe-rs 1.1 on)", at: d.offset)
        try self.init(from: &d)
    }

    func encodeStandalone(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_1 else {
            throw .unsupported("compressed noise-squashing keys are written in tfhe-rs 1.1 layouts or later, not \(e.layout)")
        }
        try encode(to: &e)
    }
}

extension TfheRsCompressedNoiseSquashingCompressionKey {
    init(standaloneFrom d: inout TfheRsDecoder) throws(TfheRsError) {
        try d.require(TfheRsLayoutSet.from(.v1_3), what: "a compressed noise-squashing compression key (tfhe-rs 1.3 on)", at: d.offset)
        try self.init(from: &d)
    }

    func encodeStandalone(to e: inout TfheRsEncoder) throws(TfheRsError) {
        guard e.layout >= .v1_3 else {
            throw .unsupported("compressed noise-squashing compression keys are written in tfhe-rs 1.3 layouts or later, not \(e.layout)")
        }
        try encode(to: &e)
    }
}
