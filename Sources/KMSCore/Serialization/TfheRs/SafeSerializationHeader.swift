/// The header tfhe-rs's `safe_serialize` writes before an object (tfhe-rs 0.8.0 and later):
/// `header_version: String` (`"0.5"`), `versioning_mode` (enum: 0 `Versioned { versioning_version:
/// String "0.1" }`, 1 `Unversioned { crate_version: String "major.minor" }`), `name: String`
/// (the object's type, e.g. `high_level_api::ClientKey`).
///
/// ```swift
/// let h = SafeSerializationHeader.versioned(name: "high_level_api::CompactPublicKey")
/// h.encoded.count    // 66
/// ```
public struct SafeSerializationHeader: Sendable, Equatable {
    /// How the object after the header is encoded.
    public enum Mode: Sendable, Equatable {
        /// `tfhe-versionable` versioned bincode, with the versioning scheme's version (`"0.1"`).
        case versioned(versioningVersion: String)
        /// Plain bincode of the release `crateVersion` (`"major.minor"`).
        case unversioned(crateVersion: String)
    }

    /// The only header version understood: tfhe-rs 0.8.0 – 1.x.
    package static let currentHeaderVersion = "0.5"
    /// The only versioning scheme version understood.
    package static let currentVersioningVersion = "0.1"

    package var headerVersion: String
    package var mode: Mode
    package var name: String

    package init(headerVersion: String = SafeSerializationHeader.currentHeaderVersion, mode: Mode, name: String) {
        self.headerVersion = headerVersion
        self.mode = mode
        self.name = name
    }

    /// The header of a versioned object named `name`, as tfhe-rs writes it.
    package static func versioned(name: String) -> SafeSerializationHeader {
        SafeSerializationHeader(mode: .versioned(versioningVersion: currentVersioningVersion), name: name)
    }

    /// Whether the object after the header carries version tags.
    package var isVersioned: Bool {
        if case .versioned = mode { return true }
        return false
    }

    /// The header's bytes.
    package var encoded: [UInt8] {
        var w = BincodeWriter(capacity: 96)
        w.write(headerVersion)
        switch mode {
        case .versioned(let v):
            w.write(UInt32(0))
            w.write(v)
        case .unversioned(let v):
            w.write(UInt32(1))
            w.write(v)
        }
        w.write(name)
        return w.bytes
    }

    /// Whether `bytes` begin like a header (a u64 length 3 then `"0.5"`), without parsing further.
    package static func isPresent(in bytes: [UInt8]) -> Bool {
        bytes.count >= 11 && bytes[0] == 3 && bytes[1..<8].allSatisfy({ $0 == 0 })
            && bytes[8] == 0x30 && bytes[9] == 0x2e && bytes[10] == 0x35
    }

    /// Reads a header at the start of `bytes`; returns it and the offset of the object.
    /// - Throws: `TfheRsError.unsupportedHeader` for another header or versioning version.
    package static func decode(_ bytes: [UInt8], limits: TfheRsLimits = .default) throws(TfheRsError) -> (SafeSerializationHeader, Int) {
        guard bytes.count <= limits.sizeLimit else { throw .sizeLimitExceeded(size: bytes.count, limit: limits.sizeLimit) }
        var r = BincodeReader(bytes)
        do {
            let hv = try r.readString(max: 16)
            guard hv == currentHeaderVersion else {
                throw TfheRsError.unsupportedHeader("header version \"\(hv)\" (only \"\(currentHeaderVersion)\", tfhe-rs 0.8 and later, is supported)")
            }
            let modeAt = r.offset
            let m: UInt32 = try r.read()
            let mode: Mode
            switch m {
            case 0:
                let v = try r.readString(max: 16)
                guard v == currentVersioningVersion else {
                    throw TfheRsError.unsupportedHeader("versioning scheme \"\(v)\" (only \"\(currentVersioningVersion)\" is supported)")
                }
                mode = .versioned(versioningVersion: v)
            case 1:
                let v = try r.readString(max: 16)
                guard !TfheRsLayout.layouts(forCrateVersion: v).isEmpty else {
                    throw TfheRsError.unsupportedHeader("unversioned data of tfhe-rs \(v) (only 0.8 to 1.7 are supported)")
                }
                mode = .unversioned(crateVersion: v)
            default:
                throw TfheRsError.unknownVariant(type: "SerializationVersioningMode", value: m, offset: modeAt)
            }
            let name = try r.readString(max: 256)
            return (SafeSerializationHeader(headerVersion: hv, mode: mode, name: name), r.offset)
        } catch let e as TfheRsError {
            throw e
        } catch let e as SerializationError {
            throw .malformed(e)
        } catch {
            throw .unsupportedHeader("\(error)")
        }
    }
}
