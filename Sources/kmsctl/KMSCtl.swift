import ArgumentParser

/// `kmsctl`: a thin command-line front end over KMSCore and KMSChain.
/// Every decision lives in the libraries; commands parse, call, and print.
@main
struct KMSCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kmsctl",
        abstract: "SwiftKMS: TFHE key management compatible with Zama's fhEVM stack.",
        subcommands: [
            Keygen.self,
            Encrypt.self,
            Decrypt.self,
            Reencrypt.self,
            Threshold.self,
            User.self,
            Signer.self,
            EIP712.self,
            Header.self,
            Key.self,
            Eval.self,
            Squash.self,
            Bench.self,
            Serve.self,
            Party.self,
        ]
    )
}
