import Foundation

/// The KMS's signing identity: a secp256k1 key whose Ethereum address is registered in
/// KMSVerifier (`addSigner`) and given to fhevmjs clients (`getSigners()`).
///
/// File format (the reference KMS's `PrivateSigKey` bincode, kms.md §6): 40 bytes,
/// `20 00 00 00 00 00 00 00` (u64 length 32) ‖ the 32-byte big-endian scalar. Files are written
/// atomically with mode 0600 and never silently overwritten; loading refuses a file that group or
/// others can read, and any other length or an out-of-range scalar.
///
/// ```swift
/// let signer = KMSSigner.generate()
/// try signer.save(to: URL(fileURLWithPath: "kms-signer.key"))
/// let loaded = try KMSSigner.load(from: URL(fileURLWithPath: "kms-signer.key"))
/// print(loaded.address)        // EIP-55, e.g. 0x0971C80fF03B428fD2094dd5354600ab103201C5
/// ```
public struct KMSSigner: Sendable, CustomStringConvertible {
    /// The signing key.
    public let key: Secp256k1PrivateKey

    /// An identity with an existing key.
    public init(key: Secp256k1PrivateKey) { self.key = key }

    /// A fresh identity from the system CSPRNG.
    public static func generate() -> KMSSigner { KMSSigner(key: .generate()) }

    /// The EIP-55 address (what KMSVerifier stores).
    public var address: EthereumAddress { key.address }

    /// The public key.
    public var publicKey: Secp256k1PublicKey { key.publicKey }

    /// bincode(PublicSigKey) = `u64 33 ‖ compressed key` (41 bytes), the `verification_key` of responses.
    package var verificationKey: [UInt8] { DecryptionResponsePayload.verificationKey(of: key.publicKey) }

    /// The 40-byte file content.
    package var fileBytes: [UInt8] {
        var w = BincodeWriter(capacity: 40)
        w.writeBytes(key.rawRepresentation)
        return w.bytes
    }

    /// Parses the 40-byte file content.
    /// - Throws: `SignatureError.invalidSignerFile` or `.invalidPrivateKey`.
    package init(fileBytes bytes: [UInt8]) throws(SignatureError) {
        var r = BincodeReader(bytes)
        guard bytes.count == 40, let len: UInt64 = try? r.read(), len == 32, let raw = try? r.readRaw(32) else {
            throw .invalidSignerFile("expected 40 bytes: u64 length 32 followed by the 32-byte key")
        }
        key = try Secp256k1PrivateKey(rawRepresentation: raw)
    }

    /// Writes the key to `url` with mode 0600.
    /// - Throws: `StorageError.alreadyExists` unless `overwrite`.
    public func save(to url: URL, overwrite: Bool = false) throws(StorageError) {
        try SecureFile.write(fileBytes, to: url, permissions: 0o600, overwrite: overwrite)
    }

    /// Loads a key file written by `save`.
    public static func load(from url: URL) throws -> KMSSigner {
        let mode = try SecureFile.permissions(of: url)
        guard mode & 0o077 == 0 else {
            throw SignatureError.invalidSignerFile(
                "\(url.path) is accessible by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        return try KMSSigner(fileBytes: SecureFile.read(url))
    }

    public var description: String { "KMSSigner(\(address.checksummed))" }
}
