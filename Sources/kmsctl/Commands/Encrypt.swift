import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl encrypt`: encrypt a value of an fhEVM type under a key set.
struct Encrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encrypt a value under a key set's compact public key (default) or client key.",
        discussion: "--format tfhe-rs writes tfhe-rs objects: a CompactCiphertextList (public key, as fhevmjs) or an FheUint/FheBool (client key). --public-key FILE encrypts under a tfhe-rs CompactPublicKey file instead of a key directory.")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case `public`, secret
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case native
        case tfheRs = "tfhe-rs"
    }

    @Option(help: "Key directory (from keygen or key import).")
    var keys: String?

    @Option(name: .customLong("public-key"), help: "A tfhe-rs CompactPublicKey file (instead of --keys; implies --format tfhe-rs).")
    var publicKeyFile: String?

    @Option(help: "Output format: native (default with --keys) or tfhe-rs.")
    var format: Format?

    @Flag(help: "tfhe-rs lists: pack two blocks per entry (tfhe-rs build_packed).")
    var packed = false

    @Option(name: .customLong("tfhe-rs-version"), help: "tfhe-rs release whose layout to write, 0.8 to 1.7 (default: the key's).")
    var tfheRsVersion: String?

    @Option(help: "tfhe-rs encoding: safe_serialize, versioned (no header) or plain bincode (default: the key's).")
    var encoding: Key.Export.EncodingOption?

    @Option(help: "fhEVM type: ebool, euint4, euint8, euint16, euint32, euint64, euint128, eaddress, euint256, ebytes64, ebytes128, ebytes256.")
    var type: String

    @Option(help: "Value: decimal or 0x-hex (ebool also true/false, eaddress also an address).")
    var value: String

    @Option(name: .customLong("with"), help: "Encrypt with the public key (compact list, as fhevmjs) or the secret client key.")
    var method: Method = .public

    @Option(help: "Output ciphertext file.")
    var out: String

    func validate() throws {
        guard (keys == nil) != (publicKeyFile == nil) else { throw ValidationError("give exactly one of --keys DIR or --public-key FILE") }
        if publicKeyFile != nil {
            guard format != .native else { throw ValidationError("--public-key FILE is a tfhe-rs key: use --format tfhe-rs") }
            guard method == .public else { throw ValidationError("--public-key FILE can only encrypt with the public key") }
        }
        if packed, publicKeyFile == nil, format != .tfheRs { throw ValidationError("--packed applies to --format tfhe-rs") }
        if encoding != nil, publicKeyFile == nil, format != .tfheRs { throw ValidationError("--encoding applies to --format tfhe-rs") }
    }

    func run() throws {
        let fheType = try FheType(name: type)
        let clear = try ValueFormat.parse(value, as: fheType)
        let version = try Key.layout(tfheRsVersion)
        let chosenEncoding = encoding.flatMap { TfheRsKeyExport.Encoding(rawValue: $0.rawValue) }
        if let publicKeyFile {
            let pk = try readInput(publicKeyFile)
            let bytes = try parseFile(publicKeyFile) { _ in
                try TfheRsInterop.encrypt(clear, publicKeyBytes: pk, packed: packed, layout: version, encoding: chosenEncoding)
            }
            try SecureFile.write(bytes, to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: true)
            return
        }
        if format == .tfheRs, let keys {
            let store = KeyStore(directory: URL(fileURLWithPath: keys))
            let manifest = try store.manifest()
            let bytes: [UInt8]
            switch method {
            case .public:
                let (_, pk) = try store.loadPublicKey()
                let f = TfheRsKeyExport.recordedFormat(of: manifest, parameters: pk.parameters)
                bytes = try TfheRsInterop.encrypt(clear, publicKey: pk, packed: packed, layout: version ?? f.layout, encoding: chosenEncoding ?? f.encoding)
            case .secret:
                let ck = try store.load().clientKey
                let f = TfheRsKeyExport.recordedFormat(of: manifest, parameters: ck.parameters)
                bytes = try TfheRsInterop.encrypt(clear, clientKey: ck, layout: version ?? f.layout, encoding: chosenEncoding ?? f.encoding)
            }
            try SecureFile.write(bytes, to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: true)
            return
        }
        guard let keys else { throw ValidationError("--keys DIR is required") }
        let store = KeyStore(directory: URL(fileURLWithPath: keys))
        let file: CiphertextFile
        switch method {
        case .public:
            let (id, pk) = try store.loadPublicKey()
            file = CiphertextFile(keyID: id, ciphertext: pk.encrypt(clear))
        case .secret:
            let set = try store.load()
            file = CiphertextFile(keyID: set.keyID, ciphertext: set.clientKey.encrypt(clear))
        }
        try SecureFile.write(file.encoded(), to: URL(fileURLWithPath: out), permissions: 0o644, overwrite: true)
    }
}
