import Foundation

/// A tfhe-rs object together with how it is (or will be) encoded: with or without the
/// `safe_serialize` header, versioned or plain bincode, and the layout generation.
///
/// Decoding accepts, for every supported object type:
/// - `safe_serialize` output (header `"0.5"`, versioned or unversioned) — the header names the type;
/// - versioned bincode without header (`bincode::serialize(&obj.versionize())`);
/// - plain bincode without header (the wasm/C-API `serialize()`, e.g. tfhe-rs 0.8.0's fhevmjs keys).
///
/// Without a header the type (unless `expecting` is given) and, for plain bincode, the layout are
/// found by trying each candidate: the one that reads every byte wins.
///
/// ```swift
/// let file = try TfheRsFile.decode(bytes)
/// print(file.object.type, file.header?.headerVersion ?? "none", file.layout)
/// let again = try file.encode()        // identical to `bytes`
/// ```
public struct TfheRsFile: Sendable {
    /// The `safe_serialize` header, if the data has (or is to get) one.
    package var header: SafeSerializationHeader?
    /// Whether the object is versioned bincode.
    public var versioned: Bool
    /// The layouts the object is compatible with (all of them when nothing in the bytes tells
    /// them apart, e.g. an `FheUint`).
    package var compatibleLayouts: TfheRsLayoutSet
    /// The layout used to write the object: the oldest compatible one.
    public var layout: TfheRsLayout
    public var object: TfheRsObject

    /// An object to be written with `layout`, by default as `safe_serialize` output.
    public init(object: TfheRsObject, layout: TfheRsLayout, safeSerialized: Bool = true, versioned: Bool = true) {
        self.object = object
        self.layout = layout
        self.compatibleLayouts = TfheRsLayoutSet(layout)
        self.versioned = versioned
        if safeSerialized {
            header = SafeSerializationHeader(
                mode: versioned ? .versioned(versioningVersion: SafeSerializationHeader.currentVersioningVersion)
                                : .unversioned(crateVersion: layout.unversionedCrateVersion),
                name: object.type.typeName)
        } else {
            header = nil
        }
    }

    /// How the bytes were encoded, for reports: `"safe_serialize 0.5, versioned"`, `"plain bincode"`, ….
    public var encodingDescription: String {
        let body = versioned ? "versioned" : "unversioned"
        if let h = header { return "safe_serialize \(h.headerVersion), \(body)" }
        return versioned ? "versioned bincode, no header" : "plain bincode, no header"
    }

    /// Reads a tfhe-rs file from disk: refused before reading when larger than
    /// `limits.sizeLimit`, read into one buffer of the file's size, then decoded with
    /// `decode(_:expecting:layout:limits:)` (bulk key material stays in that buffer, so a 131 MB
    /// server key costs about 131 MB).
    /// - Throws: `StorageError` when the file cannot be read or is too large, else `TfheRsError`.
    public static func read(contentsOf url: URL, expecting: TfheRsObjectType? = nil, layout: TfheRsLayout? = nil,
                            limits: TfheRsLimits = .key) throws -> TfheRsFile {
        let bytes = try SecureFile.read(url, maxSize: limits.sizeLimit)
        return try decode(bytes, expecting: expecting, layout: layout, limits: limits)
    }

