import KMSCore

/// The `digest` of a decryption response: SHA3-256 of bincode(DecryptionRequest) as the
/// reference serializes its prost struct (kms.md §1.2, §2.3): fields in .proto order, proto
/// enums as i32, `bytes`/`string` with a u64 length, message fields and `optional` fields as
/// `Option` (tag byte 0/1 then the value), repeated fields with a u64 count.
enum RequestDigest {
    static func decryption(_ r: Kms_DecryptionRequest) -> [UInt8] {
        var w = BincodeWriter()
        w.write(r.version)
        w.writeLength(r.ciphertexts.count)
        for c in r.ciphertexts {
            w.writeBytes([UInt8](c.ciphertext))
            w.write(Int32(truncatingIfNeeded: c.fheType.rawValue))
            w.writeOptionTag(c.hasExternalHandle)
            if c.hasExternalHandle { w.writeBytes([UInt8](c.externalHandle)) }
        }
        writeRequestID(r.hasKeyID ? r.keyID : nil, to: &w)
        w.writeOptionTag(r.hasDomain)
        if r.hasDomain {
            let d = r.domain
            w.write(d.name)
            w.write(d.version)
            w.writeBytes([UInt8](d.chainID))
            w.write(d.verifyingContract)
            w.writeOptionTag(d.hasSalt)
            if d.hasSalt { w.writeBytes([UInt8](d.salt)) }
        }
        w.writeOptionTag(r.hasAclAddress)
        if r.hasAclAddress { w.write(r.aclAddress) }
        writeRequestID(r.hasRequestID ? r.requestID : nil, to: &w)
        return SHA3.hash256(w.bytes)
    }

    private static func writeRequestID(_ id: Kms_RequestId?, to w: inout BincodeWriter) {
        w.writeOptionTag(id != nil)
        if let id { w.write(id.requestID) }
    }
}
