import ArgumentParser
import Foundation
import KMSCore

/// `kmsctl encrypt`: encrypt a value of an fhEVM type under a key set.
struct Encrypt: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Encrypt a value under a key set's compact public key (default) or client key.")

    enum Method: String, ExpressibleByArgument, CaseIterable {
        case `public`, secret
    }

    @Option(help: "Key directory (from keygen).")
    var keys: String

    @Option(help: "fhEVM type: ebool, euint4, euint8, euint16, euint32, euint64, euint128, eaddress, euint256, ebytes64, ebytes128, ebytes256.")
    var type: String

    @Option(help: "Value: decimal or 0x-hex (ebool also true/false, eaddress also an address).")
    var value: String

    @Option(name: .customLong("with"), help: "Encrypt with the public key (compact list, as fhevmjs) or the secret client key.")
    var method: Method = .public

    @Option(help: "Output ciphertext file.")
    var out: String

    func run() throws {
        let fheType = try FheType(name: type)
        let clear = try ValueFormat.parse(value, as: fheType)
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