    /// Reads a tfhe-rs object.
    /// - Parameters:
    ///   - bytes: the serialized object (`safe_serialize` output, versioned or plain bincode).
    ///   - expecting: the required type; `nil` accepts any supported type.
    ///   - layout: for plain bincode, the layout to use instead of trying each one.
    ///   - limits: hard limits (`.ciphertext` for 16 MiB ciphertexts).
    /// - Throws: `TfheRsError`; for headerless data, the error of the candidate that read furthest.
    public static func decode(_ bytes: [UInt8], expecting: TfheRsObjectType? = nil, layout: TfheRsLayout? = nil,
                              limits: TfheRsLimits = .key) throws(TfheRsError) -> TfheRsFile {
        guard bytes.count <= limits.sizeLimit else { throw .sizeLimitExceeded(size: bytes.count, limit: limits.sizeLimit) }
        if SafeSerializationHeader.isPresent(in: bytes) {
            let (header, start) = try SafeSerializationHeader.decode(bytes, limits: limits)
            guard let type = TfheRsObjectType(rawValue: header.name) else {
                throw .unsupported("object type \(header.name)")
            }
            if let expecting, expecting != type {
                throw .unexpectedObject(expected: expecting.typeName, found: type.typeName)
            }
            switch header.mode {
            case .versioned:
                var d = try TfheRsDecoder(bytes, offset: start, versioned: true, layouts: layout.map { TfheRsLayoutSet($0) } ?? .all, limits: limits)
                let object = try TfheRsObject.decode(type, from: &d)
                try d.finish()
                return TfheRsFile(header: header, versioned: true, layouts: d.layouts, object: object)
            case .unversioned(let crate):
                // Plain data after the header: each layout the crate version may stand for.
                let ls = TfheRsLayout.layouts(forCrateVersion: crate).filter { layout == nil || $0 == layout }
                guard !ls.isEmpty else { throw .unsupportedHeader("tfhe-rs \(crate)") }
                // Every candidate that reads the bytes is reported ("1.2" also stands for the
                // main-branch window after it, whose bytes differ only for some objects).
                var best: (offset: Int, error: TfheRsError)?
                var found: (object: TfheRsObject, layouts: TfheRsLayoutSet)?
                for l in ls {
                    var d = try TfheRsDecoder(bytes, offset: start, versioned: false, layouts: TfheRsLayoutSet(l), limits: limits)
                    do {
                        let object = try TfheRsObject.decode(type, from: &d)
                        try d.finish()
                        found = (found?.object ?? object, TfheRsLayoutSet(bits: (found?.layouts.bits ?? 0) | d.layouts.bits))
                    } catch {
                        if best == nil || d.offset > best!.offset { best = (d.offset, error) }
                    }
                }
                if let found { return TfheRsFile(header: header, versioned: false, layouts: found.layouts, object: found.object) }
                throw best?.error ?? .unsupportedHeader("tfhe-rs \(crate)")
            }
        }

        // No header: try every candidate encoding; the first to read every byte wins.
        let types = expecting.map { [$0] } ?? TfheRsObjectType.allCases
        var attempts: [(versioned: Bool, layouts: TfheRsLayoutSet)] = [(true, layout.map { TfheRsLayoutSet($0) } ?? .all)]
        for l in (layout.map { [$0] } ?? TfheRsLayout.allCases) { attempts.append((false, TfheRsLayoutSet(l))) }
        // The error reported is that of the attempt that read furthest, among the older types
        // when any was tried (see `TfheRsObjectType.isLateHeaderlessGuess`).
        var best: (offset: Int, error: TfheRsError)?, bestLate: (offset: Int, error: TfheRsError)?
        for type in types {
            for attempt in attempts {
                var d = try TfheRsDecoder(bytes, versioned: attempt.versioned, layouts: attempt.layouts, limits: limits)
                do {
                    let object = try TfheRsObject.decode(type, from: &d)
                    try d.finish()
                    return TfheRsFile(header: nil, versioned: attempt.versioned, layouts: d.layouts, object: object)
                } catch {
                    if type.isLateHeaderlessGuess {
                        if bestLate == nil || d.offset > bestLate!.offset { bestLate = (d.offset, error) }
                    } else if best == nil || d.offset > best!.offset {
                        best = (d.offset, error)
                    }
                }
            }
        }
        throw (best ?? bestLate)?.error ?? .unsupported("no tfhe-rs object type matches")
    }

    private init(header: SafeSerializationHeader?, versioned: Bool, layouts: TfheRsLayoutSet, object: TfheRsObject) {
        self.header = header
        self.versioned = versioned
        self.compatibleLayouts = layouts
        self.layout = layouts.oldest ?? .v0_8
        self.object = object
    }

    /// The offsets of every structural field of `bytes` (header strings and mode, version tags,
    /// lengths, enum variants, `Option` tags), for tests that corrupt exactly those fields.
    static func structuralFields(of bytes: [UInt8]) throws(TfheRsError) -> [TfheRsDecoder.StructuralField] {
        let file = try decode(bytes)
        var fields: [TfheRsDecoder.StructuralField] = []
        var start = 0
        if let h = file.header {
            fields.append(.init(offset: 0, kind: .length))
            let modeAt = 8 + h.headerVersion.utf8.count
            fields.append(.init(offset: modeAt, kind: .variant(count: 2)))
            fields.append(.init(offset: modeAt + 4, kind: .length))
            let modeString: String
            switch h.mode {
            case .versioned(let v): modeString = v
            case .unversioned(let v): modeString = v
            }
            fields.append(.init(offset: modeAt + 12 + modeString.utf8.count, kind: .length))
            start = h.encoded.count
        }
        var d = try TfheRsDecoder(bytes, offset: start, versioned: file.versioned, layouts: file.compatibleLayouts)
        d.trace = []
        _ = try TfheRsObject.decode(file.object.type, from: &d)
        return fields + (d.trace ?? [])
    }

    /// The object's bytes: the header (if any), then the object in `layout`.
    /// - Throws: `unsupported` when the object uses a feature `layout` cannot express.
    public func encode() throws(TfheRsError) -> [UInt8] {
        var e = TfheRsEncoder(versioned: versioned, layout: layout, capacity: object.estimatedSize)
        if var h = header {
            h.name = object.type.typeName
            e.writer.writeRaw(h.encoded)
        }
        try object.encode(to: &e)
        return e.bytes
    }
}
