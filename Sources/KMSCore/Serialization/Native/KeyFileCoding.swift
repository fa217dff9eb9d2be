/// Native-format encoding of keys.
///
/// - Client key body: parameters (`ParameterSetCoding`), then each binary key as
///   `u64 length ‖ one byte (0/1) per coefficient`: small LWE key, GLWE key, `Option` compact-PKE
///   key, `Option` compression GLWE key. Dimensions must match the parameters.
/// - Compact public key body: parameters, then `Vec<u64>` mask and `Vec<u64>` body (N words each).
package enum KeyFileCoding {
    /// Serialises a client key (secret: store with 0600 permissions).
    package static func encode(_ key: ClientKey) -> [UInt8] {
        var w = NativeFormat.header(.clientKey)
        ParameterSetCoding.write(key.parameters, to: &w)
        writeBinary(key.lweSecretKey.coefficients, &w)
        writeBinary(key.glweSecretKey.coefficients, &w)
        w.writeOptionTag(key.compactPrivateKey != nil)
        if let k = key.compactPrivateKey { writeBinary(k.coefficients, &w) }
        w.writeOptionTag(key.compressionKey != nil)
        if let k = key.compressionKey { writeBinary(k.coefficients, &w) }
        return w.bytes
    }

    /// Reads a client key, checking every dimension against the embedded parameters.
    package static func decodeClientKey(_ bytes: [UInt8], limits: NativeFormat.Limits = .default) throws(SerializationError) -> ClientKey {
        var r = try NativeFormat.open(bytes, expecting: .clientKey, limits: limits)
        let p = try ParameterSetCoding.read(&r)
        let c = p.compute
        let small = try readBinary(&r, count: c.lweDimension.value, "small LWE key")
        let glwe = try readBinary(&r, count: c.bigLweDimension.value, "GLWE key")
        var pke: [UInt64]?
        if try r.readOptionTag() {
            guard let d = p.compactPublicKey?.encryptionLweDimension else {
                throw .invalidValue(what: "compact-PKE key present but the parameters have none")
            }
            pke = try readBinary(&r, count: d.value, "compact-PKE key")
        }
        var comp: [UInt64]?
        if try r.readOptionTag() {
            guard let z = p.compression else { throw .invalidValue(what: "compression key present but the parameters have none") }
            comp = try readBinary(&r, count: z.packingKsGlweDimension.value * z.packingKsPolynomialSize.value, "compression key")
        }
        try r.finish()
        do {
            return try ClientKey(
                parameters: p,
                lweSecretKey: LweSecretKey(trusted: small),
                glweSecretKey: GlweSecretKey(trusted: c.glweDimension, c.polynomialSize, LweSecretKey(trusted: glwe)),
                compactPrivateKey: pke.map { LweSecretKey(trusted: $0) },
                compressionKey: comp.map {
                    GlweSecretKey(trusted: p.compression!.packingKsGlweDimension, p.compression!.packingKsPolynomialSize,
                                  LweSecretKey(trusted: $0))
                })
        } catch {
            throw .invalidValue(what: "client key (\(error))")
        }
    }

    /// Serialises a compact public key.
    package static func encode(_ key: CompactPublicKey) -> [UInt8] {
        var w = NativeFormat.header(.compactPublicKey)
        ParameterSetCoding.write(key.parameters, to: &w)
        w.writeWords(key.key.mask)
        w.writeWords(key.key.body)
        return w.bytes
    }

    /// Reads a compact public key.
    package static func decodeCompactPublicKey(_ bytes: [UInt8], limits: NativeFormat.Limits = .default) throws(SerializationError) -> CompactPublicKey {
        var r = try NativeFormat.open(bytes, expecting: .compactPublicKey, limits: limits)
        let p = try ParameterSetCoding.read(&r)
        let n = p.effectiveCompactPublicKey.encryptionLweDimension.value
        let mask = try r.readWords(max: n)
        let body = try r.readWords(max: n)
        try r.finish()
        guard mask.count == n, body.count == n else {
            throw .invalidValue(what: "compact public key size (expected \(n) coefficients)")
        }
        do {
            return try CompactPublicKey(parameters: p, key: LweCompactPublicKey(mask: mask, body: body))
        } catch {
            throw .invalidValue(what: "compact public key (\(error))")
        }
    }

    private static func writeBinary(_ coefficients: [UInt64], _ w: inout BincodeWriter) {
        w.writeBytes(coefficients.map { UInt8(truncatingIfNeeded: $0) })
    }

    private static func readBinary(_ r: inout BincodeReader, count: Int, _ what: String) throws(SerializationError) -> [UInt64] {
        let raw = try r.readBytes(max: count)
        guard raw.count == count else { throw .invalidValue(what: "\(what) length \(raw.count) (expected \(count))") }
        var out = [UInt64](repeating: 0, count: count)
        for i in 0..<count {
            guard raw[i] <= 1 else { throw .invalidValue(what: "\(what): coefficient is not binary") }
            out[i] = UInt64(raw[i])
        }
        return out
    }
}
