import ArgumentParser
import Foundation
import KMSCore

/// The flags of `kmsctl decrypt` that switch it to a signed fhEVM decryption response.
struct SignedDecryptOptions: ParsableArguments {
    @Option(name: .customLong("handle"), help: "32-byte fhEVM handle of each --ct, in the same order (hex).")
    var handles: [String] = []

    @Option(help: "KMS signing key file; its presence selects the signed JSON output.")
    var signer: String?

    @Option(help: "ACL contract address of the host chain.")
    var acl: String?

    @Option(help: "Host chain id (decimal or 0x-hex, a uint256).")
    var chainId: String?

    @Option(help: "KMSVerifier (proxy) address, the EIP-712 verifying contract.")
    var verifyingContract: String?

    @Flag(help: "Append the bytes[] signatures offset (trustless callbacks).")
    var passSignaturesToCaller = false

    /// Called by ArgumentParser for the option group: the signed-response flags mean nothing
    /// without `--signer`, and dropping them silently would print an unsigned value to a caller
    /// that asked for a signed response.
    func validate() throws {
        guard signer == nil else { return }
        let given = [(!handles.isEmpty, "--handle"), (acl != nil, "--acl"), (chainId != nil, "--chain-id"),
                     (verifyingContract != nil, "--verifying-contract"),
                     (passSignaturesToCaller, "--pass-signatures-to-caller")].filter(\.0).map(\.1)
        if !given.isEmpty {
            throw ValidationError("\(given.joined(separator: ", ")) only apply to signed decryption: add --signer FILE")
        }
    }

    func validate(ciphertextCount: Int) throws {
        guard ciphertextCount > 0 else { throw ValidationError("give at least one --ct FILE") }
        guard handles.count >= ciphertextCount else {
            throw ValidationError("give one --handle per value (\(ciphertextCount) ciphertext files, \(handles.count) handles)")
        }
        guard acl != nil, chainId != nil, verifyingContract != nil else {
            throw ValidationError("signed decryption needs --acl, --chain-id and --verifying-contract")
        }
    }

    /// Reads every `--ct` (native or tfhe-rs; a list file gives several values, in order) and
    /// signs their decryption; the values pair with `--handle`s in order.
    func run(reader: CiphertextReader, decryptor: some FheDecryptor, ciphertextPaths: [String]) throws -> SignedDecryptionResult {
        guard let signerPath = signer, let acl, let chainId, let verifyingContract else {
            throw ValidationError("signed decryption needs --signer, --acl, --chain-id and --verifying-contract")
        }
        let key = try KMSSigner.load(from: URL(fileURLWithPath: signerPath))
        let parsedHandles = try handles.map { try FheHandle(hex: $0) }
        var cts: [FheCiphertext] = []
        for path in ciphertextPaths { cts += try parseFile(path) { try reader.read($0) } }
        let domain = EIP712Domain.kmsVerifier(chainId: try ChainID(parsing: chainId),
                                              verifyingContract: try EthereumAddress(parsing: verifyingContract))
        return try SignedDecryption.decryptAndSign(
            ciphertexts: cts, handles: parsedHandles, decryptor: decryptor, signer: key,
            aclAddress: EthereumAddress(parsing: acl), domain: domain,
            passSignaturesToCaller: passSignaturesToCaller)
    }
}
