import ArgumentParser
import Foundation
import KMSCore

/// What a signed fhEVM decryption result names besides the values: the handles, the ACL
/// contract and the KMSVerifier EIP-712 domain (shared by `decrypt` and `threshold combine`).
struct DecryptionResultOptions: ParsableArguments {
    @Option(name: .customLong("handle"), parsing: .upToNextOption,
            help: "32-byte fhEVM handle of each value, in order (hex; several after one flag, or repeat it).")
    var handles: [String] = []

    @Option(help: "ACL contract address of the host chain.")
    var acl: String?

    @Option(help: "Host chain id (decimal or 0x-hex, a uint256).")
    var chainId: String?

    @Option(help: "KMSVerifier (proxy) address, the EIP-712 verifying contract.")
    var verifyingContract: String?

    @Flag(help: "Append the bytes[] signatures offset (trustless callbacks).")
    var passSignaturesToCaller = false

    /// The flags given, by name (for refusing them without a signer).
    var given: [String] {
        [(!handles.isEmpty, "--handle"), (acl != nil, "--acl"), (chainId != nil, "--chain-id"),
         (verifyingContract != nil, "--verifying-contract"), (passSignaturesToCaller, "--pass-signatures-to-caller")]
            .filter(\.0).map(\.1)
    }

    func validate(valueCount: Int) throws {
        guard valueCount > 0 else { throw ValidationError("give at least one --ct FILE") }
        guard handles.count >= valueCount else {
            throw ValidationError("give one --handle per value (\(valueCount) values, \(handles.count) handles)")
        }
        guard acl != nil, chainId != nil, verifyingContract != nil else {
            throw ValidationError("signed decryption needs --acl, --chain-id and --verifying-contract")
        }
    }

    /// The parsed handles, ACL address and domain.
    func parsed() throws -> (handles: [FheHandle], acl: EthereumAddress, domain: EIP712Domain) {
        guard let acl, let chainId, let verifyingContract else {
            throw ValidationError("signed decryption needs --acl, --chain-id and --verifying-contract")
        }
        let domain = EIP712Domain.kmsVerifier(chainId: try ChainID(parsing: chainId),
                                              verifyingContract: try EthereumAddress(parsing: verifyingContract))
        return (try handles.map { try FheHandle(hex: $0) }, try EthereumAddress(parsing: acl), domain)
    }
}

/// The flags of `kmsctl decrypt` that switch it to a signed fhEVM decryption response.
struct SignedDecryptOptions: ParsableArguments {
    @Option(help: "KMS signing key file; its presence selects the signed JSON output.")
    var signer: String?

    @OptionGroup var result: DecryptionResultOptions

    /// Called by ArgumentParser for the option group: the signed-response flags mean nothing
    /// without `--signer`, and dropping them silently would print an unsigned value to a caller
    /// that asked for a signed response.
    func validate() throws {
        guard signer == nil else { return }
        if !result.given.isEmpty {
            throw ValidationError("\(result.given.joined(separator: ", ")) only apply to signed decryption: add --signer FILE")
        }
    }

    func validate(ciphertextCount: Int) throws { try result.validate(valueCount: ciphertextCount) }

    /// Reads every `--ct` (native or tfhe-rs; a list file gives several values, in order) and
    /// signs their decryption; the values pair with `--handle`s in order.
    func run(reader: CiphertextReader, decryptor: some FheDecryptor, ciphertextPaths: [String]) throws -> SignedDecryptionResult {
        guard let signerPath = signer else { throw ValidationError("signed decryption needs --signer") }
        let key = try KMSSigner.load(from: URL(fileURLWithPath: signerPath))
        let (handles, acl, domain) = try result.parsed()
        var cts: [FheCiphertext] = []
        for path in ciphertextPaths { cts += try parseFile(path) { try reader.read($0) } }
        return try SignedDecryption.decryptAndSign(ciphertexts: cts, handles: handles, decryptor: decryptor, signer: key,
                                                   aclAddress: acl, domain: domain,
                                                   passSignaturesToCaller: result.passSignaturesToCaller)
    }
}
